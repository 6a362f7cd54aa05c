import type { CallEnvelope } from '../shared/envelope';
import type { ClockAnchor } from './scaled-clock';

/**
 * What the simulator and a station process say to each other over the Node IPC channel. The
 * station side only dispatches contract calls (through the same dispatcher, role check and audit
 * as the Node host) and reports what an operator would see in the status bar.
 */
/** A completed two-dose course of a simulated citizen: doses at 10:00 Brussels time, the first the target interval before the second. */
export interface EarlierCourse {
  ssin: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
  sex: 'M' | 'F';
  language: 'nl' | 'fr' | 'de' | 'en';
  productCode: string;
  doseDays: [string, string];
}

export interface StationProcessConfig {
  dataDir: string;
  stationId: string;
  centreId: string;
  centreName: string;
  printerUri: string;
  federalUrl: string;
  /** Per-request timeout of the federal client (real ms). */
  federalTimeoutMs: number;
  /** The centre's SMTP server for citizen e-mails (the simulator's sink), or null for no messages. */
  messagesSmtp: { host: string; port: number } | null;
  anchor: ClockAnchor;
  centre: {
    from: string;
    days: number;
    stationIds: string[];
    productCodes: string[];
    capacityPerSlot: number;
    cardKeyBase64: string;
    /** People whose Comirnaty course is complete (learned as if from sync), for boosters. */
    earlierCourses?: EarlierCourse[];
  };
}

export const CONFIG_ENV = 'DOSEDESK_SIM_STATION';

export type ToStation =
  /** `announce`: say 'begin' before dispatching; `holdAnswerMs`: wait that long before answering (a slow link, to kill in between). */
  | { type: 'call'; id: number; method: string; args: unknown; sessionId?: string; announce?: boolean; holdAnswerMs?: number }
  | { type: 'clock'; anchor: ClockAnchor }
  | { type: 'observe'; id: number }
  | { type: 'stop'; id: number };

export interface Observation {
  outbox: { waiting: number; sending: number; review: number; synced: number };
  print: { queued: number; sending: number; uncertain: number; printed: number };
  messages: { waiting: number; uncertain: number; sent: number };
  syncMode: string;
}

export type FromStation =
  | { type: 'ready'; firstStart: boolean; pid: number }
  | { type: 'begin'; id: number }
  /** The call is done (its transaction committed) and its answer is being held (`holdAnswerMs`). */
  | { type: 'held'; id: number }
  | { type: 'reply'; id: number; envelope: CallEnvelope }
  | { type: 'observed'; id: number; observation: Observation }
  | { type: 'stopped'; id: number }
  | { type: 'fatal'; message: string };
