/**
 * The client's copy and staff reprints, through the operating system's print system (CUPS'
 * `lp`): made in memory from the record document, never written to disk by the kiosk.
 */
export { clientCopyOf, type ClientCopy } from './client-copy';
export { renderClientCopyPdf } from './client-copy-pdf';
export { printClientCopy, type CopyPrinter, type CopyPrintOutcome } from './print-copy';
export { lpAvailable, printPdf, PrintError, type PrintFailure, type PrintJob } from './print-job';
