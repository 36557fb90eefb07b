interface Window {
  /** Provided by the transport: the Electron preload, or the preview server's bridge script. */
  kiosk: import('../src-main/contract').KioskApi;
}
