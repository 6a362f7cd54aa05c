import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/database';
import { readKeyFile } from '../../../src/main/adapters/crypto/host-key';
import { lastJsonLine, runCli, type CliRun } from './support';
import { startStandIn, type StandInProcess } from '../../../src/devices/federal-stand-in/process';

/**
 * A small centre day end to end through the CLI: 2 station processes, 40 citizens, the backend
 * down for an hour, one station killed after it committed a dose but before staff saw the answer.
 * The figures are then checked against the stores themselves: the stand-in served again from the
 * kept folder (its own _summary=count), and the stations' encrypted databases opened read-only.
 */
const keep = mkdtempSync(join(tmpdir(), 'dosedesk-sim-test-'));
let run: CliRun;
let summary: Record<string, unknown>;
let standIn: StandInProcess | null = null;

beforeAll(async () => {
  rmSync(keep, { recursive: true, force: true }); // --keep wants a new or empty folder
  run = await runCli(['simulate', '--stations', '2', '--citizens', '40', '--outage-minutes', '60', '--seed', '7', '--kill-mode', 'answer-lost', '--keep', keep, '--json'], 240_000);
  summary = lastJsonLine(run.stdout);
}, 300_000);

afterAll(async () => {
  await standIn?.stop();
  if (!process.env.DOSEDESK_KEEP_TEST_DATA) rmSync(keep, { recursive: true, force: true });
});

describe('simulate: 2 stations, 40 citizens, 60-minute outage, a station killed mid-day', () => {
  it('exits 0 with every figure that must be zero at zero', () => {
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    expect(summary.ok).toBe(true);
    for (const key of ['overbookedSlots', 'unitsBookedTwice', 'duplicateDoses', 'lostRecords', 'duplicateRecordsAtBackend', 'unsyncedRecords', 'cardsNotPrinted', 'failedVisits', 'citizensWithoutDose', 'reactionsMissingAtBackend', 'boostersMissingAtBackend', 'notVaccinatedMissingAtBackend']) {
      expect(summary[key], key).toBe(0);
    }
    // The plan of seed 7 sends some people home after the screening (not vaccinated, no next dose)
    // and some for a booster (course complete months before: no dose 2 booked for them).
    const notVaccinated = summary.notVaccinated as number;
    const boosters = summary.boosters as number;
    expect(notVaccinated).toBeGreaterThan(0);
    expect(boosters).toBeGreaterThan(0);
    expect(summary.notVaccinatedRecorded).toBe(notVaccinated);
    expect(summary.dosesRecorded).toBe(40 - notVaccinated);
    expect(summary.appointmentsBooked).toBe(40 - notVaccinated - boosters);
    expect(summary.slipsPrinted).toBeGreaterThanOrEqual(40 - notVaccinated);
    expect(summary.drained).toBe(true);
    // Every dose and every not-done record is one Immunization at the backend; reactions and boosters arrived with theirs.
    expect(summary.backend).toEqual({ immunizations: 40, appointments: 40 - notVaccinated - boosters, reactions: summary.reactions, boosters });
    expect((summary.zeroFigures as Record<string, number>).reactionsMissingAtBackend).toBe(0);
    expect((summary.zeroFigures as Record<string, number>).boostersMissingAtBackend).toBe(0);
    // Every booking's e-mail went through the mail server, which was down with the backend, once.
    expect(summary.messagesDuplicated).toBe(0);
    expect((summary.zeroFigures as Record<string, number>).messagesDuplicated).toBe(0);
    // A message the killed station was handing over may be left for staff (uncertain), never sent again.
    const booked = summary.appointmentsBooked as number;
    expect(summary.messagesSent).toBeLessThanOrEqual(booked);
    expect(summary.messagesSent).toBeGreaterThanOrEqual(booked - (summary.messagesUncertain as number));
    // Progress went to stderr, stdout holds nothing but the summary.
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/federal backend DOWN/);
  });

  it('served the person again after the restart without a second dose', () => {
    const kill = summary.kill as Record<string, unknown>;
    expect(kill.mode).toBe('answer-lost');
    expect(kill.answeredBeforeKill).toBe(false);
    expect(kill.recordedBeforeKill).toBe(true);
    expect(kill.alreadyRecordedOnRetry).toBe(true);
  });

  it('matches what the stand-in itself counts when served again from the kept folder', async () => {
    const dataDir = summary.backendDataDir as string;
    expect(dataDir).toBe(join(keep, 'federal'));
    expect(existsSync(join(dataDir, 'federal-sim.sqlite'))).toBe(true);
    standIn = await startStandIn(dataDir);
    const url = standIn.url;
    const count = async (type: string) => ((await (await fetch(`${url}/${type}?_summary=count`)).json()) as { total: number }).total;
    expect(await count('Immunization')).toBe((summary.dosesRecorded as number) + (summary.notVaccinated as number));
    expect(await count('Appointment')).toBe(summary.appointmentsBooked);
    const stats = (await (await fetch(`${url.replace(/\/fhir$/, '')}/admin/stats`)).json()) as { duplicates: number };
    expect(stats.duplicates).toBe(0);
  }, 30_000);

  it('matches the stations\' own encrypted databases, written by signed-in staff', () => {
    let doses = 0;
    let appointments = 0;
    let vialRows = 0;
    for (const stationId of ['station-1', 'station-2']) {
      const folder = join(keep, 'stations', stationId);
      const db = openDatabase(join(folder, 'station.sqlite'), { readonly: true, key: readKeyFile(`${folder}.key`) });
      try {
        doses += (db.prepare(`SELECT COUNT(*) AS n FROM dose_records WHERE origin = 'station' AND status = 'completed'`).get() as { n: number }).n;
        appointments += (db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE status = 'booked'`).get() as { n: number }).n;
        expect((db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state <> 'synced'`).get() as { n: number }).n).toBe(0);
        // Every dose was recorded by a signed-in vaccinator (roles enforced), none anonymously.
        const actors = db.prepare(`SELECT DISTINCT actor FROM audit_log WHERE method = 'booking.administer'`).all() as { actor: string }[];
        expect(actors.length).toBeGreaterThan(0);
        for (const a of actors) expect(a.actor).toMatch(/^staff:/);
        // The station chose the vials (vials.use): a new one only once the one before was used up or past its hours.
        const vials = db.prepare(`SELECT punctured_at, usable_until, doses_used, doses_total FROM vials ORDER BY punctured_at`).all() as { punctured_at: string; usable_until: string; doses_used: number; doses_total: number }[];
        vialRows += vials.length;
        vials.slice(1).forEach((v, i) => {
          const before = vials[i]!;
          expect(before.doses_used >= before.doses_total || before.usable_until <= v.punctured_at, `${stationId} vial ${i + 1}`).toBe(true);
        });
      } finally {
        db.close();
      }
    }
    expect(doses).toBe(summary.dosesRecorded);
    expect(appointments).toBe(summary.appointmentsBooked);
    expect(vialRows).toBe((summary.staff as { vialsOpened: number }).vialsOpened);
    expect(vialRows).toBeGreaterThan(0);
  });
});
