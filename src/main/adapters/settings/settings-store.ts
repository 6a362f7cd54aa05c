import { DoseDeskError } from '../../../shared/errors';
import { describeIssues } from '../../../shared/envelope';
import { Settings, SettingsPatch, type Settings as SettingsT } from '../../../shared/settings';
import { checkPrinterDevicePath } from '../printer/device-path';

/** The station's settings, whichever library persists them (electron-store or conf). */
export interface SettingsStore {
  get(): SettingsT;
  update(patch: unknown): SettingsT;
  onChange(listener: (settings: SettingsT) => void): () => void;
}

/** What electron-store and conf have in common, so one adapter serves both hosts. */
export interface KeyValueBackend {
  readonly store: Record<string, unknown>;
  set(values: Record<string, unknown>): void;
}

/** Validates every write with the shared schema before it reaches the file. */
export class ValidatedSettingsStore implements SettingsStore {
  private readonly listeners = new Set<(s: SettingsT) => void>();
  constructor(private readonly backend: KeyValueBackend) {}

  get(): SettingsT {
    const parsed = Settings.safeParse(this.backend.store);
    if (!parsed.success) throw new DoseDeskError('settings.invalid', { detail: describeIssues(parsed.error) });
    return parsed.data;
  }

  update(patch: unknown): SettingsT {
    const checkedPatch = SettingsPatch.safeParse(patch);
    if (!checkedPatch.success) throw new DoseDeskError('settings.invalid', { detail: describeIssues(checkedPatch.error) });
    const current = this.get();
    const next = Settings.safeParse({ ...current, ...checkedPatch.data });
    if (!next.success) throw new DoseDeskError('settings.invalid', { detail: describeIssues(next.error) });
    checkPrinterChange(current.printer.uri, next.data.printer.uri);
    this.backend.set(next.data as Record<string, unknown>);
    for (const listener of this.listeners) listener(next.data);
    return next.data;
  }

  onChange(listener: (settings: SettingsT) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * A new device path must be a printer device under /dev, checked on the disk now: the pattern
 * alone lets through /dev/../tmp/file. An unchanged path is not checked again, so a printer that
 * is unplugged does not block changing the language.
 */
function checkPrinterChange(before: string, after: string): void {
  if (after === before) return;
  // Device paths are the addresses that start with "/" (see parsePrinterUri).
  if (after.trim().startsWith('/')) checkPrinterDevicePath(after.trim());
}
