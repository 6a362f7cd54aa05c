import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { ManualClock } from '../../../../src/main/adapters/clock';
import { startHttpHost, type RunningHost } from '../../../../src/main/host/http-host';
import { DEMO_PIN, DEMO_STAFF } from '../../../../src/main/station/staff/demo-staff';
import { METHOD_NAMES, methods, type MethodName } from '../../../../src/shared/contract';
import { isPublicCall, rolesAllow } from '../../../../src/shared/access';
import { permissionOf } from '../../../../src/shared/contract';
import type { StaffRole } from '../../../../src/shared/api/staff';
import { openTestStation } from '../../../support/station';

/**
 * Adversarial calls on every contract method through the real Node host over HTTP, on a demo
 * station with roles enforced: wrong types, huge values, unknown fields, malformed paths, missing
 * and wrong tokens and origins, and every role on every method. Invariant: never a 500, never the
 * `internal` code, and the station still answers afterwards. Seeds and counts are fixed.
 */

const SEED = 20261206;
const RUNS_PER_METHOD = 24;
/** Calls that end, lock or replace the caller's own session: tried without one, never with a role's. */
const SESSION_METHODS: readonly string[] = ['staff.signIn', 'staff.signOut', 'staff.lock'];
/** Settings that point the station elsewhere (federal URL, data folder): only the public language switch is fuzzed. */
const ANONYMOUS_ONLY: readonly string[] = ['settings.update'];

interface Answer {
  status: number;
  body: { ok?: boolean; error?: { code?: string } } | null;
  /** The connection was closed by the host (e.g. a body over the limit). */
  closed?: boolean;
}

interface Tally {
  calls: number;
  refused: number;
  accepted: number;
  internal: string[];
}

const tally: Tally = { calls: 0, refused: 0, accepted: 0, internal: [] };
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
let host: RunningHost;
let cleanup: () => void;
let auditRows: () => { action: string; actor: string; method: string }[];
const hostLog: string[] = [];
const sessions = new Map<StaffRole, string>();
const cardReaderBefore = process.env.DOSEDESK_CARD_READER;

/** The answer's JSON, or null when the body is not JSON. */
function parseBody(text: string): Answer['body'] {
  try {
    return JSON.parse(text) as Answer['body'];
  } catch {
    return null;
  }
}

function send(path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: 'POST', path, agent, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        done({ status: res.statusCode ?? 0, body: parseBody(text) });
      });
      res.on('error', () => done({ status: 0, body: null, closed: true }));
    });
    req.on('error', () => done({ status: 0, body: null, closed: true }));
    req.end(body);
  });
}

const authorised = (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${host.token}`, ...extra });
const withSession = (role: StaffRole | null) => (role ? authorised({ 'X-DoseDesk-Session': sessions.get(role)! }) : authorised());

/** Sends one call and checks the invariant; returns the answer for finer checks. */
async function call(label: string, path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const answer = await send(path, body, headers);
  tally.calls++;
  const code = answer.body?.error?.code;
  if (answer.status === 500 || code === 'internal') tally.internal.push(`${label}: ${answer.status} ${code ?? ''}`);
  else if (answer.body?.ok === true) tally.accepted++;
  else tally.refused++;
  return answer;
}

const callMethod = (label: string, method: string, args: unknown, role: StaffRole | null) =>
  call(label, `/api/${encodeURIComponent(method)}`, JSON.stringify(args), withSession(role));

/** A role allowed to call the method, so its fuzzed arguments reach the handler; null: public. */
function callerFor(method: MethodName): StaffRole | null {
  const permission = permissionOf(method)!;
  if (permission.roles === 'public' || ANONYMOUS_ONLY.includes(method) || SESSION_METHODS.includes(method)) return null;
  const roles: StaffRole[] = ['supervisor', 'vaccinator', 'checkin'];
  return roles.find((r) => rolesAllow(permission, [r])) ?? null;
}

/** The top-level keys a method takes, to aim wrong types at real fields as well as unknown ones. */
function keysOf(method: MethodName): string[] {
  const shape = (methods[method].args as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

const hostile = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '%', '%00', '__proto__', '\u202e', 'DD1.x.y', '<script>', '1e309', '-1', 'NaN', '9'.repeat(40)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('x'.repeat(5_000), 'é'.repeat(20_000)),
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -0, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.constantFrom(Array.from({ length: 2_000 }, (_, i) => i)),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

/** Arguments for one method: its own keys with hostile values, unknown keys, wrong top-level types. */
function argsFor(method: MethodName): fc.Arbitrary<unknown> {
  const keys = [...keysOf(method), 'unknownField', '__proto__', 'constructor'];
  return fc.oneof(
    fc.dictionary(fc.constantFrom(...keys), hostile, { maxKeys: keys.length }),
    fc.anything({ maxDepth: 3, maxKeys: 4 }),
    hostile,
  );
}

beforeAll(async () => {
  process.env.DOSEDESK_CARD_READER = 'off'; // the shared PC/SC reader stays untouched
  const station = openTestStation({ clock: new ManualClock('2026-03-02T08:00:00Z'), enforceRoles: true });
  cleanup = station.cleanup;
  auditRows = () => station.ctx.db.prepare('SELECT action, actor, method FROM audit_log').all() as { action: string; actor: string; method: string }[];
  station.seedDemo();
  const rendererDir = join(station.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startHttpHost({ station, rendererDir, log: (line) => hostLog.push(line) });
  // One demo staff member per role, signed in over HTTP like a browser tab (in parallel: PIN hashing is slow on purpose).
  await Promise.all(
    DEMO_STAFF.map(async (member) => {
      const answer = await send('/api/staff.signIn', JSON.stringify({ login: member.code, pin: DEMO_PIN }), authorised());
      const sessionId = (answer.body as { result?: { sessionId?: string } } | null)?.result?.sessionId;
      if (!sessionId) throw new Error(`demo sign-in failed for ${member.code}: ${JSON.stringify(answer.body)}`);
      sessions.set(member.roles[0]!, sessionId);
    }),
  );
}, 60_000);

afterAll(async () => {
  await host?.close();
  agent.destroy();
  cleanup?.();
  if (cardReaderBefore === undefined) delete process.env.DOSEDESK_CARD_READER;
  else process.env.DOSEDESK_CARD_READER = cardReaderBefore;
  console.log(`adversarial contract: ${tally.calls} calls, ${tally.refused} refused as expected, ${tally.accepted} accepted, ${tally.internal.length} internal errors`);
});

describe('adversarial: the contract over HTTP', () => {
  it('refuses every call outside a method’s roles with the staff code, for every role and every method', async () => {
    const roles: (StaffRole | null)[] = [null, 'checkin', 'vaccinator', 'supervisor'];
    const wrong: string[] = [];
    for (const method of METHOD_NAMES) {
      const permission = permissionOf(method)!;
      for (const role of roles) {
        if (role && SESSION_METHODS.includes(method)) continue;
        const answer = await callMethod(`${role ?? 'anonymous'} ${method}`, method, {}, role);
        const code = answer.body?.error?.code;
        const allowed = isPublicCall(permission, {}) || (role !== null && rolesAllow(permission, [role]));
        const expected = allowed ? null : role ? 'staff.forbidden' : 'staff.required';
        if (expected && code !== expected) wrong.push(`${role ?? 'anonymous'} ${method}: ${answer.status} ${code ?? 'ok'}`);
        if (allowed && (code === 'staff.forbidden' || code === 'staff.required')) wrong.push(`${role ?? 'anonymous'} ${method} (allowed): ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(tally.internal).toEqual([]);
  }, 120_000);

  it('answers wrong types, huge values and unknown fields with a code, never internal (seeded)', async () => {
    for (const [i, method] of METHOD_NAMES.entries()) {
      const role = callerFor(method);
      const samples = fc.sample(argsFor(method), { seed: SEED + i, numRuns: RUNS_PER_METHOD });
      for (const args of samples) await callMethod(`${role ?? 'anonymous'} ${method} ${JSON.stringify(args)?.slice(0, 80)}`, method, args, role);
    }
    expect(tally.internal).toEqual([]);
  }, 120_000);

  it('refuses malformed bodies and content types without a 500', async () => {
    const bodies = ['', '{', 'null', '[]', '"text"', '1e999', '{"__proto__":{"ok":true}}', '{"a":'.repeat(2_000), JSON.stringify({ x: 'y'.repeat(300 * 1024) })];
    for (const method of ['station.status', 'checkin.lookup', 'booking.administer', 'staff.signIn']) {
      for (const body of bodies) {
        const answer = await call(`body ${method}`, `/api/${method}`, body, withSession('supervisor'));
        expect(answer.status === 500 || answer.body?.error?.code === 'internal').toBe(false);
      }
      const wrongType = await call(`content-type ${method}`, `/api/${method}`, '{}', { ...withSession('supervisor'), 'Content-Type': 'text/plain' });
      expect(wrongType.status).toBe(415);
    }
    expect(tally.internal).toEqual([]);
  }, 60_000);

  it('refuses malformed, escaped and overlong paths: 401 without the token, 4xx or unknown_method with it', async () => {
    const paths = ['/api/%', '/api/..%2f', '/api/..%2f..%2fstation.status', '/api/%E0%A4%A', '/api/%00', '/api/__proto__', '/api/constructor', '/api/', '/api//', '/api/station.status/../staff.list', `/api/${'a'.repeat(8_000)}`, `/api/${'%'.repeat(3_000)}`, '/api/station%2Estatus%ZZ'];
    for (const path of paths) {
      const anonymous = await call(`path ${path.slice(0, 40)}`, path, '{}', {});
      expect(anonymous.status, path).toBe(401);
      const signed = await call(`path ${path.slice(0, 40)}`, path, '{}', authorised());
      expect(signed.status, path).not.toBe(500);
      expect(signed.body?.ok, path).not.toBe(true);
      // `/x/../staff.list` is normalised to staff.list, which the page token alone may not call.
      expect(signed.body?.error?.code, path).toMatch(/^(unknown_method|validation|staff\.required)$/);
    }
    expect(tally.internal).toEqual([]);
  }, 60_000);

  it('refuses every method without the token, with a wrong one, or from another origin', async () => {
    const wrong: string[] = [];
    for (const method of METHOD_NAMES) {
      const variants: Record<string, string>[] = [
        {},
        { Authorization: host.token },
        { Authorization: `Bearer ${host.token}x` },
        { Authorization: `bearer ${host.token}` },
        { Authorization: `Bearer ${'A'.repeat(host.token.length)}` },
        { ...authorised(), Origin: 'http://evil.example' },
        { ...authorised(), Origin: 'null' },
      ];
      for (const headers of variants) {
        const answer = await call(`token ${method}`, `/api/${method}`, '{}', headers);
        if (answer.status !== 401 || answer.body?.error?.code !== 'unauthorized') wrong.push(`${method} ${JSON.stringify(headers).slice(0, 60)}: ${answer.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('still answers station.status afterwards, and logged no failed request', async () => {
    const answer = await call('final status', '/api/station.status', '{}', authorised());
    expect(answer.status).toBe(200);
    expect(answer.body?.ok).toBe(true);
    expect(hostLog.filter((line) => line.startsWith('request failed'))).toEqual([]);
    // Thousands of anonymous calls, and not one administration entry without a staff member.
    expect(auditRows().filter((r) => r.action === 'admin' && !r.actor.startsWith('staff:'))).toEqual([]);
    expect(auditRows().length).toBeGreaterThan(0);
    expect(tally.internal).toEqual([]);
  });
});
