/**
 * The virtual receipt printer: a TCP server on 127.0.0.1 that decodes Epson ESC/POS and Star
 * line mode, answers status requests, plays paper-out, cover-open and offline, and keeps what it
 * printed. Used by the printing tests, `npm run -s cli -- virtual-printer`, and the simulator.
 */
export { VirtualPrinter, type VirtualPrinterOptions, type OfflineMode, type PaperCondition } from './server';
export { EscPosDecoder, type Slip, type SlipItem, type StatusRequest } from './decoder';
export { renderSlipPng } from './render-png';
