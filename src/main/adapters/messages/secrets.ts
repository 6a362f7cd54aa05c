import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

/**
 * Gateway passwords are not settings (settings.json is shown at the desk): like the federal
 * credentials they live in `<dataDir>/messages.json`, and environment variables win:
 * DOSEDESK_SMTP_PASSWORD, DOSEDESK_SMPP_PASSWORD, DOSEDESK_SMS_HTTP_TOKEN.
 */
const MessagesFile = z
  .object({
    smtpPassword: z.string().optional(),
    smppPassword: z.string().optional(),
    httpToken: z.string().optional(),
  })
  .strict();

export const MESSAGES_FILE = 'messages.json';

export interface MessageSecrets {
  smtpPassword: string | null;
  smppPassword: string | null;
  httpToken: string | null;
}

export function loadMessageSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): MessageSecrets {
  const path = join(dataDir, MESSAGES_FILE);
  const file = existsSync(path) ? MessagesFile.parse(JSON.parse(readFileSync(path, 'utf8'))) : {};
  return {
    smtpPassword: env.DOSEDESK_SMTP_PASSWORD ?? file.smtpPassword ?? null,
    smppPassword: env.DOSEDESK_SMPP_PASSWORD ?? file.smppPassword ?? null,
    httpToken: env.DOSEDESK_SMS_HTTP_TOKEN ?? file.httpToken ?? null,
  };
}
