import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import type { ResultOf } from '../../shared/contract';
import { useStation } from './StationContext';
import { StationCallError } from './transport';
import i18next from 'i18next';
import { formatDay } from '../i18n/format';
import type { Language } from '../../shared/i18n/languages';

/**
 * The message to show for a failed call: the station's own (already in the screen language), or
 * ours. A `firstDay` (YYYY-MM-DD) is shown as a date of the screen's language, in Brussels.
 */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof StationCallError) {
    const day = error.params?.firstDay;
    if (typeof day === 'string' && i18next.exists(`error.${error.code}`)) return t(`error.${error.code}`, { ...error.params, firstDay: formatDay(day, i18next.language as Language) });
    return error.message;
  }
  return t('ui.error.connection');
}

export interface Action {
  readonly busy: boolean;
  readonly error: string | null;
  /** Runs `work`, keeping busy and error up to date; resolves to its result, or undefined when it failed. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

/** One button's call: busy while it runs, the error message when it fails; a newer run wins. */
export function useAction(t: TFunction): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const run = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
      const mine = ++seq.current;
      setBusy(true);
      setError(null);
      try {
        return await work();
      } catch (e) {
        if (mine === seq.current) setError(errorText(e, t));
        return undefined;
      } finally {
        if (mine === seq.current) setBusy(false);
      }
    },
    [t],
  );
  return { busy, error, run, clear: useCallback(() => setError(null), []) };
}

type Products = ResultOf<'products.list'>;
let productsCache: Promise<Products> | null = null;

/** The centre's vaccine products (names for codes), read once per page. */
export function useProducts(): Products {
  const client = useStation();
  const [products, setProducts] = useState<Products>([]);
  useEffect(() => {
    let alive = true;
    productsCache ??= client['products.list']({});
    productsCache.then(
      (p) => alive && setProducts(p),
      () => {
        productsCache = null;
      },
    );
    return () => {
      alive = false;
    };
  }, [client]);
  return products;
}

export function productName(products: Products, code: string): string {
  return products.find((p) => p.code === code)?.name ?? code;
}

/** Re-runs `load` every `ms` while mounted (and once at once); the latest result wins. */
export function usePolling<T>(load: () => Promise<T>, ms: number, deps: readonly unknown[]): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let alive = true;
    const once = () =>
      latest.current().then(
        (d) => {
          if (alive) {
            setData(d);
            setError(null);
          }
        },
        (e: unknown) => alive && setError(e),
      );
    void once();
    const timer = ms > 0 ? setInterval(() => void once(), ms) : undefined;
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
  }, [ms, tick, ...deps]);
  return { data, error, reload: useCallback(() => setTick((n) => n + 1), []) };
}
