import {
  BE_EXT_CONFIRMATION_STATUS,
  BE_EXT_LATERALITY,
  BE_EXT_ORIGINAL_ORDER,
  BE_EXT_SIMPLE_NOTE,
  BE_EXT_STOCK_FUNDING,
  BE_EXT_STOCK_LOCATION,
  BE_VS_BODYSITE_SNOMED,
  BE_VS_CONFIRMATION_STATUS,
  BE_VS_REACTION_MANIFESTATION_SNOMED,
  BE_VS_ROUTE,
  BE_VS_STATUS_REASON,
  inBeVaccineCode,
  isGenericVaccineCode,
  PRODUCT_CODE_SYSTEMS,
} from '../domain/fhir/bevaccination-terms';
import { BE_EXT_ADMINISTERED_PRODUCT, BE_EXT_RECORDER, SNOMED_SYSTEM } from '../domain/fhir/systems';
import type { Json } from './store';

/**
 * The BeVaccination profile (hl7-be/vaccination 1.1.2, input/fsh/profiles/BeVaccination.fsh) as
 * checks on an incoming Immunization. Each issue names its rule: the profile's element rule
 * (`BeVaccination.fsh:<line>`) or invariant (`be-rule-vaccination-<n>`), so a refusal says what
 * the profile wants. be-rule-vaccination-3 is checked where reaction.detail points into the
 * resource itself (`#id` of a contained Observation); -4 and a detail elsewhere would need the
 * server to resolve a logical reference, which it cannot do.
 */

export interface RuleIssue {
  expression: string;
  diagnostics: string;
  rule: string;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const listOf = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : []);
const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const PROFILE = 'BeVaccination.fsh';

function hasReference(v: unknown): boolean {
  return isObj(v) && (isText(v.reference) || (isObj(v.identifier) && isText(v.identifier.value)));
}

/** The resource type a reference names, by `type` or by the `reference` URL; null when it says none. */
function referencedType(v: Json): string | null {
  if (isText(v.type)) return v.type;
  if (isText(v.reference)) {
    const parts = v.reference.split('/');
    return parts.length >= 2 ? parts[parts.length - 2]! : null;
  }
  return null;
}

function codings(concept: unknown): Json[] {
  return isObj(concept) ? listOf(concept.coding) : [];
}

/** A required binding on a CodeableConcept: at least one coding from the value set. */
function bound(concept: unknown, valueSet: Readonly<Record<string, ReadonlySet<string>>>): boolean {
  return codings(concept).some((c) => isText(c.system) && isText(c.code) && valueSet[c.system]?.has(c.code) === true);
}

export function checkBeVaccination(r: Json): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const fail = (rule: string, expression: string, diagnostics: string) => issues.push({ rule, expression, diagnostics: `BeVaccination ${rule}: ${diagnostics}` });

  if (r.lotNumber !== undefined) fail(`${PROFILE}:16`, 'lotNumber', 'lotNumber is 0..0; put the lot in be-ext-administeredProduct');
  if (r.expirationDate !== undefined) fail(`${PROFILE}:17`, 'expirationDate', 'expirationDate is 0..0; put it in be-ext-administeredProduct');
  if (r.location !== undefined) fail(`${PROFILE}:36`, 'location', 'location is 0..0');
  if (r.protocolApplied !== undefined) fail(`${PROFILE}:49`, 'protocolApplied', 'protocolApplied is 0..0');
  if (!isText(r.recorded) || !DATE_TIME.test(r.recorded)) fail(`${PROFILE}:55`, 'recorded', 'recorded is 1..1 (a dateTime)');

  // patient 1..1, only Reference(BePatient) (lines 31-32)
  if (isObj(r.patient)) {
    const type = referencedType(r.patient);
    if (type !== null && type !== 'Patient') fail(`${PROFILE}:32`, 'patient', `patient must reference a Patient, not a ${type}`);
    if (isObj(r.patient.identifier) && !isText(r.patient.identifier.system)) fail(`${PROFILE}:32`, 'patient.identifier', 'the patient identifier needs its system (SSIN)');
  }

  // performer 0..1, actor 1..1 and only Practitioner, Organization or PractitionerRole (lines 33-35)
  if (r.performer !== undefined) {
    const performers = Array.isArray(r.performer) ? r.performer : [r.performer];
    if (performers.length > 1) fail(`${PROFILE}:33`, 'performer', `performer is 0..1, got ${performers.length}`);
    performers.forEach((p, i) => {
      const actor = isObj(p) ? p.actor : undefined;
      if (!hasReference(actor)) return void fail(`${PROFILE}:34`, `performer[${i}].actor`, 'performer.actor is 1..1');
      const type = referencedType(actor as Json);
      if (type !== null && !['Practitioner', 'Organization', 'PractitionerRole'].includes(type)) {
        fail(`${PROFILE}:35`, `performer[${i}].actor`, `performer.actor must be a Practitioner, Organization or PractitionerRole, not a ${type}`);
      }
    });
  }

  // vaccineCode 1..1 from be-vs-vaccine-code (required) (lines 47-48), be-rule-vaccination-1 (lines 86-89)
  const vaccine = codings(r.vaccineCode);
  if (!vaccine.some((c) => inBeVaccineCode(c.system as string | undefined, c.code as string | undefined))) {
    fail(`${PROFILE}:48`, 'vaccineCode', 'vaccineCode needs a coding from be-vs-vaccine-code (SNOMED CT vaccine type or be-cs-vaccine-code#other)');
  }
  const generic = vaccine.some((c) => isGenericVaccineCode(c.system as string | undefined, c.code as string | undefined));
  if (generic && !(isObj(r.vaccineCode) && isText(r.vaccineCode.text))) {
    fail('be-rule-vaccination-1', 'vaccineCode.text', 'vaccineCode "other" or "unspecified vaccine" needs vaccineCode.text');
  }

  // site from be-vs-vaccination-bodysite (required) (line 24)
  if (r.site !== undefined && !bound(r.site, { [SNOMED_SYSTEM]: BE_VS_BODYSITE_SNOMED })) {
    fail(`${PROFILE}:24`, 'site', 'site needs a code from be-vs-vaccination-bodysite');
  }
  // site.extension contains BeExtLaterality named bodyLaterality 0..1 (line 25); BeExtLaterality is
  // `value[x] only Coding` (hl7-be/core-clinical extensions/BeExtLaterality.fsh)
  if (isObj(r.site)) {
    const sides = listOf(r.site.extension).filter((e) => e.url === BE_EXT_LATERALITY);
    if (sides.length > 1) fail(`${PROFILE}:25`, 'site.extension(bodyLaterality)', `bodyLaterality is 0..1, got ${sides.length}`);
    for (const e of sides) {
      if (!isObj(e.valueCoding) || !isText(e.valueCoding.system) || !isText(e.valueCoding.code)) fail('BeExtLaterality.fsh:5', 'site.extension(bodyLaterality)', 'the laterality needs a valueCoding (system and code)');
    }
  }
  // route from be-vs-vaccination-administration-route (line 61; FSH binds required when no strength is given)
  if (r.route !== undefined && !bound(r.route, BE_VS_ROUTE)) fail(`${PROFILE}:61`, 'route', 'route needs a code from be-vs-vaccination-administration-route');
  // statusReason from be-vs-vaccination-status-reason (required) (line 62)
  if (r.statusReason !== undefined && !bound(r.statusReason, BE_VS_STATUS_REASON)) {
    fail(`${PROFILE}:62`, 'statusReason', 'statusReason needs a code from be-vs-vaccination-status-reason');
  }
  // reaction.date 1..1 (line 21)
  if (r.reaction !== undefined) {
    (Array.isArray(r.reaction) ? r.reaction : [r.reaction]).forEach((x, i) => {
      if (!isObj(x) || !isText(x.date) || !DATE_TIME.test(x.date)) fail(`${PROFILE}:21`, `reaction[${i}].date`, 'reaction.date is 1..1');
      if (isObj(x)) checkReactionDetail(r, x, i, fail);
    });
  }

  checkExtensions(listOf(r.extension), fail);
  return issues;
}

type Fail = (rule: string, expression: string, diagnostics: string) => void;

/** be-rule-vaccination-3: a detail resolved in `contained` is an Observation coded from be-vs-reaction-manifestation-code. */
function checkReactionDetail(r: Json, reaction: Json, i: number, fail: Fail): void {
  if (reaction.detail === undefined) return;
  const ref = isObj(reaction.detail) ? reaction.detail.reference : undefined;
  if (!isText(ref) || !ref.startsWith('#')) return;
  const target = listOf(r.contained).find((c) => c.id === ref.slice(1));
  const where = `reaction[${i}].detail`;
  if (!target) return void fail('be-rule-vaccination-3', where, `reaction.detail ${ref} names no contained resource`);
  if (target.resourceType !== 'Observation') return void fail('be-rule-vaccination-3', where, `reaction.detail must be an Observation, not a ${String(target.resourceType)}`);
  if (!bound(target.code, { [SNOMED_SYSTEM]: BE_VS_REACTION_MANIFESTATION_SNOMED })) {
    fail('be-rule-vaccination-3', where, 'the reaction detail code SHALL come from be-vs-reaction-manifestation-code');
  }
}

function checkExtensions(exts: Json[], fail: Fail): void {
  const named = (url: string) => exts.filter((e) => e.url === url);

  // recorder 1..1 (line 59); be-ext-recorder (hl7-be/core BeExtRecorder.fsh): a CodeableConcept or a
  // Reference to a Patient, Practitioner or Organization
  const recorders = named(BE_EXT_RECORDER);
  if (recorders.length !== 1) {
    fail(`${PROFILE}:59`, 'extension(be-ext-recorder)', `exactly one be-ext-recorder extension is required, got ${recorders.length}`);
  } else {
    const rec = recorders[0]!;
    if (hasReference(rec.valueReference)) {
      const type = referencedType(rec.valueReference as Json);
      if (type !== null && !['Patient', 'Practitioner', 'Organization'].includes(type)) {
        fail(`${PROFILE}:59`, 'extension(be-ext-recorder)', `the recorder must be a Patient, Practitioner or Organization, not a ${type}`);
      }
    } else if (!isObj(rec.valueCodeableConcept)) {
      fail(`${PROFILE}:59`, 'extension(be-ext-recorder)', 'the recorder needs a reference or a code');
    }
  }

  const once: [string, string, number][] = [
    [BE_EXT_ORIGINAL_ORDER, 'be-ext-vaccination-originalorder', 56],
    [BE_EXT_ADMINISTERED_PRODUCT, 'be-ext-administeredProduct', 57],
    [BE_EXT_CONFIRMATION_STATUS, 'be-ext-vaccination-confirmationStatus', 58],
    [BE_EXT_SIMPLE_NOTE, 'be-ext-simple-note', 60],
    [BE_EXT_STOCK_LOCATION, 'be-ext-vaccination-stock-location', 64],
    [BE_EXT_STOCK_FUNDING, 'be-ext-vaccination-stock-funding-organization', 65],
  ];
  for (const [url, name, line] of once) {
    if (named(url).length > 1) fail(`${PROFILE}:${line}`, `extension(${name})`, `${name} is 0..1`);
  }
  const confirmation = named(BE_EXT_CONFIRMATION_STATUS)[0];
  if (confirmation && !(isText(confirmation.valueCode) && BE_VS_CONFIRMATION_STATUS.has(confirmation.valueCode))) {
    fail('BeVaccinationConfirmationStatus.fsh:8', 'extension(be-ext-vaccination-confirmationStatus)', 'the confirmation status must be unconfirmed, confirmed or other');
  }
  const product = named(BE_EXT_ADMINISTERED_PRODUCT)[0];
  if (product) checkAdministeredProduct(listOf(product.extension), fail);
}

/** extensions/BeAdministeredProduct.fsh lines 7-20, and be-rule-vaccination-2 (BeVaccination.fsh lines 92-95). */
function checkAdministeredProduct(parts: Json[], fail: Fail): void {
  const where = 'extension(be-ext-administeredProduct)';
  for (const p of parts) {
    if (!['reference', 'coded', 'lotNumber', 'expirationDate'].includes(String(p.url))) {
      fail('BeAdministeredProduct.fsh:7', where, `unknown part "${String(p.url)}"`);
    }
  }
  for (const name of ['reference', 'coded', 'lotNumber', 'expirationDate']) {
    if (parts.filter((p) => p.url === name).length > 1) fail('BeAdministeredProduct.fsh:7', `${where}.${name}`, `${name} is 0..1`);
  }
  const lot = parts.find((p) => p.url === 'lotNumber');
  if (lot && !isText(lot.valueString)) fail('BeAdministeredProduct.fsh:18', `${where}.lotNumber`, 'lotNumber needs a valueString');
  const exp = parts.find((p) => p.url === 'expirationDate');
  if (exp && !(isText(exp.valueDate) && DATE.test(exp.valueDate))) fail('BeAdministeredProduct.fsh:20', `${where}.expirationDate`, 'expirationDate needs a valueDate YYYY-MM-DD');
  const reference = parts.find((p) => p.url === 'reference');
  if (reference && !hasReference(reference.valueReference)) fail('BeAdministeredProduct.fsh:13', `${where}.reference`, 'reference needs a valueReference to a Medication');
  const coded = parts.find((p) => p.url === 'coded');
  if (coded) {
    if (!isObj(coded.valueCodeableConcept)) return void fail('BeAdministeredProduct.fsh:15', `${where}.coded`, 'coded needs a valueCodeableConcept');
    if (!codings(coded.valueCodeableConcept).some((c) => isText(c.system) && PRODUCT_CODE_SYSTEMS.has(c.system) && isText(c.code))) {
      fail('be-rule-vaccination-2', `${where}.coded`, 'the product code SHALL be CNK, CTI-extended or ATC');
    }
  }
}
