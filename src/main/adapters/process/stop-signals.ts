/** The signals that ask a station to stop: Ctrl+C in a terminal, and service managers' stop. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Calls `stop` once on the first SIGINT or SIGTERM, and keeps listening for as long as the process
 * lives. conf, through atomically's when-exit, listens too and raises the signal again once its
 * own listener has run: with a `once` listener of ours already gone, that second signal killed the
 * station before it closed its database and sockets.
 */
export function onStopSignal(stop: () => void): void {
  let asked = false;
  const listener = () => {
    if (asked) return;
    asked = true;
    stop();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, listener);
}
