import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { parseOptions } from '../args';
import { DoseDeskError } from '../../shared/errors';
import { NihdiNumber, Pin, StaffCode, StaffRole } from '../../shared/api/staff';
import { openConfSettings } from '../../main/adapters/settings/conf-settings';
import { openStationFile } from '../../main/adapters/sqlite/station-file';
import { hashPin, isWeakPin } from '../../main/adapters/crypto/pin-hash';
import { appendAudit } from '../../main/station/audit/audit-log';
import { clearLockout, findByLogin, insertStaff, listStaff, recordChange, storeOneTimePin, storePin, toMember } from '../../main/station/staff/staff-store';
import { oneTimePin } from '../../main/station/staff/pin-policy';
import { readPolicy } from '../../main/station/staff/policy';
import { cliActor, dataDirOf, readStdinLine, reportErrors } from './audit';

async function readPin(): Promise<string> {
  const pin = readStdinLine();
  const parsed = Pin.safeParse(pin);
  if (!parsed.success) throw new UsageError('give the PIN (4 to 12 digits) on standard input, e.g. `echo 482916 | npm run -s cli -- staff add …`');
  if (isWeakPin(pin)) throw new DoseDeskError('staff.weak_pin');
  return pin;
}

/** Same as staff.resetPin at the supervisor's screen: the one-time PIN is printed once and only its hash is kept. */
async function resetPin(dataDir: string, login: string | undefined): Promise<number> {
  if (!login) throw new UsageError('--login is required');
  const { db } = openStationFile(dataDir);
  try {
    const row = findByLogin(db, login);
    if (!row) throw new DoseDeskError('staff.not_found');
    const pin = oneTimePin(readPolicy(db));
    const hash = await hashPin(pin);
    const settings = openConfSettings(dataDir).get();
    const now = new Date();
    db.transaction(() => {
      storeOneTimePin(db, row.id, hash, now.toISOString());
      recordChange(db, row.id, 'pin_reset', cliActor(), now.toISOString());
      appendAudit(db, { at: now, stationId: settings.stationId, centreId: settings.centreId, actor: cliActor(), transport: 'cli', method: 'staff.reset-pin', action: 'admin', subjects: [`staff:${row.id}`], outcome: 'ok' });
    })();
    process.stdout.write(`one-time PIN for ${row.display_name}: ${pin}\n(shown once: they choose a new PIN at the next sign-in)\n`);
    return 0;
  } finally {
    db.close();
  }
}

/**
 * Staff accounts from the command line: the first supervisor of a new station is created here
 * (nobody can sign in to create one otherwise), and a supervisor who forgot their PIN is helped here.
 */
export const staffCommand: CliCommand = {
  name: 'staff',
  summary: 'List and manage the staff who sign in at a station (first supervisor, PIN reset)',
  usage: [
    'Usage: npm run -s cli -- staff list [--data DIR]',
    '       npm run -s cli -- staff add --name NAME --roles checkin,vaccinator,supervisor [--nihdi N] [--code C] [--data DIR]   (PIN on stdin)',
    '       npm run -s cli -- staff set-pin --login NIHDI|CODE|ID [--data DIR]   (PIN on stdin; also lifts a lock-out)',
    '       npm run -s cli -- staff unlock --login NIHDI|CODE|ID [--data DIR]',
    '       npm run -s cli -- staff reset-pin --login NIHDI|CODE|ID [--data DIR]   (prints a one-time PIN once; the person chooses a new PIN at the next sign-in)',
  ].join('\n'),
  async run(argv) {
    const [sub, ...rest] = argv;
    if (!sub || !['list', 'add', 'set-pin', 'unlock', 'reset-pin'].includes(sub)) throw new UsageError('say list, add, set-pin, unlock or reset-pin');
    const { values } = parseOptions(rest, {
      data: { type: 'string' },
      station: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      nihdi: { type: 'string' },
      code: { type: 'string' },
      login: { type: 'string' },
    });
    const dataDir = dataDirOf(values);
    return reportErrors(async () => {
      if (sub === 'list') {
        const { db } = openStationFile(dataDir, { readonly: true });
        try {
          for (const m of listStaff(db, true).map(toMember)) {
            process.stdout.write(`${m.id}\t${m.code ?? '-'}\t${m.nihdi ?? '-'}\t${m.displayName}\t${m.roles.join(',')}\t${m.active ? 'active' : 'inactive'}${m.mustChangePin ? '\tmust change PIN' : ''}${m.lockedUntil ? `\tlocked until ${m.lockedUntil}` : ''}\n`);
          }
          return 0;
        } finally {
          db.close();
        }
      }
      if (sub === 'reset-pin') return resetPin(dataDir, values.login);
      const pin = sub === 'unlock' ? null : await readPin();
      const hash = pin ? await hashPin(pin) : null;
      const { db } = openStationFile(dataDir);
      try {
        const settings = openConfSettings(dataDir).get();
        const now = new Date();
        const at = now.toISOString();
        const audit = (subject: string) =>
          appendAudit(db, { at: now, stationId: settings.stationId, centreId: settings.centreId, actor: cliActor(), transport: 'cli', method: `staff.${sub}`, action: 'admin', subjects: [subject], outcome: 'ok' });
        if (sub === 'add') {
          if (!values.name || !values.roles) throw new UsageError('--name and --roles are required');
          const usage = <T>(result: { success: true; data: T } | { success: false }, what: string): T => {
            if (!result.success) throw new UsageError(`${what} is not valid`);
            return result.data;
          };
          const roles = values.roles.split(',').map((r) => usage(StaffRole.safeParse(r.trim()), `role "${r.trim()}"`));
          const code = values.code ? usage(StaffCode.safeParse(values.code), '--code') : null;
          const nihdi = values.nihdi ? usage(NihdiNumber.safeParse(values.nihdi), '--nihdi') : null;
          const member = db.transaction(() => {
            const row = insertStaff(
              db,
              {
                displayName: values.name!.trim(),
                code,
                nihdi,
                roles,
                pin: hash!,
              },
              cliActor(),
              now,
            );
            audit(`staff:${row.id}`);
            return toMember(row);
          })() as ReturnType<typeof toMember>;
          process.stdout.write(`staff member added: ${member.id} ${member.displayName} (${member.roles.join(', ')})\n`);
          return 0;
        }
        if (!values.login) throw new UsageError('--login is required');
        const row = findByLogin(db, values.login);
        if (!row) throw new DoseDeskError('staff.not_found');
        db.transaction(() => {
          if (hash) storePin(db, row.id, hash, at);
          clearLockout(db, row.id, at);
          recordChange(db, row.id, hash ? 'pin' : 'unlock', cliActor(), at);
          audit(`staff:${row.id}`);
        })();
        process.stdout.write(`${hash ? 'PIN set' : 'unlocked'}: ${row.display_name}\n`);
        return 0;
      } finally {
        db.close();
      }
    });
  },
};
