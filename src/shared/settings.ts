import { z } from 'zod';
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
