import { permissionOf } from '../../shared/contract';
import { isPublicRead } from '../../shared/access';
import type { Dispatch } from './dispatcher';

/**
 * Calls that wait for work the station is still finishing (the demo staff being written after a
 * first seed): while `pending()` gives a promise, every call but the public reads (status bar,
 * sign-in form) waits for it to settle, then runs as usual.
 */
export function dispatchWhenSettled(dispatch: Dispatch, pending: () => Promise<unknown> | null): Dispatch {
  return async (method, args, call) => {
    const work = pending();
    if (work) {
      const permission = permissionOf(String(method));
      if (!permission || !isPublicRead(permission)) await work.catch(() => {});
    }
    return dispatch(method, args, call);
  };
}
