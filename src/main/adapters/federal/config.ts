import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod';
import type { FederalConnection } from './client';

/**
 * Credentials for the federal backend are not station settings (settings.json is readable by
 * anyone at the desk and shown in the UI): the URL comes from Settings.federalUrl, the rest from
 * `<dataDir>/federal.json` and/or environment variables, env winning:
 *   DOSEDESK_FEDERAL_TOKEN, DOSEDESK_FEDERAL_TOKEN_FILE,
 *   DOSEDESK_FEDERAL_CERT, DOSEDESK_FEDERAL_KEY, DOSEDESK_FEDERAL_CA, DOSEDESK_FEDERAL_KEY_PASSPHRASE,
 *   DOSEDESK_FEDERAL_TIMEOUT_MS.
 * Relative file paths in federal.json are relative to the data folder.
 */
const FederalFile = z
  .object({
    bearerToken: z.string().min(1).optional(),
    bearerTokenFile: z.string().min(1).optional(),
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    caFile: z.string().min(1).optional(),
    keyPassphrase: z.string().optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    transactionTimeoutMs: z.number().int().min(100).max(600_000).optional(),
  })
  .strict();

export const FEDERAL_FILE = 'federal.json';

export function loadFederalConnection(baseUrl: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): FederalConnection {
  const path = join(dataDir, FEDERAL_FILE);
  const file = existsSync(path) ? FederalFile.parse(JSON.parse(readFileSync(path, 'utf8'))) : {};
  const at = (p: string | undefined) => (p ? (isAbsolute(p) ? p : resolve(dataDir, p)) : undefined);
  const certFile = env.DOSEDESK_FEDERAL_CERT ?? at(file.certFile);
  const keyFile = env.DOSEDESK_FEDERAL_KEY ?? at(file.keyFile);
  const caFile = env.DOSEDESK_FEDERAL_CA ?? at(file.caFile);
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('federal client certificate: certFile and keyFile go together');
  const timeout = env.DOSEDESK_FEDERAL_TIMEOUT_MS ? Number(env.DOSEDESK_FEDERAL_TIMEOUT_MS) : file.timeoutMs;
  const passphrase = env.DOSEDESK_FEDERAL_KEY_PASSPHRASE ?? file.keyPassphrase;
  return {
    baseUrl,
    bearerToken: env.DOSEDESK_FEDERAL_TOKEN ?? file.bearerToken ?? null,
    bearerTokenFile: env.DOSEDESK_FEDERAL_TOKEN_FILE ?? at(file.bearerTokenFile) ?? null,
    tls:
      certFile || caFile
        ? { ...(certFile && keyFile ? { certFile, keyFile } : {}), ...(caFile ? { caFile } : {}), ...(passphrase ? { passphrase } : {}) }
        : null,
    ...(timeout && Number.isFinite(timeout) ? { timeoutMs: timeout } : {}),
    ...(file.transactionTimeoutMs ? { transactionTimeoutMs: file.transactionTimeoutMs } : {}),
  };
}
