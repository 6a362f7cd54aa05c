import type { staffMethods } from '../../../shared/api/staff';
import { DoseDeskError } from '../../../shared/errors';
import { hashPin } from '../../adapters/crypto/pin-hash';
import { checkPinPolicy, oneTimePin } from './pin-policy';
import type { StationContext } from '../base/context';
import { actorLabel, awaiting, workOf, type HandlersFor } from '../base/handlers';
import { readPolicy, writePolicy } from './policy';
import type { StationSecurity } from './security';
import {
  activeSupervisors,
  clearLockout,
  insertStaff,
  listStaff,
  recordChange,
  requireStaff,
  rolesOf,
  setActive,
  setDisplayName,
  setNihdi,
  setRoles,
  storeOneTimePin,
  storePin,
  toMember,
} from './staff-store';

export function staffHandlers(ctx: StationContext, security: StationSecurity): HandlersFor<typeof staffMethods> {
  const { db, clock } = ctx;
  const checkPin = (pin: string) => checkPinPolicy(pin, readPolicy(db));
  return {
    'staff.signIn': awaiting(({ login, pin }, call) => security.signIn(login, pin, call)),
    'staff.signOut': (_args, call) => security.signOut(call),
    'staff.current': (_args, call) => security.view(call.sessionId),
    'staff.lock': (_args, call) => security.lock(call),
    'staff.list': ({ includeInactive }) => ({ staff: listStaff(db, includeInactive ?? false).map(toMember) }),

    'staff.create': awaiting(async ({ displayName, code, nihdi, roles, pin }, call) => {
      checkPin(pin);
      const hash = await hashPin(pin);
      const work = workOf(call, db);
      return work.transaction(() => {
        const row = insertStaff(db, { displayName, code: code ?? null, nihdi: nihdi ?? null, roles, pin: hash }, actorLabel(call), clock.now());
        work.note(`staff:${row.id}`);
        return toMember(row);
      });
    }),

    'staff.setPin': awaiting(async ({ staffId, pin }, call) => {
      checkPin(pin);
      requireStaff(db, staffId);
      const hash = await hashPin(pin);
      return workOf(call, db).transaction(() => {
        const at = clock.now().toISOString();
        storePin(db, staffId, hash, at);
        clearLockout(db, staffId, at);
        recordChange(db, staffId, 'pin', actorLabel(call), at);
        return toMember(requireStaff(db, staffId));
      });
    }),

    'staff.update': ({ staffId, displayName, roles, active, nihdi }, call) => {
      const member = db.transaction(() => {
        const row = requireStaff(db, staffId);
        const at = clock.now().toISOString();
        const by = actorLabel(call);
        const wasSupervisor = row.active === 1 && rolesOf(row).includes('supervisor');
        const staysSupervisor = (active ?? row.active === 1) && (roles ?? rolesOf(row)).includes('supervisor');
        if (wasSupervisor && !staysSupervisor && activeSupervisors(db) <= 1) throw new DoseDeskError('staff.last_supervisor');
        // A vaccinator's doses are recorded under their NIHDI number: they never stay without one.
        const nihdiAfter = nihdi === undefined ? row.nihdi : nihdi;
        if ((roles !== undefined || nihdi !== undefined) && (roles ?? rolesOf(row)).includes('vaccinator') && !nihdiAfter) throw new DoseDeskError('staff.nihdi_required');
        if (nihdi !== undefined && nihdi !== row.nihdi) {
          setNihdi(db, staffId, nihdi, at);
          recordChange(db, staffId, 'nihdi', by, at, { before: row.nihdi, after: nihdi });
        }
        if (roles) {
          setRoles(db, staffId, [...new Set(roles)], at);
          recordChange(db, staffId, 'roles', by, at, { before: rolesOf(row), after: roles });
        }
        if (displayName !== undefined && displayName !== row.display_name) {
          setDisplayName(db, staffId, displayName, at);
          recordChange(db, staffId, 'name', by, at, { before: row.display_name, after: displayName });
        }
        if (active !== undefined && active !== (row.active === 1)) {
          setActive(db, staffId, active, at);
          recordChange(db, staffId, 'active', by, at, { before: row.active === 1, after: active });
        }
        return toMember(requireStaff(db, staffId));
      })();
      // A deactivated person is signed out everywhere at once.
      if (!member.active) security.sessions.endForStaff(staffId);
      return member;
    },

    'staff.resetPin': awaiting(async ({ staffId }, call) => {
      // Their own PIN a supervisor changes knowing it, with staff.changeOwnPin.
      if (call.staff?.id === staffId) throw new DoseDeskError('staff.reset_own_pin');
      requireStaff(db, staffId);
      const pin = oneTimePin(readPolicy(db));
      const hash = await hashPin(pin);
      const member = workOf(call, db).transaction(() => {
        const at = clock.now().toISOString();
        storeOneTimePin(db, staffId, hash, at);
        recordChange(db, staffId, 'pin_reset', actorLabel(call), at);
        call.work?.note(`staff:${staffId}`);
        return toMember(requireStaff(db, staffId));
      });
      // Whoever was signed in as the person (perhaps someone who learnt the old PIN) is signed out at once.
      security.sessions.endForStaff(staffId);
      return { member, oneTimePin: pin };
    }),

    'staff.changeOwnPin': awaiting(({ currentPin, newPin }, call) => security.changeOwnPin(currentPin, newPin, call)),

    'staff.unlock': ({ staffId }, call) =>
      db.transaction(() => {
        requireStaff(db, staffId);
        const at = clock.now().toISOString();
        clearLockout(db, staffId, at);
        recordChange(db, staffId, 'unlock', actorLabel(call), at);
        return toMember(requireStaff(db, staffId));
      })(),

    'staff.setMaintenance': ({ on }, call) => security.setMaintenance(on, call),

    'staff.policy': () => readPolicy(db),
    'staff.setPolicy': (patch) => {
      const next = writePolicy(db, patch, clock.now());
      security.policyChanged();
      return next;
    },

  };
}
