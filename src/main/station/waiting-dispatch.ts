import type { Dispatch } from './dispatcher';

/**
 * Calls that wait for work the station is still finishing (the demo staff being written after a
 * first seed): while `pending()` gives a promise, every call waits for it to settle, then runs as
 * usual. Public reads too: centre.status answered before the demo supervisor is written would send
 * the screen to setting up a centre.
 */
export function dispatchWhenSettled(dispatch: Dispatch, pending: () => Promise<unknown> | null): Dispatch {
  return async (method, args, call) => {
    const work = pending();
    if (work) await work.catch(() => {});
    return dispatch(method, args, call);
  };
}
