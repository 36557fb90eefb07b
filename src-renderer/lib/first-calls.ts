/**
 * The calls the App awaits before it can draw anything, started by main.ts before the App
 * mounts so that main answers while the page builds its first screen. Each promise is handed
 * over once: later reloads of the kiosk's state call the API afresh.
 */
import { api } from './api';

export interface FirstCalls {
  /** `frontdesk.access`: whether an unlock from before a reload is still held in main. */
  access: ReturnType<typeof api.frontdesk.access>;
  /** `app.info`: the kiosk, its clinic and programmes, which screen comes first. */
  info: ReturnType<typeof api.app.info>;
}

export function startFirstCalls(): FirstCalls {
  return { access: api.frontdesk.access(), info: api.app.info() };
}
