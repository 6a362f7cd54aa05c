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
  fromChip(reading: EidReadingWire): Promise<CheckinAnswer | null>;
  clear(): void;
}

/** checkin.scan for a scan, a typed entry or the eID chip; the latest request wins. */
export function usePersonLookup(t: TFunction): PersonLookup {
  const client = useStation();
  const [result, setResult] = useState<CheckinAnswer | null>(null);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const run = useCallback(
    async (args: ArgsOf<'checkin.scan'>): Promise<CheckinAnswer | null> => {
      const mine = ++latest.current;
      setBusy(true);
      try {
        const answer = await client['checkin.scan'](args);
        if (mine !== latest.current) return null;
        setResult(answer);
        setError(null);
        setSeq((n) => n + 1);
        return answer;
      } catch (e) {
        if (mine === latest.current) {
          setError(errorText(e, t));
          setResult(null);
          setSeq((n) => n + 1);
        }
        return null;
      } finally {
        if (mine === latest.current) setBusy(false);
      }
    },
    [client, t],
  );

  const lookup = useCallback((text: string, source: Source) => run({ text, source }), [run]);
  const fromChip = useCallback(
    (reading: EidReadingWire) => {
      const id = reading.identity;
      return run({
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
    },
    [run],
  );
  const clear = useCallback(() => {
    latest.current++;
    setResult(null);
    setError(null);
    setBusy(false);
  }, []);
  return { result, seq, busy, error, lookup, fromChip, clear };
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
