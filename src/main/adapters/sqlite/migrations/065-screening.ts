import type { Migration } from '../migration';

/** The demo's screening questions, asked before every product (the supervisor changes them later). */
const DEMO_QUESTIONS: readonly { family: string; needsDecision: boolean; allergy: boolean; nl: string; fr: string; de: string; en: string }[] = [
  {
    family: 'fever',
    needsDecision: true,
    allergy: false,
    nl: 'Heeft u vandaag koorts of bent u acuut ziek?',
    fr: "Avez-vous de la fièvre ou êtes-vous malade aujourd'hui ?",
    de: 'Haben Sie heute Fieber oder sind Sie akut krank?',
    en: 'Do you have a fever or are you acutely ill today?',
  },
  {
    family: 'allergy',
    needsDecision: true,
    allergy: true,
    nl: 'Heeft u ooit een ernstige allergische reactie (anafylaxie) gehad?',
    fr: 'Avez-vous déjà eu une réaction allergique grave (anaphylaxie) ?',
    de: 'Hatten Sie jemals eine schwere allergische Reaktion (Anaphylaxie)?',
    en: 'Have you ever had a severe allergic reaction (anaphylaxis)?',
  },
  {
    family: 'earlier-dose-reaction',
    needsDecision: true,
    allergy: false,
    nl: 'Had u een reactie na een eerdere dosis van dit vaccin?',
    fr: 'Avez-vous eu une réaction après une dose précédente de ce vaccin ?',
    de: 'Hatten Sie eine Reaktion nach einer früheren Dosis dieses Impfstoffs?',
    en: 'Did you have a reaction after an earlier dose of this vaccine?',
  },
  {
    family: 'pregnant',
    needsDecision: true,
    allergy: false,
    nl: 'Bent u zwanger?',
    fr: 'Êtes-vous enceinte ?',
    de: 'Sind Sie schwanger?',
    en: 'Are you pregnant?',
  },
  {
    family: 'anticoagulants',
    needsDecision: false,
    allergy: false,
    nl: 'Neemt u bloedverdunners of heeft u een stollingsstoornis?',
    fr: 'Prenez-vous des anticoagulants ou avez-vous un trouble de la coagulation ?',
    de: 'Nehmen Sie Blutverdünner oder haben Sie eine Gerinnungsstörung?',
    en: 'Do you take anticoagulants or have a bleeding disorder?',
  },
  {
    family: 'recent-covid',
    needsDecision: true,
    allergy: false,
    nl: 'Had u COVID-19 in de afgelopen weken?',
    fr: 'Avez-vous eu la COVID-19 ces dernières semaines ?',
    de: 'Hatten Sie in den letzten Wochen COVID-19?',
    en: 'Did you have COVID-19 in the last weeks?',
  },
];

/**
 * Screening before the needle: the questions (versioned: a change retires the old version and adds
 * a new one, nothing is deleted), each screening of a person with consent and decision, and its
 * answers. The demo set is seeded in a new folder and in a demo folder already seeded (station_meta
 * `demo.seeded`); a real centre's existing folder starts without questions until its supervisor
 * adds them.
 */
export const m065Screening: Migration = {
  version: 65,
  name: 'screening',
  up(db) {
    db.exec(`
      CREATE TABLE screening_questions (
        id TEXT PRIMARY KEY,
        family TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version > 0),
        product_code TEXT,
        position INTEGER NOT NULL,
        text_nl TEXT NOT NULL,
        text_fr TEXT NOT NULL,
        text_de TEXT NOT NULL,
        text_en TEXT NOT NULL,
        yes_needs_decision INTEGER NOT NULL CHECK (yes_needs_decision IN (0, 1)),
        allergy INTEGER NOT NULL CHECK (allergy IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        retired_at TEXT,
        retired_by TEXT,
        replaced_by TEXT,
        UNIQUE (family, version)
      ) STRICT;
      CREATE UNIQUE INDEX screening_questions_one_active ON screening_questions(family) WHERE status = 'active';

      CREATE TABLE screenings (
        id TEXT PRIMARY KEY,
        ssin TEXT NOT NULL,
        product_codes TEXT NOT NULL,
        station_id TEXT NOT NULL,
        local_date TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        staff_name TEXT NOT NULL,
        vaccinator_nihdi TEXT NOT NULL,
        consent TEXT NOT NULL CHECK (consent IN ('person', 'representative', 'refused')),
        representative_name TEXT,
        decision TEXT NOT NULL CHECK (decision IN ('go_on', 'postpone', 'do_not_vaccinate', 'refused')),
        allergy_history INTEGER NOT NULL CHECK (allergy_history IN (0, 1)),
        not_given_id TEXT,
        note TEXT,
        CHECK ((consent = 'representative') = (representative_name IS NOT NULL)),
        CHECK ((consent = 'refused') = (decision = 'refused'))
      ) STRICT;
      CREATE INDEX screenings_person_day ON screenings(ssin, local_date);

      CREATE TABLE screening_answers (
        screening_id TEXT NOT NULL REFERENCES screenings(id),
        question_id TEXT NOT NULL REFERENCES screening_questions(id),
        answer INTEGER NOT NULL CHECK (answer IN (0, 1)),
        PRIMARY KEY (screening_id, question_id)
      ) STRICT;
    `);
    const used = (db.prepare('SELECT COUNT(*) AS n FROM station_meta').get() as { n: number }).n > 0;
    const demo = db.prepare(`SELECT 1 FROM station_meta WHERE key = 'demo.seeded'`).get() !== undefined;
    if (used && !demo) return;
    const insert = db.prepare(
      `INSERT INTO screening_questions (id, family, version, product_code, position, text_nl, text_fr, text_de, text_en, yes_needs_decision, allergy, status, created_at, created_by)
       VALUES (?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, 'active', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'demo')`,
    );
    DEMO_QUESTIONS.forEach((q, i) => insert.run(`screening-demo-${q.family}`, q.family, (i + 1) * 10, q.nl, q.fr, q.de, q.en, q.needsDecision ? 1 : 0, q.allergy ? 1 : 0));
  },
};
