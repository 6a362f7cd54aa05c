import type { Patient, Task } from 'fhir/r4';
import { CENTRE_SYSTEM, INVITATION_CODE, INVITATION_CODE_SYSTEM, PRODUCT_SYSTEM, SSIN_SYSTEM, TASK_CODE_SYSTEM, TASK_INPUT_SYSTEM } from './systems';

/**
 * An invitation letter as the backend serves it: a Task (`code` invitation, status `requested`)
 * owned by the centre, `for` the person by SSIN with a contained Patient giving the names,
 * language, e-mail and phone; the letter's code as identifier; each eligible product as an input;
 * the invited time as `executionPeriod.start`. The real platform's shape is still to be agreed
 * (see station/sync/README.md); this is the stand-in's.
 */

export interface InvitationCopy {
  code: string;
  ssin: string;
  surname: string;
  givenNames: string;
  language: string;
  products: string[];
  /** Instant of the invited time, or null. */
  start: string | null;
  email: string | null;
  phone: string | null;
}

const PERSON = 'person';
const LANGUAGE_SYSTEM = 'urn:ietf:bcp:47';

export function invitationToFhir(centreId: string, inv: InvitationCopy): Task {
  const telecom = [
    ...(inv.email ? [{ system: 'email' as const, value: inv.email }] : []),
    ...(inv.phone ? [{ system: 'phone' as const, value: inv.phone }] : []),
  ];
  const patient: Patient = {
    resourceType: 'Patient',
    id: PERSON,
    identifier: [{ system: SSIN_SYSTEM, value: inv.ssin }],
    name: [{ family: inv.surname, given: [inv.givenNames] }],
    communication: [{ language: { coding: [{ system: LANGUAGE_SYSTEM, code: inv.language }] }, preferred: true }],
    ...(telecom.length > 0 ? { telecom } : {}),
  };
  return {
    resourceType: 'Task',
    contained: [patient],
    identifier: [{ system: INVITATION_CODE_SYSTEM, value: inv.code }],
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: TASK_CODE_SYSTEM, code: INVITATION_CODE }] },
    for: { reference: `#${PERSON}`, type: 'Patient', identifier: { system: SSIN_SYSTEM, value: inv.ssin } },
    owner: { type: 'Organization', identifier: { system: CENTRE_SYSTEM, value: centreId } },
    ...(inv.start ? { executionPeriod: { start: inv.start } } : {}),
    input: inv.products.map((code) => ({ type: { coding: [{ system: TASK_INPUT_SYSTEM, code: 'product' }] }, valueCodeableConcept: { coding: [{ system: PRODUCT_SYSTEM, code }] } })),
  };
}

/**
 * The invitation a Task carries, or null when it is not an invitation Task with a code and an
 * SSIN. Missing names or language come back empty: the station's import rules refuse them.
 */
export function invitationFromFhir(t: Task): InvitationCopy | null {
  if (!t.code?.coding?.some((c) => c.system === TASK_CODE_SYSTEM && c.code === INVITATION_CODE)) return null;
  const code = t.identifier?.find((i) => i.system === INVITATION_CODE_SYSTEM)?.value;
  const ssin = t.for?.identifier?.system === SSIN_SYSTEM ? t.for.identifier.value : undefined;
  if (!code || !ssin) return null;
  const ref = t.for?.reference?.startsWith('#') ? t.for.reference.slice(1) : PERSON;
  const patient = t.contained?.find((r): r is Patient => r.resourceType === 'Patient' && r.id === ref);
  const name = patient?.name?.[0];
  const products = (t.input ?? [])
    .filter((i) => i.type.coding?.some((c) => c.system === TASK_INPUT_SYSTEM && c.code === 'product'))
    .flatMap((i) => i.valueCodeableConcept?.coding ?? [])
    .filter((c) => c.system === PRODUCT_SYSTEM && c.code)
    .map((c) => c.code!);
  return {
    code,
    ssin,
    surname: name?.family ?? '',
    givenNames: (name?.given ?? []).join(' '),
    language: patient?.communication?.find((c) => c.preferred)?.language.coding?.[0]?.code ?? patient?.communication?.[0]?.language.coding?.[0]?.code ?? '',
    products,
    start: t.executionPeriod?.start ?? null,
    email: patient?.telecom?.find((c) => c.system === 'email')?.value ?? null,
    phone: patient?.telecom?.find((c) => c.system === 'phone')?.value ?? null,
  };
}
