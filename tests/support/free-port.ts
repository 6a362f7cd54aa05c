import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A free loopback port, found by listening on port 0 and closing again. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
