import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * PINs are stored as scrypt hashes with a per-person random salt, the parameters kept beside each
 * hash so they can be raised later (a stored hash with weaker parameters is redone at the next
 * good sign-in). scrypt because it is memory-hard (GPU guessing costs memory, not only time) and
 * ships with Node, with no native add-on to rebuild for Electron; N=2^17, r=8, p=1 is OWASP's
 * minimum for scrypt (128 MiB, about 0.3 s here, off the event loop). A 4-digit PIN still cannot
 * resist offline guessing: the encrypted database is what keeps hashes out of reach; lock-out after
 * repeated failures is what stops guessing at the screen.
 */
export interface ScryptParams {
  readonly alg: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keylen: number;
}

export const PIN_HASH_PARAMS: ScryptParams = { alg: 'scrypt', N: 2 ** 17, r: 8, p: 1, keylen: 32 };

export interface PinHash {
  hash: string;
  salt: string;
  params: ScryptParams;
}

function options(params: ScryptParams): ScryptOptions {
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p + 1024 * 1024 };
}

export function hashPinSync(pin: string, params: ScryptParams = PIN_HASH_PARAMS): PinHash {
  const salt = randomBytes(16);
  return { hash: scryptSync(pin, salt, params.keylen, options(params)).toString('base64'), salt: salt.toString('base64'), params };
}

function derive(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolveKey, reject) => scrypt(pin, salt, params.keylen, options(params), (error, key) => (error ? reject(error) : resolveKey(key))));
}

export async function hashPin(pin: string, params: ScryptParams = PIN_HASH_PARAMS): Promise<PinHash> {
  const salt = randomBytes(16);
  return { hash: (await derive(pin, salt, params)).toString('base64'), salt: salt.toString('base64'), params };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(pin, Buffer.from(stored.salt, 'base64'), stored.params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function needsRehash(params: ScryptParams, target: ScryptParams = PIN_HASH_PARAMS): boolean {
  return params.alg !== target.alg || params.N < target.N || params.r < target.r || params.p < target.p || params.keylen < target.keylen;
}

export function parseParams(text: string): ScryptParams {
  const raw = JSON.parse(text) as Partial<ScryptParams>;
  if (raw.alg !== 'scrypt' || ![raw.N, raw.r, raw.p, raw.keylen].every((n) => Number.isInteger(n) && (n as number) > 0)) {
    throw new Error('unknown PIN hash parameters');
  }
  return { alg: 'scrypt', N: raw.N!, r: raw.r!, p: raw.p!, keylen: raw.keylen! };
}

/** Same digit repeated, or a straight run up or down (1234, 9876, 0123456). */
export function isWeakPin(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const steps = [...pin].slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10);
  return steps.every((s) => s === 1) || steps.every((s) => s === 9);
}
