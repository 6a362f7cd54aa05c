import { DoseDeskError } from '../../../shared/errors';
import { describeIssues } from '../../../shared/envelope';
import { Settings, SettingsPatch, type Settings as SettingsT } from '../../../shared/settings';

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
    const next = Settings.safeParse({ ...this.get(), ...checkedPatch.data });
    if (!next.success) throw new DoseDeskError('settings.invalid', { detail: describeIssues(next.error) });
    this.backend.set(next.data as Record<string, unknown>);
    for (const listener of this.listeners) listener(next.data);
    return next.data;
  }

  onChange(listener: (settings: SettingsT) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
