import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NihdiNumber, STAFF_ROLES, type StaffMember, type StaffRole } from '../../../shared/api/staff';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, useAction, usePolling } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatDateTime } from '../../i18n/setup';

/** An NIHDI number as typed, checked with the back end's own rule; '' means none. */
function nihdiOf(typed: string): { ok: true; value: string | null } | { ok: false } {
  if (typed.trim() === '') return { ok: true, value: null };
  const parsed = NihdiNumber.safeParse(typed);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
}

function RoleChecks({ idPrefix, roles, onChange }: { idPrefix: string; roles: readonly StaffRole[]; onChange: (roles: StaffRole[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="role-checks">
      <legend>{t('staff.panel.roles')}</legend>
      {STAFF_ROLES.map((role) => (
        <label key={role} className="check" htmlFor={`${idPrefix}-${role}`}>
          <input
            id={`${idPrefix}-${role}`}
            type="checkbox"
            checked={roles.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
          />
          {t(`ui.role.${role}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** A new person: name, roles, NIHDI (vaccinators must have one), optional staff number, first PIN. */
function AddStaffForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<StaffRole[]>(['checkin']);
  const [nihdi, setNihdi] = useState('');
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = nihdiOf(nihdi);
    if (!name.trim()) return setProblem(t('staff.panel.nameMissing'));
    if (roles.length === 0) return setProblem(t('staff.panel.rolesMissing'));
    if (!number.ok) return setProblem(t('staff.panel.nihdiInvalid'));
    if (!/^\d{4,12}$/.test(pin)) return setProblem(t('ui.signin.pinFormat'));
    setProblem(null);
    const added = await action.run(() =>
      client['staff.create']({ displayName: name.trim(), roles, nihdi: number.value, code: code.trim() || null, pin }),
    );
    if (!added) return;
    setName('');
    setNihdi('');
    setCode('');
    setPin('');
    setRoles(['checkin']);
    onAdded();
  };

  return (
    <form className="staff-add" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="staff-add-heading" data-testid="staff-add">
      <h2 id="staff-add-heading">{t('staff.panel.add')}</h2>
      <div className="field">
        <label htmlFor="staff-add-name">{t('staff.panel.name')}</label>
        <input id="staff-add-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="off" />
      </div>
      <RoleChecks idPrefix="staff-add-role" roles={roles} onChange={setRoles} />
      <div className="field">
        <label htmlFor="staff-add-nihdi">{t('staff.panel.nihdi')}</label>
        <p id="staff-add-nihdi-hint" className="hint">
          {t('staff.panel.nihdiHint')}
        </p>
        <input id="staff-add-nihdi" value={nihdi} onChange={(e) => setNihdi(e.target.value)} aria-describedby="staff-add-nihdi-hint" autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="staff-add-code">{t('staff.panel.code')}</label>
        <input id="staff-add-code" value={code} onChange={(e) => setCode(e.target.value)} maxLength={20} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="staff-add-pin">{t('staff.panel.firstPin')}</label>
        <input
          id="staff-add-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={pin}
          maxLength={12}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
      </div>
      <button type="submit" className="primary" disabled={action.busy} data-testid="staff-add-submit">
        {t('staff.panel.addSubmit')}
      </button>
      <ErrorNotice error={problem ?? action.error} testId="staff-add-error" />
    </form>
  );
}

/** One person's changes: roles and NIHDI number, saved together. */
function EditStaff({ member, onSaved }: { member: StaffMember; onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [roles, setRoles] = useState<StaffRole[]>(member.roles);
  const [nihdi, setNihdi] = useState(member.nihdi ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const number = nihdiOf(nihdi);
    if (roles.length === 0) return setProblem(t('staff.panel.rolesMissing'));
    if (!number.ok) return setProblem(t('staff.panel.nihdiInvalid'));
    setProblem(null);
    if (await action.run(() => client['staff.update']({ staffId: member.id, roles, nihdi: number.value }))) onSaved();
  };
  const id = `staff-edit-${member.id}`;
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="staff-edit">
      <RoleChecks idPrefix={`${id}-role`} roles={roles} onChange={setRoles} />
      <div className="field">
        <label htmlFor={`${id}-nihdi`}>{t('staff.panel.nihdi')}</label>
        <input id={`${id}-nihdi`} value={nihdi} onChange={(e) => setNihdi(e.target.value)} autoComplete="off" />
      </div>
      <button type="submit" disabled={action.busy}>
        {t('staff.panel.save')}
      </button>
      <ErrorNotice error={problem ?? action.error} />
    </form>
  );
}

/**
 * The station's staff for the supervisor: who they are, their roles and NIHDI number, whether they
 * can sign in; add a person, disable or enable, change roles and number, unlock, reset a PIN. The
 * one-time PIN of a reset is shown here once and never again.
 */
export function StaffPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  const { data, error, reload } = usePolling(() => client['staff.list']({ includeInactive: true }), 60_000, [client]);
  const [editing, setEditing] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<{ name: string; pin: string } | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setOneTime(null);
    if (await action.run(work)) reload();
  };
  const resetPin = async (member: StaffMember) => {
    setOneTime(null);
    const answer = await action.run(() => client['staff.resetPin']({ staffId: member.id }));
    if (!answer) return;
    setOneTime({ name: member.displayName, pin: answer.oneTimePin });
    reload();
  };

  return (
    <section aria-labelledby="staff-heading" data-testid="staff-panel">
      <h1 id="staff-heading">{t('staff.panel.heading')}</h1>
      <ErrorNotice error={error ? errorText(error, t) : null} />
      {oneTime ? (
        <Notice kind="info" testId="staff-one-time-pin">
          {t('staff.panel.oneTimePin', { name: oneTime.name })} <strong className="one-time-pin">{oneTime.pin}</strong>
        </Notice>
      ) : null}
      <ErrorNotice error={action.error} testId="staff-error" />
      <table className="data-table">
        <caption>{t('staff.panel.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.panel.name')}</th>
            <th scope="col">{t('staff.panel.roles')}</th>
            <th scope="col">{t('staff.panel.nihdi')}</th>
            <th scope="col">{t('staff.panel.state')}</th>
            <th scope="col">{t('staff.panel.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.staff ?? []).map((m) => (
            <tr key={m.id} data-testid="staff-row" data-name={m.displayName}>
              <td>
                {m.displayName}
                {m.code ? ` (${m.code})` : ''}
              </td>
              <td>{m.roles.map((r) => t(`ui.role.${r}`)).join(', ')}</td>
              <td>{m.nihdi ?? '—'}</td>
              <td>
                {m.active ? t('staff.panel.enabled') : t('staff.panel.disabled')}
                {m.lockedUntil ? ` — ${t('staff.panel.lockedUntil', { time: formatDateTime(m.lockedUntil, lang, 'datetime') })}` : ''}
                {m.mustChangePin ? ` — ${t('staff.panel.mustChangePin')}` : ''}
              </td>
              <td className="cell-actions">
                <div>
                  <button type="button" onClick={() => void run(() => client['staff.update']({ staffId: m.id, active: !m.active }))} disabled={action.busy}>
                    {m.active ? t('staff.panel.disable') : t('staff.panel.enable')}
                  </button>
                  <button type="button" aria-expanded={editing === m.id} onClick={() => setEditing(editing === m.id ? null : m.id)}>
                    {t('staff.panel.edit')}
                  </button>
                  {m.lockedUntil ? (
                    <button type="button" onClick={() => void run(() => client['staff.unlock']({ staffId: m.id }))} disabled={action.busy}>
                      {t('staff.panel.unlock')}
                    </button>
                  ) : null}
                  <button type="button" onClick={() => void resetPin(m)} disabled={action.busy} data-testid="staff-reset-pin">
                    {t('staff.panel.resetPin')}
                  </button>
                </div>
                {editing === m.id ? (
                  <EditStaff
                    member={m}
                    onSaved={() => {
                      setEditing(null);
                      reload();
                    }}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddStaffForm onAdded={reload} />
    </section>
  );
}
