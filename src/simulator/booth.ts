import type { z } from 'zod';
import type { AdministerResult } from '../shared/api/booking';
import type { LotView, VialView } from '../shared/api/vials';

type VialInUse = { lot: z.infer<typeof LotView>; vial: z.infer<typeof VialView>; opened: boolean };
import type { CheckinResult } from '../shared/api/checkin';
import type { SignInResult, StaffRole } from '../shared/api/staff';
import type { PrintJobSummary } from '../shared/api/printing';
import { DEMO_PIN, DEMO_STAFF } from '../main/station/staff/demo-staff';
import type { PlannedNotVaccinated, Visit } from './plan';
import type { QuestionView, ScreeningView } from '../shared/api/screening';
import type { CallWatch, StationLink } from './station-link';

/** An answer the station refused: its error code and message, as staff would read them. */
export class Refused extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
  ) {
    super(`${method}: ${code}: ${message}`);
  }
}

/** What staff at a booth went through with one person. */
export interface Served {
  checkin: CheckinResult;
  administered: AdministerResult;
  /** A reaction was recorded for this person during this visit. */
  reactionRecorded: boolean;
}

/** A visit the screening ended without a dose, as the booth saw it. */
export interface NotVaccinated {
  checkin: CheckinResult;
  screening: ScreeningView;
}

/** The answers and decision of each planned way a screening ends the visit. */
const NOT_VACCINATED_SCREENING: Record<PlannedNotVaccinated, { yes: string | null; consent: 'person' | 'refused'; decision: 'postpone' | 'do_not_vaccinate' | null }> = {
  refusal: { yes: null, consent: 'refused', decision: null },
  contraindication: { yes: 'allergy', consent: 'person', decision: 'do_not_vaccinate' },
  postponement: { yes: 'fever', consent: 'person', decision: 'postpone' },
};

const STAFF_RETRY = new Set(['staff.required', 'staff.locked']);

/**
 * The staff of one booth, acting through the station's API as real staff do: the check-in agent
 * and the vaccinator each sign in with their own number and PIN (the demo staff), sign in again
 * when their screen locked or the station restarted, scan the person, scan the vial (the station
 * reuses its open vial or opens a new one, as for the screen), and record the dose (which books
 * dose 2 and queues the card).
 */
export class Booth {
  private sessions = new Map<StaffRole, string>();
  private vaccinator: { nihdi: string; name: string } | null = null;
  signIns = 0;
  vialsOpened = 0;

  constructor(
    readonly link: StationLink,
    private readonly vialScan: string,
    /** The vaccine of this booth's vials: what a person with no invitation is screened for. */
    private readonly productCode: string | null = null,
  ) {}

  /** After a restart the station knows no session any more. */
  forgetSessions(): void {
    this.sessions.clear();
  }

  async signIn(role: StaffRole): Promise<void> {
    const person = DEMO_STAFF.find((s) => s.roles.includes(role));
    if (!person) throw new Error(`no demo staff member with role ${role}`);
    const answer = await this.link.call('staff.signIn', { login: person.code, pin: DEMO_PIN }, this.sessions.get(role));
    if (!answer.ok) throw new Refused('staff.signIn', answer.error.code, answer.error.message);
    const result = answer.result as z.infer<typeof SignInResult>;
    this.signIns++;
    this.sessions.set(role, result.sessionId);
    if (role === 'vaccinator') this.vaccinator = { nihdi: result.session.staff?.nihdi ?? person.nihdi ?? '', name: result.session.staff?.displayName ?? person.displayName };
  }

  /** One call as the person holding `role`; a locked or unknown session means: type the PIN again. */
  async as<T>(role: StaffRole, method: string, args: unknown, watch?: CallWatch): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (!this.sessions.has(role)) await this.signIn(role);
      const answer = await this.link.call(method, args, this.sessions.get(role), watch);
      if (answer.ok) return answer.result as T;
      if (attempt === 0 && STAFF_RETRY.has(answer.error.code)) {
        this.sessions.delete(role);
        continue;
      }
      throw new Refused(method, answer.error.code, answer.error.message);
    }
  }

  /** The supervisor's opening of the day on this station: the screen lock policy of the centre. */
  async openDay(lockAfterSeconds: number): Promise<void> {
    await this.as('supervisor', 'staff.setPolicy', { lockAfterSeconds });
    await this.as('supervisor', 'staff.signOut', {});
    this.sessions.delete('supervisor');
  }

  /** The vial scan, as the vaccinator screen sends it: the station says which vial it is. */
  private async useVial(): Promise<VialInUse> {
    const used = await this.as<VialInUse>('vaccinator', 'vials.use', { text: this.vialScan });
    if (used.opened) this.vialsOpened++;
    return used;
  }

  private async checkIn(visit: Visit): Promise<CheckinResult> {
    const c = visit.citizen;
    return this.as<CheckinResult>(
      'checkin',
      'checkin.scan',
      c.identifiedBy === 'chip'
        ? { text: c.ssin, source: 'chip', language: c.language, chip: { familyName: c.familyName, givenNames: c.givenNames, birthDate: c.birthDate, sex: c.sex, validityEnd: c.cardValidUntil } }
        : { text: c.ssin, source: 'typed', language: c.language },
    );
  }

  /**
   * The screening before the vial, as the vaccinator answers it: every question "no" and consent
   * given (go on), unless the plan ends this visit (then `yes` is the question answered yes).
   */
  private async screen(visit: Visit, planned: (typeof NOT_VACCINATED_SCREENING)[PlannedNotVaccinated] | null): Promise<ScreeningView> {
    const c = visit.citizen;
    const { questions } = await this.as<{ questions: QuestionView[] }>('vaccinator', 'screening.questionsFor', { ssin: c.ssin, productCode: this.productCode });
    return this.as<ScreeningView>('vaccinator', 'screening.record', {
      ssin: c.ssin,
      person: { familyName: c.familyName, givenNames: c.givenNames, birthDate: c.birthDate, sex: c.sex, language: c.language },
      productCode: this.productCode,
      answers: questions.map((q) => ({ questionId: q.id, answer: q.family === planned?.yes })),
      consent: { by: planned?.consent ?? 'person' },
      ...(planned?.decision ? { decision: planned.decision } : {}),
    });
  }

  /** Check-in and a screening that ends the visit without a dose (recorded as not vaccinated, no next dose). */
  async serveNotVaccinated(visit: Visit): Promise<NotVaccinated> {
    if (!visit.notVaccinated) throw new Error(`visit ${visit.index} is planned with a dose`);
    const checkin = await this.checkIn(visit);
    const screening = await this.screen(visit, NOT_VACCINATED_SCREENING[visit.notVaccinated]);
    if (!screening.notGiven) throw new Error(`${visit.citizen.ssin}: the screening went on to the vial`);
    return { checkin, screening };
  }

  /**
   * Check-in, vial, dose. `watchAdminister` is told when the station has the administer call and
   * starts on it (the simulator pulls the plug there).
   */
  async serve(visit: Visit, watchAdminister?: CallWatch): Promise<Served> {
    const c = visit.citizen;
    const checkin = await this.checkIn(visit);
    // The desk asks for an e-mail address with consent: the booking's message goes there.
    await this.as('checkin', 'messages.setContact', {
      ssin: c.ssin,
      email: `${c.ssin}@citizens.sim.test`,
      phone: null,
      consent: true,
      person: { familyName: c.familyName, givenNames: c.givenNames, birthDate: c.birthDate, sex: c.sex, language: c.language },
    });
    let screening = await this.screen(visit, null);
    let used = await this.useVial();
    const args = () => ({
      screeningId: screening.id,
      ssin: c.ssin,
      person: { familyName: c.familyName, givenNames: c.givenNames, birthDate: c.birthDate, sex: c.sex, language: c.language },
      lotId: used.lot.lotId,
      vialId: used.vial.id,
      expectedDoseNumber: checkin.nextDoseNumber ?? 1,
      vaccinator: this.vaccinator!,
    });
    let administered: AdministerResult;
    try {
      administered = await this.as<AdministerResult>('vaccinator', 'booking.administer', args(), watchAdminister);
    } catch (error) {
      // The vial ran out or passed its hours after puncture between scan and dose: scan again and record again.
      // A screening answered before midnight is yesterday's after it (a fast-forwarded day can run late): screen again.
      if (!(error instanceof Refused) || !['vials.empty', 'vials.expired', 'vials.closed', 'screening.not_today'].includes(error.code)) throw error;
      if (error.code === 'screening.not_today') screening = await this.screen(visit, null);
      else used = await this.useVial();
      administered = await this.as<AdministerResult>('vaccinator', 'booking.administer', args());
    }
    return { checkin, administered, reactionRecorded: await this.recordReaction(visit, administered) };
  }

  /**
   * The reaction the plan gives this person, recorded while under observation. A person served
   * again after a restart whose reaction is already there gets none twice.
   */
  private async recordReaction(visit: Visit, administered: AdministerResult): Promise<boolean> {
    if (!visit.reaction) return false;
    const observation = await this.as<{ id: string; reactions: { status: string }[] }>('vaccinator', 'observation.ofDose', { doseId: administered.dose.id });
    if (observation.reactions.some((r) => r.status === 'recorded')) return false;
    await this.as('vaccinator', 'observation.reaction', { observationId: observation.id, ...visit.reaction });
    return true;
  }

  /** Cards the printer may or may not have printed (the station died mid-card): staff print a copy. */
  async settleUncertainCards(): Promise<number> {
    const { jobs } = await this.as<{ jobs: PrintJobSummary[] }>('vaccinator', 'printing.jobs', { limit: 50 });
    let reprinted = 0;
    for (const job of jobs) {
      if (job.state !== 'uncertain' || job.resolution) continue;
      await this.as('vaccinator', 'printing.reprint', { jobId: job.id });
      reprinted++;
    }
    return reprinted;
  }
}
