/**
 * The Electron security decisions as plain functions, with no `electron` import, so that unit
 * tests can check them although the Electron binary is not installed (docs/SECURITY.md lists
 * which checklist item each one answers).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'dosedesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True only for our own pages served from app://dosedesk/. */
export function isTrustedUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Requests the session lets through: our own protocol, and devtools when they are enabled. */
export function isAllowedRequest(url: string): boolean {
  return isTrustedUrl(url) || url.startsWith('devtools://');
}

/** Every permission a page can ask for (camera, notifications, HID, serial, …): no. */
export function decidePermission(_permission: string): boolean {
  return false;
}

export interface KeyInput {
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

export type KioskKeyAction = 'allow' | 'block' | 'devtools' | 'reload' | 'quit';

/**
 * What a key press may do in the kiosk window. Outside maintenance mode every key that could
 * open devtools, reload, print, zoom, toggle full screen, close or quit is swallowed; in
 * maintenance mode (a signed-in supervisor, or DOSEDESK_MAINTENANCE=1) the devtools, reload and
 * quit keys do their job.
 */
export function kioskKeyAction(input: KeyInput, maintenance: boolean): KioskKeyAction {
  const key = input.key.toLowerCase();
  const ctrl = input.control || input.meta;
  const devtools = key === 'f12' || (ctrl && input.shift && ['i', 'j', 'c'].includes(key)) || (input.meta && input.alt && key === 'i');
  const reload = key === 'f5' || (ctrl && key === 'r');
  const quit = (ctrl && ['q', 'w'].includes(key)) || (input.alt && key === 'f4');
  const other = key === 'f11' || (ctrl && ['p', 's', 'o', 'n', 't', '+', '-', '=', '0'].includes(key));
  if (!maintenance) return devtools || reload || quit || other ? 'block' : 'allow';
  if (devtools) return 'devtools';
  if (reload) return 'reload';
  if (quit) return 'quit';
  return 'allow';
}
