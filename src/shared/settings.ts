import * as z from 'zod';
import { Language } from './i18n/languages';

/** The roles a station can play in a centre; a station may be switched between them. */
export const StationRole = z.enum(['checkin', 'vaccinator', 'supervisor']);
export type StationRole = z.infer<typeof StationRole>;

const Identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash or underscore');

/** A printer address: tcp://host:port, a device path, or an OS printer name (os:NAME). */
export const PrinterUri = z
  .string()
  .max(300)
  .regex(/^(tcp:\/\/[A-Za-z0-9.[\]:-]+:\d{1,5}|\/dev\/[A-Za-z0-9/_.-]+|os:.+|none)$/, 'tcp://host:port, /dev/..., os:NAME or none');

export const PrinterSettings = z.object({
  uri: PrinterUri,
  type: z.enum(['epson', 'star']),
  width: z.enum(['58', '80']),
  /** Office printer for A4 or card-size PDFs. */
  paper: z.enum(['receipt', 'a4', 'card']),
});
export type PrinterSettings = z.infer<typeof PrinterSettings>;

const Host = z.string().min(1).max(253).regex(/^[A-Za-z0-9.[\]:-]+$/, 'a host name or address');
const Port = z.number().int().min(1).max(65535);

/** The centre's SMTP server for citizen e-mails; its password lives in the data folder (messages.json). */
export const EmailGateway = z.object({
  host: Host,
  port: Port,
  /** tls: TLS from the first byte (465); starttls: upgrade required (587); none: loopback or a trusted relay only. */
  security: z.enum(['tls', 'starttls', 'none']),
  from: z.email().max(254),
  user: z.string().max(254).optional(),
});
export type EmailGateway = z.infer<typeof EmailGateway>;

/** An operator's SMPP gateway, or an HTTP gateway that takes one JSON POST per SMS. */
export const SmsGateway = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('smpp'), host: Host, port: Port, systemId: z.string().min(1).max(16), sender: z.string().min(1).max(20) }),
  z.object({ kind: z.literal('http'), url: z.url({ protocol: /^https?$/ }).max(500), sender: z.string().min(1).max(20) }),
]);
export type SmsGateway = z.infer<typeof SmsGateway>;

/** Citizen messages: a channel is configured when its gateway is set (null = not used). */
export const MessageSettings = z.object({
  email: EmailGateway.nullable(),
  sms: SmsGateway.nullable(),
});
export type MessageSettings = z.infer<typeof MessageSettings>;

/** Every setting of a station, with its default. The same schema backs electron-store and conf. */
export const Settings = z.object({
  stationId: Identifier,
  centreId: Identifier,
  centreName: z.string().min(1).max(120),
  role: StationRole,
  language: Language,
  kiosk: z.boolean(),
  printer: PrinterSettings,
  federalUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]),
  /** Absolute folder for the station's database and queues; empty means the host's default. */
  dataDir: z.string().max(1000),
  messages: MessageSettings,
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = {
  stationId: 'station-1',
  centreId: 'demo-centre',
  centreName: 'Demo vaccination centre',
  role: 'vaccinator',
  language: 'en',
  kiosk: false,
  printer: { uri: 'none', type: 'epson', width: '80', paper: 'receipt' },
  federalUrl: '',
  dataDir: '',
  messages: { email: null, sms: null },
};

/** JSON Schema of the settings for electron-store and conf (both validate with ajv). */
export function settingsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Settings, { target: 'draft-7' }) as { properties: Record<string, Record<string, unknown>> };
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema.properties)) {
    props[key] = { ...value, default: DEFAULT_SETTINGS[key as keyof Settings] };
  }
  return props;
}
