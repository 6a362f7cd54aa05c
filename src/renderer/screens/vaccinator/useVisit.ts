import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import type { VisitView } from '../../../shared/api/visit';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText } from '../../api/hooks';

export interface VisitState {
  /** The open visit this screen works on; undefined before the first one of this page. */
  readonly id: string | undefined;
  readonly error: string | null;
  /** Counts changes the recent-visits list should show (a visit begun, closed, a dose, a not-given). */
  readonly version: number;
  begin(input: { ssin: string; cardToken: string | null; language: Language; mayVaccinate: boolean }): Promise<void>;
  /** The open visit's id once a visit.begin on its way has answered (a vial scanned right after the person joins their visit). */
  ready(): Promise<string | undefined>;
  dropVial(): void;
  close(): void;
  /** A call that moved the visit (its record written with the visitId). */
  moved(): void;
}

/**
 * The visit as the station keeps it (visit.*): the screen's state is only a view of it. When the
 * screen opens, and when someone signs in at the booth, the open visit is read again and handed to
 * `onResume` (the visit belongs to the booth: a staff switch resumes it). A visit already on this
 * screen is not resumed twice (an unlock after the idle lock changes nothing).
 */
export function useVisit(t: TFunction, options: { staffId: string | null; locked: boolean; language: Language; onResume: (visit: VisitView) => void }): VisitState {
  const client = useStation();
  const [id, setId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const shown = useRef<string | undefined>(undefined);
  const pending = useRef<Promise<void> | null>(null);
  const language = useRef<Language | null>(null);
  const onResume = useRef(options.onResume);
  useEffect(() => {
    onResume.current = options.onResume;
  });

  const adopt = useCallback((visit: VisitView | null) => {
    shown.current = visit?.id;
    language.current = visit?.language ?? null;
    setId(visit?.id);
  }, []);

  const fail = useCallback((e: unknown) => setError(errorText(e, t)), [t]);

  const { staffId, locked } = options;
  useEffect(() => {
    if (!staffId || locked) return;
    let live = true;
    client['visit.current']({}).then((visit) => {
      if (!live || !visit || visit.id === shown.current) return;
      adopt(visit);
      onResume.current(visit);
    }, fail);
    return () => {
      live = false;
    };
  }, [client, staffId, locked, adopt, fail]);

  // The screen language is the visit's: a reload comes back in the language the vaccinator chose.
  useEffect(() => {
    const visitId = shown.current;
    if (!visitId || language.current === options.language) return;
    language.current = options.language;
    client['visit.setLanguage']({ visitId, language: options.language }).catch(fail);
  }, [client, options.language, id, fail]);

  const begin = useCallback(
    (input: { ssin: string; cardToken: string | null; language: Language; mayVaccinate: boolean }) => {
      setError(null);
      const started = client['visit.begin'](input).then(
        (visit) => {
          adopt(visit);
          setVersion((n) => n + 1);
        },
        (e: unknown) => {
          adopt(null);
          fail(e);
        },
      );
      pending.current = started;
      return started;
    },
    [client, adopt, fail],
  );

  const ready = useCallback(async () => {
    await pending.current;
    return shown.current;
  }, []);

  const dropVial = useCallback(() => {
    if (shown.current) client['visit.dropVial']({ visitId: shown.current }).catch(fail);
  }, [client, fail]);

  const close = useCallback(() => {
    const visitId = shown.current;
    adopt(null);
    setError(null);
    if (visitId) client['visit.close']({ visitId }).then(() => setVersion((n) => n + 1), fail);
  }, [client, adopt, fail]);

  const moved = useCallback(() => setVersion((n) => n + 1), []);

  return { id, error, version, begin, ready, dropVial, close, moved };
}
