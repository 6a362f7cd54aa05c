import type { vialsMethods } from '../../../shared/api/vials';
import { DoseDeskError } from '../../../shared/errors';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import { registerTypedLot, scanVial, type LotRow } from './lots';
import { closeVial, openVial, openVials, vialForScan } from './vials';
import { lotView, vialView } from './views';

export interface VialsOptions {
  /**
   * Refuses a product for a person on the station's day (eligibility lives with booking; the
   * station root wires it in, so this slice does not import booking).
   */
  assertMayReceive?: (ssin: string, productCode: string, now: Date, cardToken: string | null) => void;
  /** Refuses a screening that is not this person's "go on" of today (the screening slice, wired in by the station root). */
  checkScreening?: (screeningId: string, ssin: string, now: Date) => void;
}

/** The handlers of vials.* methods: lots scanned or typed, and this station's vials. */
export function vialsHandlers(ctx: StationContext, options: VialsOptions = {}): HandlersFor<typeof vialsMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  const stationId = () => ctx.settings.get().stationId;
  return {
    'vials.scan': (a) => lotView(db, scanVial(db, a.text, now())),
    'vials.registerLot': (a) => lotView(db, registerTypedLot(db, a, now())),
    'vials.open': (a, call) => vialView(db, openVial(db, { stationId: stationId(), lotId: a.lotId, openedBy: call.staff?.displayName ?? a.openedBy ?? 'vaccinator', ...(a.doses ? { doses: a.doses } : {}) }, now()), now()),
    'vials.use': (a, call) => {
      const at = now();
      // A vial is opened for a person only after their "go on" screening, when the screen names it.
      if (a.screeningId) {
        if (!a.ssin || !options.checkScreening) throw new DoseDeskError('screening.unknown', { id: a.screeningId });
        options.checkScreening(a.screeningId, a.ssin, at);
      }
      const check = options.assertMayReceive;
      const mayUse = a.ssin && check ? (lot: LotRow) => check(a.ssin!, lot.product_code, at, a.cardToken ?? null) : undefined;
      const r = vialForScan(db, { stationId: stationId(), text: a.text, openedBy: call.staff?.displayName ?? a.openedBy ?? 'vaccinator', ...(mayUse ? { mayUse } : {}) }, at);
      return { lot: lotView(db, r.lot), vial: vialView(db, r.vial, now()), opened: r.opened };
    },
    'vials.list': (a) => openVials(db, a.allStations ? null : stationId()).map((v) => vialView(db, v, now())),
    'vials.close': (a) => vialView(db, closeVial(db, a.vialId, { reason: a.reason, note: a.note }, now()), now()),
  };
}
