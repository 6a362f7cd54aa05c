/**
 * What a reaction looks like, as a short list staff pick from. The SNOMED CT codes are those of
 * be-vs-reaction-manifestation-code (hl7-be/core-clinical valuesets/BeVSReactionManifestationCode.fsh),
 * the value set BeVaccination's be-rule-vaccination-3 binds reaction.detail's code to. Fainting and
 * dizziness, common after a needle, are not in that value set: they travel as text only.
 */
export const MANIFESTATIONS = {
  anaphylaxis: { code: '39579001', display: 'Anaphylaxis' },
  urticaria: { code: '126485001', display: 'Urticaria' },
  rash: { code: '271807003', display: 'Eruption of skin' },
  itching: { code: '418363000', display: 'Itching of skin' },
  angioedema: { code: '41291007', display: 'Angioedema' },
  dyspnoea: { code: '267036007', display: 'Dyspnea' },
  bronchospasm: { code: '4386001', display: 'Bronchospasm' },
  hypotension: { code: '45007003', display: 'Low blood pressure' },
  nausea: { code: '422587007', display: 'Nausea' },
  fever: { code: '386661006', display: 'Fever' },
  fainting: { code: null, display: 'Fainting' },
  dizziness: { code: null, display: 'Dizziness' },
  other: { code: null, display: 'Other' },
} as const satisfies Record<string, { code: string | null; display: string }>;

export type Manifestation = keyof typeof MANIFESTATIONS;
export const MANIFESTATION_KEYS = Object.keys(MANIFESTATIONS) as [Manifestation, ...Manifestation[]];

/** Severity of a reaction, with its SNOMED CT severity qualifier (the value of the reaction's Observation). */
export const SEVERITIES = {
  mild: { code: '255604002', display: 'Mild' },
  moderate: { code: '6736007', display: 'Moderate' },
  severe: { code: '24484000', display: 'Severe' },
} as const;
export type Severity = keyof typeof SEVERITIES;
export const SEVERITY_KEYS = Object.keys(SEVERITIES) as [Severity, ...Severity[]];

/** What was done about it. */
export const REACTION_ACTIONS = ['none', 'observed_longer', 'medication', 'adrenaline', 'emergency_transfer', 'other'] as const;
export type ReactionAction = (typeof REACTION_ACTIONS)[number];

/** The manifestation's SNOMED CT coding, or null when it is sent as text only. */
export function manifestationCoding(m: Manifestation): { code: string; display: string } | null {
  const entry: { code: string | null; display: string } = MANIFESTATIONS[m];
  return entry.code ? { code: entry.code, display: entry.display } : null;
}

/** "Other" says nothing by itself: staff describe it. */
export const needsText = (m: Manifestation): boolean => m === 'other';

/** What the federal record says in words: staff's text, else the manifestation's English name. */
export function manifestationText(m: Manifestation, text: string): string {
  return text.trim() || MANIFESTATIONS[m].display;
}
