import type { centreMethods } from '../../../shared/api/centre';
import { DoseDeskError } from '../../../shared/errors';
import { hashPin, isWeakPin } from '../../adapters/crypto/pin-hash';
import type { StationContext } from '../base/context';
import { awaiting, workOf, type HandlersFor } from '../base/handlers';
import { appendAudit } from '../audit/audit-log';
import { activeSupervisors, insertStaff } from '../staff/staff-store';
import type { StationSecurity } from '../staff/security';
import { cardKeyFingerprint } from './card-key-fingerprint';
import { readCentreProfile } from './centre-profile';
import { checkPassphrase } from './centre-file-crypto';
import { readCentreFile } from './centre-file-content';
import { sealCentre } from './export-centre';
import { initCentreOnStation, stationHasCentre } from './init-centre';
import { joinOpenStation } from './join-centre';

/** Who did a set-up step before anyone could sign in: the screen of this station. */
const SETUP_ACTOR = 'setup-screen';

/**
 * centre.*: the set-up screen's door to the use cases of `centre init/join/export` and `staff add`.
 * Creating, joining and the first supervisor need nobody signed in, so each refuses once the
 * station has an active supervisor (`centre.setup_done`): after that only a supervisor changes it.
 */
export function centreHandlers(ctx: StationContext, security: StationSecurity): HandlersFor<typeof centreMethods> {
  const { db } = ctx;
  const refuseAfterSetup = () => {
    if (activeSupervisors(db) > 0) throw new DoseDeskError('centre.setup_done');
  };
  return {
    'centre.status': () => {
      const settings = ctx.settings.get();
      const centre = stationHasCentre(db);
      return {
        centre,
        supervisor: activeSupervisors(db) > 0,
        stationId: settings.stationId,
        centreId: centre ? settings.centreId : null,
        centreName: centre ? settings.centreName : null,
        openDays: readCentreProfile(db)?.openDays ?? null,
      };
    },
    'centre.create': (a, call) => {
      refuseAfterSetup();
      const { cardKey, stationId } = initCentreOnStation(
        db,
        ctx.settings,
        { centreId: a.centreId, centreName: a.name, address: a.address, profile: { languages: a.languages, openDays: a.openDays } },
        ctx.clock.now(),
        SETUP_ACTOR,
        call.transport,
      );
      return { centreId: a.centreId, stationId, cardKeyFingerprint: cardKeyFingerprint(cardKey) };
    },
    'centre.join': (a, call) => {
      refuseAfterSetup();
      const passphrase = checkPassphrase(a.passphrase);
      const content = readCentreFile(Buffer.from(a.file, 'base64'), passphrase);
      const stationId = ctx.settings.get().stationId;
      const { added } = joinOpenStation(db, ctx.settings, ctx.dataDir, stationId, content, ctx.clock.now(), SETUP_ACTOR, call.transport);
      return { centreId: content.centre.centreId, stationId, added, cardKeyFingerprint: cardKeyFingerprint(Buffer.from(content.cardKey, 'base64url')) };
    },
    'centre.export': (a) => {
      const passphrase = checkPassphrase(a.passphrase);
      const { sealed, checked } = sealCentre(db, ctx.dataDir, ctx.settings.get(), passphrase, ctx.clock.now());
      return { file: sealed.toString('base64'), bytes: sealed.length, products: checked.products.length, sessions: checked.calendar.sessions.length, staff: checked.staff.length };
    },
    'centre.firstSupervisor': awaiting(async (a, call) => {
      if (!stationHasCentre(db)) throw new DoseDeskError('centre.no_centre_yet');
      refuseAfterSetup();
      if (isWeakPin(a.pin)) throw new DoseDeskError('staff.weak_pin');
      const pin = await hashPin(a.pin);
      workOf(call, db).transaction(() => {
        // Checked again in the write transaction: two screens cannot both make a first supervisor.
        refuseAfterSetup();
        const now = ctx.clock.now();
        const row = insertStaff(db, { displayName: a.displayName, code: a.code ?? null, nihdi: a.nihdi ?? null, roles: ['supervisor'], pin }, SETUP_ACTOR, now);
        const settings = ctx.settings.get();
        appendAudit(db, {
          at: now,
          stationId: settings.stationId,
          centreId: settings.centreId,
          actor: `staff:${row.id}`,
          transport: call.transport,
          method: 'centre.firstSupervisor',
          action: 'admin',
          subjects: [`staff:${row.id}`],
          outcome: 'ok',
        });
      });
      return security.signIn((a.nihdi ?? a.code)!, a.pin, call);
    }),
  };
}
