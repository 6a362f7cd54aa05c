import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BELGIAN_EID_ATR, VirtualEidCard, VpcdLink } from '../../../../src/devices/virtual-eid';
import { waitUntil } from '../../../support/pcscd';

/** The vpcd side of the wire, as the driver inside pcscd speaks it: 2-byte length + payload. */
class FakeVpcd {
  readonly server: Server;
  socket: Socket | undefined;
  private buffer = Buffer.alloc(0);
  private waiting: Array<(frame: Buffer) => void> = [];

  constructor() {
    this.server = createServer((socket) => {
      this.socket = socket;
      socket.on('data', (chunk) => {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        while (this.buffer.length >= 2 && this.buffer.length >= 2 + this.buffer.readUInt16BE(0)) {
          const frame = this.buffer.subarray(2, 2 + this.buffer.readUInt16BE(0));
          this.buffer = this.buffer.subarray(2 + frame.length);
          this.waiting.shift()?.(frame);
        }
      });
    });
  }

  listen(port = 0): Promise<number> {
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port)));
  }

  /** Sends one frame; resolves with the card's reply (control bytes other than 04 get none). */
  send(payload: number[]): Promise<Buffer> {
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    const reply = new Promise<Buffer>((resolve) => this.waiting.push(resolve));
    this.socket!.write(frame);
    return reply;
  }

  sendNoReply(payload: number[]): void {
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    this.socket!.write(frame);
  }

  close(): Promise<void> {
    this.socket?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('VpcdLink (the virtual card on the vpcd wire)', () => {
  it('answers ATR requests and command APDUs, and powers the card on and off', async () => {
    const vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    cleanups.push(() => vpcd.close());
    const link = new VpcdLink({ port });
    cleanups.push(() => link.remove());
    const card = new VirtualEidCard();
    link.insert(card);
    await link.waitConnected();
    await waitUntil(() => vpcd.socket !== undefined, 2000, 'the card to connect');

    expect([...(await vpcd.send([0x04]))]).toEqual([...BELGIAN_EID_ATR]);
    vpcd.sendNoReply([0x01]);
    const select = await vpcd.send([0x00, 0xa4, 0x08, 0x0c, 0x06, 0x3f, 0x00, 0xdf, 0x01, 0x40, 0x31]);
    expect(select.toString('hex')).toBe('9000');
    expect(card.isPowered).toBe(true);
    vpcd.sendNoReply([0x00]);
    expect((await vpcd.send([0x04])).length).toBe(BELGIAN_EID_ATR.length); // still there after power off
    expect(card.isPowered).toBe(false);
  });

  it('reconnects when vpcd goes away and comes back on the same port', async () => {
    let vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    const link = new VpcdLink({ port, retryMs: 20 });
    cleanups.push(() => link.remove());
    link.insert(new VirtualEidCard());
    await link.waitConnected();
    await vpcd.close(); // pcscd stopped
    await waitUntil(() => !link.connected, 2000, 'the link to notice');
    vpcd = new FakeVpcd();
    await vpcd.listen(port); // pcscd started again
    cleanups.push(() => vpcd.close());
    await link.waitConnected(3000);
    await waitUntil(() => vpcd.socket !== undefined, 2000, 'the card to come back');
    expect((await vpcd.send([0x04])).length).toBe(BELGIAN_EID_ATR.length);
  });

  it('drops the line without answering when the card is pulled mid-read, and stays out', async () => {
    const vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    cleanups.push(() => vpcd.close());
    const link = new VpcdLink({ port, retryMs: 20 });
    const card = new VirtualEidCard();
    link.insert(card);
    await link.waitConnected();
    await waitUntil(() => vpcd.socket !== undefined, 2000, 'the card to connect');
    card.pullAfterReads(0);
    const closed = new Promise<void>((resolve) => vpcd.socket!.once('close', () => resolve()));
    vpcd.sendNoReply([0x00, 0xb0, 0x00, 0x00, 0xf8]);
    await closed;
    expect(card.isPulled).toBe(true);
    expect(link.inserted).toBeUndefined();
  });
});
