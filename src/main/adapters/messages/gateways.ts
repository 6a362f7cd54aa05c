import type { MessageSettings } from '../../../shared/settings';
import type { MessageGateway } from './gateway';
import { httpSmsGateway } from './http-sms';
import type { MessageSecrets } from './secrets';
import { smppGateway } from './smpp';
import { smtpGateway } from './smtp';

/** The gateway of each configured channel, from the settings and the secrets. */
export function createGateways(settings: MessageSettings, secrets: MessageSecrets, timeoutMs?: number): { email: MessageGateway | null; sms: MessageGateway | null } {
  const t = timeoutMs !== undefined ? { timeoutMs } : {};
  const email = settings.email ? smtpGateway({ gateway: settings.email, password: secrets.smtpPassword, ...t }) : null;
  const sms = !settings.sms
    ? null
    : settings.sms.kind === 'smpp'
      ? smppGateway({ gateway: settings.sms, password: secrets.smppPassword, ...t })
      : httpSmsGateway({ gateway: settings.sms, token: secrets.httpToken, ...t });
  return { email, sms };
}
