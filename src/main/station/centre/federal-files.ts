import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';
import { FEDERAL_FILE, loadFederalConnection } from '../../adapters/federal/config';
import type { CentreFileContent } from './centre-file-content';

type Federal = CentreFileContent['federal'];

const CA_FILE = 'federal-ca.pem';
const CERT_FILE = 'federal-client.pem';
const KEY_FILE = 'federal-client.key';

/**
 * The federal address, CA and credentials of a station as a centre file carries them: the
 * contents of the files its federal.json names (never the process environment of the machine
 * that exports, which belongs to that machine).
 */
export function readFederal(dataDir: string, url: string): Federal {
  if (!existsSync(join(dataDir, FEDERAL_FILE))) return { url, caPem: null, credentials: null };
  try {
    return readFederalFiles(dataDir, url);
  } catch (error) {
    // A federal.json that does not parse, or names a file that is not there: nothing exported.
    throw new DoseDeskError('centre.federal_unreadable', { detail: (error as Error).message.split('\n')[0]!.slice(0, 200) });
  }
}

function readFederalFiles(dataDir: string, url: string): Federal {
  const connection = loadFederalConnection(url, dataDir, {});
  const text = (file: string | undefined | null) => (file ? readFileSync(file, 'utf8') : null);
  const credentials = {
    bearerToken: connection.bearerToken ?? (connection.bearerTokenFile ? text(connection.bearerTokenFile)!.trim() : null),
    clientCertPem: text(connection.tls?.certFile),
    clientKeyPem: text(connection.tls?.keyFile),
    keyPassphrase: connection.tls?.passphrase ?? null,
  };
  const hasCredentials = Object.values(credentials).some((v) => v !== null);
  return { url, caPem: text(connection.tls?.caFile), credentials: hasCredentials ? credentials : null };
}

function writeWhole(file: string, content: string): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, content, { mode: 0o600 });
  renameSync(partial, file);
}

/**
 * Gives a station the federal CA and credentials of a centre file, unless it has a federal.json
 * of its own (kept as it is). Files are readable by their owner only. Returns whether it wrote.
 */
export function writeFederal(dataDir: string, federal: Federal): boolean {
  if (existsSync(join(dataDir, FEDERAL_FILE))) return false;
  const c = federal.credentials;
  if (!federal.caPem && !c) return false;
  const config: Record<string, string> = {};
  if (federal.caPem) {
    writeWhole(join(dataDir, CA_FILE), federal.caPem);
    config.caFile = CA_FILE;
  }
  if (c?.clientCertPem && c.clientKeyPem) {
    writeWhole(join(dataDir, CERT_FILE), c.clientCertPem);
    writeWhole(join(dataDir, KEY_FILE), c.clientKeyPem);
    config.certFile = CERT_FILE;
    config.keyFile = KEY_FILE;
    if (c.keyPassphrase) config.keyPassphrase = c.keyPassphrase;
  }
  if (c?.bearerToken) config.bearerToken = c.bearerToken;
  // federal.json last: until it exists the station uses none of the files above.
  writeWhole(join(dataDir, FEDERAL_FILE), `${JSON.stringify(config, null, 2)}\n`);
  return true;
}
