import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import type { CheckinAnswer } from '../../shared/api/checkin';
import type { ArgsOf } from '../../shared/contract';
import type { CardReaderStatus, EidReadingWire } from '../../shared/api/cardreader';
import { useStation } from './StationContext';
import { errorText } from './hooks';

type Source = 'scanner' | 'typed' | 'chip';

export interface PersonLookup {
  readonly result: CheckinAnswer | null;
  /** Counts answers: a new scan of the same person is still a new result. */
  readonly seq: number;
  readonly busy: boolean;
  readonly error: string | null;
  lookup(text: string, source: Source): Promise<CheckinAnswer | null>;
  /**
   * A scan that may not be a person: one checkin.scan call. A refusal `notPerson` recognises leaves
   * everything as it was and answers 'not-person'; `beforeShow` runs in the same render as the
   * new person (or error) appears, to clear what belonged to the previous one.
   */
  scan(text: string, options: { notPerson(error: unknown): boolean; beforeShow(): void }): Promise<CheckinAnswer | null | 'not-person'>;
  fromChip(reading: EidReadingWire): Promise<CheckinAnswer | null>;
  clear(): void;
}

/**
 * checkin.scan for a scan, a typed entry or the eID chip. An answer older than the one on screen is
 * dropped, so the latest scan wins; a scan that turns out not to be a person shows nothing and so
 * hides no person scanned just before it.
 */
export function usePersonLookup(t: TFunction): PersonLookup {
  const client = useStation();
  const [result, setResult] = useState<CheckinAnswer | null>(null);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const issued = useRef(0);
  const shown = useRef(0);
  const pending = useRef(0);

  const run = useCallback(
    async (args: ArgsOf<'checkin.scan'>, options?: { notPerson(error: unknown): boolean; beforeShow(): void }): Promise<CheckinAnswer | null | 'not-person'> => {
      const mine = ++issued.current;
      pending.current++;
      setBusy(true);
      try {
        const answer = await client['checkin.scan'](args);
        if (mine < shown.current) return null;
        shown.current = mine;
        options?.beforeShow();
        setResult(answer);
        setError(null);
        setSeq((n) => n + 1);
        return answer;
      } catch (e) {
        if (options?.notPerson(e)) return 'not-person';
        if (mine >= shown.current) {
          shown.current = mine;
          options?.beforeShow();
          setError(errorText(e, t));
          setResult(null);
          setSeq((n) => n + 1);
        }
        return null;
      } finally {
        if (--pending.current === 0) setBusy(false);
      }
    },
    [client, t],
  );

  const lookup = useCallback(async (text: string, source: Source) => {
    const answer = await run({ text, source });
    return answer === 'not-person' ? null : answer;
  }, [run]);
  const scan = useCallback((text: string, options: { notPerson(error: unknown): boolean; beforeShow(): void }) => run({ text, source: 'scanner' }, options), [run]);
  const fromChip = useCallback(
    async (reading: EidReadingWire) => {
      const id = reading.identity;
      const answer = await run({
        text: id.nationalNumber,
        source: 'chip',
        chip: {
          familyName: id.surname,
          givenNames: [id.givenNames, id.thirdInitial].filter(Boolean).join(' '),
          birthDate: id.birthDate,
          sex: id.sex,
          validityEnd: id.validityEnd,
          warnings: [...id.warnings].slice(0, 20),
        },
      });
      return answer === 'not-person' ? null : answer;
    },
    [run],
  );
  const clear = useCallback(() => {
    // Answers still on their way belong to what was cleared.
    shown.current = ++issued.current;
    setResult(null);
    setError(null);
    setBusy(false);
  }, []);
  return { result, seq, busy, error, lookup, scan, fromChip, clear };
}

export type ChipState = { kind: 'idle' } | { kind: 'reading'; reader: string } | { kind: 'error'; message: string };

/**
 * The eID reader: its status when the screen opens, then its events. A read card is handed to
 * `onReading`; "reading…" and errors are shown by the screen.
 */
export function useCardReader(onReading: (reading: EidReadingWire) => void): { status: CardReaderStatus | null; chip: ChipState } {
  const client = useStation();
  const [status, setStatus] = useState<CardReaderStatus | null>(null);
  const [chip, setChip] = useState<ChipState>({ kind: 'idle' });
  const handler = useRef(onReading);
  useEffect(() => {
    handler.current = onReading;
  });
  useEffect(() => {
    let alive = true;
    client['cardreader.status']({}).then(
      (s) => alive && setStatus(s),
      () => alive && setStatus(null),
    );
    const off = client.on('cardreader.card', (event) => {
      switch (event.kind) {
        case 'inserted':
          setChip({ kind: 'reading', reader: event.readerName });
          break;
        case 'reading':
          setChip({ kind: 'idle' });
          handler.current(event.reading);
          break;
        case 'error':
          setChip({ kind: 'error', message: event.error.message });
          break;
        case 'removed':
          setChip((c) => (c.kind === 'reading' ? { kind: 'idle' } : c));
          break;
      }
    });
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return { status, chip };
}
