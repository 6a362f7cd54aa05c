import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { parseOptions } from '../args';
import { openConfSettings } from '../../main/adapters/settings/conf-settings';
import { openStationFile } from '../../main/adapters/sqlite/station-file';
import { appendAudit } from '../../main/station/audit/audit-log';
import { readCardKey, setCardKey } from '../../main/station/booking/card-key';
import { cardKeyFingerprint } from '../../main/station/centre/card-key-fingerprint';
import { cliActor, dataDirOf, reportErrors } from './audit';

export { cardKeyFingerprint };


function readKey(file: string): Buffer {
  if ((statSync(file).mode & 0o077) !== 0) throw new UsageError(`${file} is readable by others: chmod 600 it first`);
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64,}$/i.test(text)) throw new UsageError(`${file} does not hold a card key (64 or more hex digits)`);
  return Buffer.from(text, 'hex');
}

/**
 * The centre-wide key that signs appointment cards: every station of a centre must hold the same
 * one, or a card printed at one station cannot be checked at another on dose-2 day.
 */
export const cardKeyCommand: CliCommand = {
  name: 'card-key',
  summary: 'Provision the centre-wide key that signs appointment cards on a station',
  usage: [
    'Usage: npm run -s cli -- card-key generate --out FILE',
    '       npm run -s cli -- card-key install --key-file FILE [--replace] [--data DIR]',
    '       npm run -s cli -- card-key fingerprint [--data DIR]',
    '  generate     write a new random key (mode 0600) to copy to every station of the centre',
    '  install      give this station the centre key; refuses to replace a different key without --replace',
    '               (cards already printed with the old key then no longer verify here)',
    '  fingerprint  print the key fingerprint: all stations of a centre must print the same one',
  ].join('\n'),
  async run(argv) {
    const [sub, ...rest] = argv;
    if (!sub || !['generate', 'install', 'fingerprint'].includes(sub)) throw new UsageError('say generate, install or fingerprint');
    const { values } = parseOptions(rest, { out: { type: 'string' }, 'key-file': { type: 'string' }, replace: { type: 'boolean', default: false }, data: { type: 'string' }, station: { type: 'string' } });
    if (sub === 'generate') {
      if (!values.out) throw new UsageError('--out is required');
      if (existsSync(values.out)) throw new UsageError(`${values.out} exists: refusing to overwrite a key`);
      const key = randomBytes(32);
      writeFileSync(values.out, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      process.stdout.write(`card key written to ${values.out}; fingerprint ${cardKeyFingerprint(key)}\n`);
      return 0;
    }
    const dataDir = dataDirOf(values);
    return reportErrors(() => {
      if (sub === 'fingerprint') {
        const { db } = openStationFile(dataDir, { readonly: true });
        try {
          const key = readCardKey(db);
          process.stdout.write(key ? `${cardKeyFingerprint(key)}\n` : 'no card key yet (the station makes its own at its first card)\n');
          return key ? 0 : 1;
        } finally {
          db.close();
        }
      }
      if (!values['key-file']) throw new UsageError('--key-file is required');
      const key = readKey(values['key-file']);
      const { db } = openStationFile(dataDir);
      try {
        const settings = openConfSettings(dataDir).get();
        const existing = readCardKey(db);
        if (existing?.equals(key)) {
          process.stdout.write(`this station already holds that key (${cardKeyFingerprint(key)})\n`);
          return 0;
        }
        if (existing && !values.replace) {
          process.stderr.write(`this station holds another card key (${cardKeyFingerprint(existing)}); cards it printed verify only with it. Use --replace to install the centre key anyway.\n`);
          return 1;
        }
        const now = new Date();
        db.transaction(() => {
          setCardKey(db, key, now);
          appendAudit(db, { at: now, stationId: settings.stationId, centreId: settings.centreId, actor: cliActor(), transport: 'cli', method: 'card-key.install', action: 'admin', subjects: [`card-key:${cardKeyFingerprint(key)}`], outcome: 'ok' });
        })();
        process.stdout.write(`card key installed; fingerprint ${cardKeyFingerprint(key)}\n`);
        return 0;
      } finally {
        db.close();
      }
    });
  },
};
