import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrinter, parsePrinterUri, renderReceipt } from '../../../src/main/adapters/printer/printer';
import { DeviceTransport } from '../../../src/main/adapters/printer/device-transport';
import { OsTransport } from '../../../src/main/adapters/printer/os-transport';
import { TransportError } from '../../../src/main/adapters/printer/transport';
import { sampleCard } from '../../../src/domain/card/sample';
import { EscPosDecoder, type Slip } from '../../../src/devices/virtual-printer';
import { tempDir } from './helpers';

const card = sampleCard({ language: 'nl', fullName: 'Zoë Françoise Müller-Weiß', now: new Date('2021-05-03T08:15:00Z') });

function decode(bytes: Uint8Array): Slip[] {
  const slips: Slip[] = [];
  const decoder = new EscPosDecoder('epson', { onSlip: (s) => slips.push(s), onStatusRequest: () => undefined });
  decoder.feed(bytes);
  return slips;
}

describe('printer addresses and links', () => {
  it('parses the addresses the settings allow, and node-thermal-printer style ones', () => {
    expect(parsePrinterUri('tcp://10.0.0.5:9100')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 9100 });
    expect(parsePrinterUri('tcp://printer-3')).toEqual({ kind: 'tcp', host: 'printer-3', port: 9100 });
    expect(parsePrinterUri('tcp://[::1]:9101')).toEqual({ kind: 'tcp', host: '::1', port: 9101 });
    expect(parsePrinterUri('/dev/usb/lp0')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterUri('os:Receipt Printer')).toEqual({ kind: 'os', name: 'Receipt Printer' });
    expect(parsePrinterUri('printer:EPSON_TM_T20')).toEqual({ kind: 'os', name: 'EPSON_TM_T20' });
    expect(parsePrinterUri('none')).toEqual({ kind: 'none' });
    expect(() => parsePrinterUri('http://x')).toThrow(expect.objectContaining({ code: 'printing.unsupported_uri' }));
    expect(createPrinter({ uri: 'none', type: 'epson', width: '80', paper: 'receipt' })).toBeNull();
  });

  it('refuses a device path that is not a character device (a capture file) and writes nothing to it', async () => {
    const file = join(tempDir('device'), 'lp0.bin');
    writeFileSync(file, '');
    await expect(new DeviceTransport(file, 'epson').open()).rejects.toMatchObject({ code: 'printing.not_a_device', phase: 'connect' });
    expect(readFileSync(file).length).toBe(0);
    await expect(new DeviceTransport('/dev/nonexistent-printer', 'epson').open()).rejects.toBeInstanceOf(TransportError);
  });

  it('hands raw receipts and PDFs to the OS print command, and reports a refusal as nothing sent', async () => {
    const dir = tempDir('lp');
    const fakeLp = join(dir, 'lp');
    const out = join(dir, 'job.bin');
    writeFileSync(fakeLp, `#!/bin/sh\necho "$@" > ${dir}/args\ncat > ${out}\n[ "$2" = "Receipt" ] || { echo "lp: The printer or class does not exist." >&2; exit 1; }\n`);
    chmodSync(fakeLp, 0o755);
    const raw = await new OsTransport('Receipt', true, fakeLp).open();
    await raw.write(renderReceipt(card, { type: 'epson', width: '80' }).bytes);
    expect(readFileSync(join(dir, 'args'), 'utf8')).toContain('-d Receipt -o raw');
    expect(decode(new Uint8Array(readFileSync(out)))[0]!.lines).toContain('Vaccinatiekaart');
    const missing = await new OsTransport('Nope', false, fakeLp).open();
    await expect(missing.write(new Uint8Array([1]))).rejects.toMatchObject({ phase: 'connect', message: expect.stringContaining('does not exist') });
  });
});
