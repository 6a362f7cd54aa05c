import type { OperationOutcome } from 'fhir/r4';
import { BE_EXT_ADMINISTERED_PRODUCT } from '../domain/fhir/systems';
import { checkBeVaccination } from './bevaccination';
import type { Json } from './store';

/**
 * The checks the stand-in makes before storing anything, answered as 422 + OperationOutcome
 * (a well-formed resource the server will not take). Core R4 required elements, the
 * BeVaccination profile (bevaccination.ts: cardinalities, required bindings, extensions,
 * invariants, each issue naming its rule) and, stricter than the profile, a lot for every
 * completed dose: a mass centre always knows it and a recall needs it.
 */

export interface Issue {
  expression: string;
  diagnostics: string;
  /** The profile rule refused (e.g. `BeVaccination.fsh:33`, `be-rule-vaccination-2`), when one is. */
  rule?: string;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

function checkIdentifiers(r: Json, issues: Issue[]): void {
  const ids = r.identifier;
  if (ids === undefined) return;
  if (!Array.isArray(ids)) return void issues.push({ expression: 'identifier', diagnostics: 'identifier must be a list' });
  ids.forEach((id, i) => {
    if (!isObj(id) || !isText(id.system) || !isText(id.value)) issues.push({ expression: `identifier[${i}]`, diagnostics: 'identifier needs a system and a value' });
  });
}

function hasReference(v: unknown): boolean {
  return isObj(v) && (isText(v.reference) || (isObj(v.identifier) && isText(v.identifier.value)));
}

function checkImmunization(r: Json, issues: Issue[]): void {
  const status = r.status;
  if (!['completed', 'entered-in-error', 'not-done'].includes(String(status))) {
    issues.push({ expression: 'status', diagnostics: 'status must be completed, entered-in-error or not-done' });
  }
  const code = r.vaccineCode;
  const hasCode = isObj(code) && (isText(code.text) || (Array.isArray(code.coding) && code.coding.some((c) => isObj(c) && isText(c.code))));
  if (!hasCode) issues.push({ expression: 'vaccineCode', diagnostics: 'vaccineCode is required (a coding or a text)' });
  if (!hasReference(r.patient)) issues.push({ expression: 'patient', diagnostics: 'patient is required (reference or identifier)' });
  if (!isText(r.occurrenceDateTime) && !isText(r.occurrenceString)) {
    issues.push({ expression: 'occurrence[x]', diagnostics: 'occurrenceDateTime or occurrenceString is required' });
  } else if (isText(r.occurrenceDateTime) && !DATE_TIME.test(r.occurrenceDateTime)) {
    issues.push({ expression: 'occurrenceDateTime', diagnostics: 'occurrenceDateTime is not a FHIR dateTime' });
  }
  issues.push(...checkBeVaccination(r));
  // Stricter than the profile: a mass centre always knows the lot, and a recall needs it.
  const exts = Array.isArray(r.extension) ? (r.extension as unknown[]).filter(isObj) : [];
  const product = exts.find((e) => e.url === BE_EXT_ADMINISTERED_PRODUCT);
  if (product) {
    const parts = Array.isArray(product.extension) ? (product.extension as unknown[]).filter(isObj) : [];
    if (status === 'completed' && !parts.some((p) => p.url === 'lotNumber')) {
      issues.push({ expression: 'extension(be-ext-administeredProduct)', diagnostics: 'a completed dose needs its lot number' });
    }
  } else if (status === 'completed') {
    issues.push({ expression: 'extension(be-ext-administeredProduct)', diagnostics: 'a completed dose needs be-ext-administeredProduct with the lot number' });
  }
  // Stricter than the profile (statusReason is only "must support" there): a vaccination not done
  // says why, with a code checked against be-vs-vaccination-status-reason by checkBeVaccination.
  if (status === 'not-done' && r.statusReason === undefined) {
    issues.push({ expression: 'statusReason', diagnostics: 'a vaccination not done needs its statusReason (be-vs-vaccination-status-reason)' });
  }
}

const APPOINTMENT_STATUS = ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'];
const PARTICIPANT_STATUS = ['accepted', 'declined', 'tentative', 'needs-action'];
const SLOT_STATUS = ['busy', 'free', 'busy-unavailable', 'busy-tentative', 'entered-in-error'];

function checkAppointment(r: Json, issues: Issue[]): void {
  if (!APPOINTMENT_STATUS.includes(String(r.status))) issues.push({ expression: 'status', diagnostics: 'status is required and must be an R4 appointment status' });
  const participants = r.participant;
  if (!Array.isArray(participants) || participants.length === 0) {
    issues.push({ expression: 'participant', diagnostics: 'at least one participant is required' });
  } else {
    participants.forEach((p, i) => {
      if (!isObj(p) || !PARTICIPANT_STATUS.includes(String(p.status))) issues.push({ expression: `participant[${i}].status`, diagnostics: 'participant status is required' });
      else if (!hasReference(p.actor) && !Array.isArray(p.type)) issues.push({ expression: `participant[${i}]`, diagnostics: 'a participant needs an actor or a type' });
    });
  }
  const bounded = !['proposed', 'cancelled', 'waitlist'].includes(String(r.status));
  if ((r.start === undefined) !== (r.end === undefined)) issues.push({ expression: 'start', diagnostics: 'start and end go together' });
  if (bounded && (!isText(r.start) || !isText(r.end))) issues.push({ expression: 'start', diagnostics: 'start and end are required for this status' });
  if (isText(r.start) && isText(r.end) && Date.parse(r.start) > Date.parse(r.end)) issues.push({ expression: 'end', diagnostics: 'end is before start' });
}

function checkSlot(r: Json, issues: Issue[]): void {
  if (!hasReference(r.schedule)) issues.push({ expression: 'schedule', diagnostics: 'schedule is required' });
  if (!SLOT_STATUS.includes(String(r.status))) issues.push({ expression: 'status', diagnostics: 'status is required and must be an R4 slot status' });
  if (!isText(r.start) || !isText(r.end)) issues.push({ expression: 'start', diagnostics: 'start and end are required' });
}

function checkSchedule(r: Json, issues: Issue[]): void {
  if (!Array.isArray(r.actor) || r.actor.length === 0 || !r.actor.every(hasReference)) issues.push({ expression: 'actor', diagnostics: 'at least one actor is required' });
}

function checkRecommendation(r: Json, issues: Issue[]): void {
  if (!hasReference(r.patient)) issues.push({ expression: 'patient', diagnostics: 'patient is required' });
  if (!isText(r.date)) issues.push({ expression: 'date', diagnostics: 'date is required' });
  if (!Array.isArray(r.recommendation) || r.recommendation.length === 0) issues.push({ expression: 'recommendation', diagnostics: 'at least one recommendation is required' });
}

const TASK_STATUS = ['draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error'];
const TASK_INTENT = ['unknown', 'proposal', 'plan', 'order', 'original-order', 'reflex-order', 'filler-order', 'instance-order', 'option'];

function checkTask(r: Json, issues: Issue[]): void {
  if (!TASK_STATUS.includes(String(r.status))) issues.push({ expression: 'status', diagnostics: 'status is required and must be an R4 task status' });
  if (!TASK_INTENT.includes(String(r.intent))) issues.push({ expression: 'intent', diagnostics: 'intent is required and must be an R4 task intent' });
  if (Array.isArray(r.input)) {
    r.input.forEach((i, n) => {
      if (!isObj(i) || !isObj(i.type)) issues.push({ expression: `input[${n}].type`, diagnostics: 'every input needs a type' });
    });
  }
}

export function validateResource(type: string, resource: unknown): Issue[] {
  if (!isObj(resource)) return [{ expression: '', diagnostics: 'the body is not a FHIR resource' }];
  if (resource.resourceType !== type) return [{ expression: 'resourceType', diagnostics: `expected a ${type}, got ${String(resource.resourceType)}` }];
  const issues: Issue[] = [];
  checkIdentifiers(resource, issues);
  if (type === 'Immunization') checkImmunization(resource, issues);
  if (type === 'Appointment') checkAppointment(resource, issues);
  if (type === 'Slot') checkSlot(resource, issues);
  if (type === 'Schedule') checkSchedule(resource, issues);
  if (type === 'ImmunizationRecommendation') checkRecommendation(resource, issues);
  if (type === 'Task') checkTask(resource, issues);
  return issues;
}

export function issuesOutcome(issues: Issue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: 'error',
      code: 'invariant',
      diagnostics: i.diagnostics,
      ...(i.rule ? { details: { text: i.rule } } : {}),
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}
