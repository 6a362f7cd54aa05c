import type { Extension, Immunization, Observation } from 'fhir/r4';
import type { DoseReaction, DoseRecordPayload, NotGivenPayload } from '../records';
import { SEVERITIES } from '../observation/manifestations';
import {
  ATC_SYSTEM,
  BE_EXT_ADMINISTERED_PRODUCT,
  BE_EXT_RECORDER,
  BE_VACCINATION_PROFILE,
  CENTRE_SYSTEM,
  CNK_SYSTEM,
  DOSE_NUMBER_EXTENSION,
  GTIN_SYSTEM,
  NIHDI_PROFESSIONAL_SYSTEM,
  PAPER_REKEYED_CODE,
  PRODUCT_ATC,
  PRODUCT_EXTENSION,
  PRODUCT_SYSTEM,
  RECORD_SOURCE_SYSTEM,
  RECORD_VERSION_EXTENSION,
  SNOMED_COVID19_VACCINE,
  SNOMED_SYSTEM,
  SSIN_SYSTEM,
  STATION_RECORD_SYSTEM,
  isCovidVaccineAtc,
} from './systems';
import { BE_CS_ROUTE, BE_CS_VACCINE_CODE, BE_EXT_LATERALITY, BODYSITE_DISPLAY, isGenericVaccineCode, LATERALITY_SNOMED, OTHER_VACCINE_CODE, ROUTE_DISPLAY } from './bevaccination-terms';

/**
 * A dose record as an Immunization shaped to BeVaccination (hl7-be/vaccination,
 * input/fsh/profiles/BeVaccination.fsh; line numbers below are of release 1.1.2):
 * - lot and expiry go in be-ext-administeredProduct (extensions/BeAdministeredProduct.fsh
 *   lines 7-20); core lotNumber and expirationDate are 0..0 (lines 16-17) and never set;
 * - one performer (0..1, lines 33-35): the vaccinator, a Practitioner by NIHDI number;
 * - the centre is the recorder (be-ext-recorder 1..1, line 59; an Organization as in the
 *   guide's examples, BeVaccination-Examples.fsh line 70): `location` is 0..0 (line 36);
 * - `recorded` 1..1 (line 55); the patient a logical reference by SSIN (lines 31-32);
 * - no protocolApplied (0..0, line 49): the dose number travels in a station extension;
 * - vaccineCode from be-vs-vaccine-code (required, line 48): SNOMED CT "COVID-19 vaccine" for a
 *   COVID-19 ATC, else be-cs-vaccine-code#other with the product name as text (rule 1);
 * - the product coded as CNK and/or ATC in be-ext-administeredProduct (be-rule-vaccination-2,
 *   line 94) when the station knows one; without either the `coded` part is left out, as the rule
 *   refuses a coded product without them;
 * - `site` from be-vs-vaccination-bodysite (required, line 24) with the side in its bodyLaterality
 *   extension (line 25), `route` from be-vs-vaccination-administration-route (line 61) and
 *   `doseQuantity` in UCUM mL, when the dose carries them (payloads queued before do not: sent as before);
 * - a dose re-keyed from paper keeps `occurrenceDateTime` = when it was given, `recorded` = when it
 *   was typed in, and carries a `meta.tag` (the profile leaves meta unconstrained; no new element).
 * A person not vaccinated is the same shape with status `not-done` (notGivenToImmunization).
 */
export function doseToImmunization(p: DoseRecordPayload): Immunization {
  const atc = p.productAtc ?? PRODUCT_ATC[p.productCode];
  const ruleCodings = [
    ...(p.productCnk ? [{ system: CNK_SYSTEM, code: p.productCnk }] : []),
    ...(atc ? [{ system: ATC_SYSTEM, code: atc }] : []),
  ];
  const productCodings = [
    ...ruleCodings,
    { system: PRODUCT_SYSTEM, code: p.productCode, display: p.productName },
    ...(p.gtin ? [{ system: GTIN_SYSTEM, code: p.gtin }] : []),
  ];
  const administeredProduct: Extension = {
    url: BE_EXT_ADMINISTERED_PRODUCT,
    extension: [
      ...(ruleCodings.length > 0 ? [{ url: 'coded', valueCodeableConcept: { coding: productCodings, text: p.productName } }] : []),
      { url: 'lotNumber', valueString: p.lot },
      { url: 'expirationDate', valueDate: p.expiry },
    ],
  };
  const resource: Immunization = {
    resourceType: 'Immunization',
    meta: { profile: [BE_VACCINATION_PROFILE], ...(p.rekeyed ? { tag: [PAPER_REKEYED_TAG] } : {}) },
    extension: [
      { url: BE_EXT_RECORDER, valueReference: { type: 'Organization', identifier: { system: CENTRE_SYSTEM, value: p.centreId } } },
      administeredProduct,
      { url: PRODUCT_EXTENSION, valueCoding: { system: PRODUCT_SYSTEM, code: p.productCode, display: p.productName } },
      { url: DOSE_NUMBER_EXTENSION, valuePositiveInt: p.doseNumber },
      { url: RECORD_VERSION_EXTENSION, valueInteger: p.version },
    ],
    identifier: [{ system: STATION_RECORD_SYSTEM, value: p.id }],
    status: p.status,
    vaccineCode: vaccineCodeOf(atc, p.productName),
    patient: { type: 'Patient', identifier: { system: SSIN_SYSTEM, value: p.person.ssin } },
    occurrenceDateTime: p.administeredAt,
    recorded: p.recordedAt,
    performer: [
      {
        function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code: 'AP' }] },
        actor: {
          type: 'Practitioner',
          identifier: { system: NIHDI_PROFESSIONAL_SYSTEM, value: p.vaccinator.nihdi },
          // A dose taken from a card has no vaccinator name, and FHIR strings may not be empty.
          ...(p.vaccinator.name.trim() ? { display: p.vaccinator.name } : {}),
        },
      },
    ],
  };
  if (p.administration) Object.assign(resource, administrationElements(p.administration));
  if (p.correction) {
    resource.note = [{ text: `Correction ${p.correction.at} by ${p.correction.by}: ${p.correction.reason}` }];
  }
  if (p.reactions?.length) {
    const { note, ...elements } = reactionElements(p.reactions, resource.patient);
    Object.assign(resource, elements);
    if (note) resource.note = [...(resource.note ?? []), ...note];
  }
  return resource;
}

/**
 * Reactions as BeVaccination wants them: `reaction.date` 1..1 (BeVaccination.fsh line 21); the
 * detail a contained Observation whose code is in be-vs-reaction-manifestation-code
 * (be-rule-vaccination-3), its value the severity and its note the action taken. A manifestation
 * outside that value set (fainting) has no detail, which the rule allows: it goes in `note` as text.
 */
function reactionElements(reactions: readonly DoseReaction[], patient: Immunization['patient']): Pick<Immunization, 'contained' | 'reaction' | 'note'> {
  const contained: Observation[] = [];
  const notes: string[] = [];
  const reaction = reactions.map((r): NonNullable<Immunization['reaction']>[number] => {
    const text = [r.text, `severity ${r.severity}`, `action ${r.action}`, r.note ?? ''].filter((t) => t.trim()).join('; ');
    if (!r.manifestation) {
      notes.push(`Reaction ${r.at}: ${text}`);
      return { date: r.at, reported: false };
    }
    const id = `reaction-${contained.length + 1}`;
    const severity = SEVERITIES[r.severity];
    contained.push({
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: SNOMED_SYSTEM, code: r.manifestation.code, display: r.manifestation.display }], text: r.text || r.manifestation.display },
      subject: patient,
      effectiveDateTime: r.at,
      valueCodeableConcept: { coding: [{ system: SNOMED_SYSTEM, code: severity.code, display: severity.display }], text: r.severity },
      note: [{ text }],
    });
    return { date: r.at, detail: { reference: `#${id}` }, reported: false };
  });
  return { ...(contained.length ? { contained } : {}), reaction, ...(notes.length ? { note: notes.map((t) => ({ text: t })) } : {}) };
}
/** The mark of a dose written on paper during a failure and re-keyed at a station afterwards. */
export const PAPER_REKEYED_TAG = { system: RECORD_SOURCE_SYSTEM, code: PAPER_REKEYED_CODE, display: 'Written on paper, re-keyed later' } as const;

/** site (with its side), route and doseQuantity of a dose. */
function administrationElements(a: NonNullable<DoseRecordPayload['administration']>): Pick<Immunization, 'site' | 'route' | 'doseQuantity'> {
  const side = LATERALITY_SNOMED[a.side];
  return {
    site: {
      extension: [{ url: BE_EXT_LATERALITY, valueCoding: { system: SNOMED_SYSTEM, code: side.code, display: side.display } }],
      coding: [{ system: SNOMED_SYSTEM, code: a.site, ...(BODYSITE_DISPLAY[a.site] ? { display: BODYSITE_DISPLAY[a.site] } : {}) }],
    },
    route: { coding: [{ system: BE_CS_ROUTE, code: a.route, ...(ROUTE_DISPLAY[a.route] ? { display: ROUTE_DISPLAY[a.route] } : {}) }] },
    ...(a.doseMl !== null ? { doseQuantity: { value: a.doseMl, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' } } : {}),
  };
}

/**
 * What tells one vaccine from another: vaccineCode's codings (for the generic codes,
 * be-cs-vaccine-code#other and SNOMED "unspecified vaccine", with the text, since `other` alone
 * would make every non-COVID product the same vaccine), and the station's catalogue code, so a
 * copy sent in the older shape (catalogue code in vaccineCode) still matches.
 */
export function vaccineKeysOf(resource: Immunization): Set<string> {
  const text = resource.vaccineCode?.text?.trim().toLowerCase() ?? '';
  const keys = (resource.vaccineCode?.coding ?? []).map((c) =>
    isGenericVaccineCode(c.system, c.code) ? `${c.system}|${c.code}|${text}` : `${c.system}|${c.code}`,
  );
  const productCode = administeredProductOf(resource).productCode;
  if (productCode) keys.push(`${PRODUCT_SYSTEM}|${productCode}`);
  return new Set(keys);
}

/**
 * Who a dose names: the performers' actors and the recorder, as a set. Doses sent before the
 * single-performer shape carried the vaccinator and the centre as two performers and the
 * vaccinator as recorder; both shapes name the same two, so old copies still compare equal.
 */
export function partiesOf(resource: Immunization): string[] {
  const refs = [
    ...(resource.performer ?? []).map((p) => p.actor),
    ...(resource.extension ?? []).filter((e) => e.url === BE_EXT_RECORDER).map((e) => e.valueReference),
  ];
  const keys = refs.flatMap((r) => (r?.identifier ? [`${r.identifier.system ?? ''}|${r.identifier.value ?? ''}`] : []));
  return [...new Set(keys)].sort();
}

/** Lot and expiry read back from the Belgian extension (undefined when absent). */
export function administeredProductOf(resource: Immunization): { lot?: string; expiry?: string; productCode?: string } {
  const ext = resource.extension?.find((e) => e.url === BE_EXT_ADMINISTERED_PRODUCT);
  const part = (url: string) => ext?.extension?.find((e) => e.url === url);
  const coded = part('coded')?.valueCodeableConcept;
  // Older doses carried the catalogue code only in `coded`; newer ones also in a station extension.
  const station = resource.extension?.find((e) => e.url === PRODUCT_EXTENSION)?.valueCoding;
  return {
    lot: part('lotNumber')?.valueString,
    expiry: part('expirationDate')?.valueDate,
    productCode: coded?.coding?.find((c) => c.system === PRODUCT_SYSTEM)?.code ?? (station?.system === PRODUCT_SYSTEM ? station.code : undefined),
  };
}

/** vaccineCode for a product: SNOMED CT "COVID-19 vaccine" for a COVID-19 ATC, else be-cs-vaccine-code#other with the name. */
function vaccineCodeOf(atc: string | undefined, productName: string): Immunization['vaccineCode'] {
  return atc && isCovidVaccineAtc(atc)
    ? { coding: [{ system: SNOMED_SYSTEM, code: SNOMED_COVID19_VACCINE, display: 'COVID-19 vaccine' }], text: productName }
    : { coding: [{ system: BE_CS_VACCINE_CODE, code: OTHER_VACCINE_CODE }], text: productName };
}

/**
 * A person not vaccinated, as a BeVaccination Immunization: status `not-done` (base Immunization's
 * status binding), `statusReason` from be-vs-vaccination-status-reason (required binding,
 * profiles/BeVaccination.fsh `statusReason from be-vs-vaccination-status-reason (required)`),
 * the product the dose would have been coded as for a dose (no lot: none was used), the
 * vaccinator as the one performer, the centre as recorder, the staff's note as `note`.
 */
export function notGivenToImmunization(p: NotGivenPayload): Immunization {
  const atc = p.productAtc ?? PRODUCT_ATC[p.productCode];
  const ruleCodings = [...(p.productCnk ? [{ system: CNK_SYSTEM, code: p.productCnk }] : []), ...(atc ? [{ system: ATC_SYSTEM, code: atc }] : [])];
  const resource: Immunization = {
    resourceType: 'Immunization',
    meta: { profile: [BE_VACCINATION_PROFILE] },
    extension: [
      { url: BE_EXT_RECORDER, valueReference: { type: 'Organization', identifier: { system: CENTRE_SYSTEM, value: p.centreId } } },
      ...(ruleCodings.length > 0
        ? [{ url: BE_EXT_ADMINISTERED_PRODUCT, extension: [{ url: 'coded', valueCodeableConcept: { coding: [...ruleCodings, { system: PRODUCT_SYSTEM, code: p.productCode, display: p.productName }], text: p.productName } }] }]
        : []),
      { url: PRODUCT_EXTENSION, valueCoding: { system: PRODUCT_SYSTEM, code: p.productCode, display: p.productName } },
      { url: DOSE_NUMBER_EXTENSION, valuePositiveInt: p.doseNumber },
      { url: RECORD_VERSION_EXTENSION, valueInteger: p.version },
    ],
    identifier: [{ system: STATION_RECORD_SYSTEM, value: p.id }],
    status: p.status,
    statusReason: { coding: [{ system: p.reason.system, code: p.reason.code, display: p.reason.display }] },
    vaccineCode: vaccineCodeOf(atc, p.productName),
    patient: { type: 'Patient', identifier: { system: SSIN_SYSTEM, value: p.person.ssin } },
    occurrenceDateTime: p.decidedAt,
    recorded: p.recordedAt,
    performer: [
      {
        function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code: 'AP' }] },
        actor: { type: 'Practitioner', identifier: { system: NIHDI_PROFESSIONAL_SYSTEM, value: p.vaccinator.nihdi }, ...(p.vaccinator.name.trim() ? { display: p.vaccinator.name } : {}) },
      },
    ],
  };
  if (p.note?.trim()) resource.note = [{ text: p.note.trim() }];
  return resource;
}

