import fc from 'fast-check';

// Every property test draws the same cases on every run, on every machine: a failure found once is
// found again, and nothing turns red by chance. FC_SEED=<n> explores other cases on purpose.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_211_206) });
