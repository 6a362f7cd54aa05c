/**
 * How long a person stays under watch after a dose: 15 minutes, 30 after an allergic history
 * (an earlier severe allergic reaction). A function of the answer, so screening can feed it later.
 */
export const OBSERVATION_MINUTES = { usual: 15, allergyHistory: 30 } as const;

export function observationMinutes(answers: { allergyHistory: boolean }): number {
  return answers.allergyHistory ? OBSERVATION_MINUTES.allergyHistory : OBSERVATION_MINUTES.usual;
}

export interface ObservationTiming {
  endsAt: string;
  /** Whole minutes left, rounded up (0 once the time is up). */
  minutesLeft: number;
  overdue: boolean;
}

/** End, minutes left and overdue of an observation started at `startedAt`, at `now`. */
export function observationTiming(startedAt: string, minutes: number, now: Date): ObservationTiming {
  const end = Date.parse(startedAt) + minutes * 60_000;
  const leftMs = end - now.getTime();
  return { endsAt: new Date(end).toISOString(), minutesLeft: Math.max(0, Math.ceil(leftMs / 60_000)), overdue: leftMs <= 0 };
}
