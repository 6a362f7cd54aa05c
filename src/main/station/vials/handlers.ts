import type { vialsMethods } from '../../../shared/api/vials';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import { registerTypedLot, scanVial } from './lots';
import { closeVial, openVial, openVials, vialForScan } from './vials';
import { lotView, vialView } from './views';

/** The handlers of vials.* methods: lots scanned or typed, and this station's vials. */
export function vialsHandlers(ctx: StationContext): HandlersFor<typeof vialsMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  const stationId = () => ctx.settings.get().stationId;
  return {
    'vials.scan': (a) => lotView(db, scanVial(db, a.text, now())),
    'vials.registerLot': (a) => lotView(db, registerTypedLot(db, a, now())),
    'vials.open': (a, call) => vialView(db, openVial(db, { stationId: stationId(), lotId: a.lotId, openedBy: call.staff?.displayName ?? a.openedBy ?? 'vaccinator', ...(a.doses ? { doses: a.doses } : {}) }, now()), now()),
    'vials.use': (a, call) => {
      const r = vialForScan(db, { stationId: stationId(), text: a.text, openedBy: call.staff?.displayName ?? a.openedBy ?? 'vaccinator' }, now());
      return { lot: lotView(db, r.lot), vial: vialView(db, r.vial, now()), opened: r.opened };
    },
    'vials.list': (a) => openVials(db, a.allStations ? null : stationId()).map((v) => vialView(db, v, now())),
    'vials.close': (a) => vialView(db, closeVial(db, a.vialId, a.reason, now()), now()),
  };
}
