import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { CallEnvelope } from '../shared/envelope';
import type { ClockAnchor } from './scaled-clock';
import { CONFIG_ENV, type FromStation, type Observation, type StationProcessConfig, type ToStation } from './protocol';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (from src/simulator or from the bundle in dist/cli): `--import tsx` is resolved from here. */
export const REPO_ROOT = resolve(HERE, '..', '..');
/**
 * Run from the built command line (dist/cli), the stations are its bundled entry: they start in a
 * fraction of the time tsx takes. Run from the sources (through tsx), they run from the sources too.
 */
const BUILT = import.meta.url.endsWith('.mjs');
const ENTRY = join(HERE, BUILT ? 'station-process.mjs' : 'station-process.ts');
// The built station's flags are the host's (scripts/cli-bundle.mjs, STATION_NODE_FLAGS).
const EXEC_ARGV = BUILT ? ['--enable-source-maps', '--min-semi-space-size=32', '--max-semi-space-size=32'] : ['--import', 'tsx'];

export interface CallWatch {
  onBegin: () => void;
  /** With holdAnswerMs: the station has done the call and holds its answer now. */
  onHeld?: () => void;
  holdAnswerMs?: number;
}

export class StationGone extends Error {
  constructor(stationId: string, detail: string) {
    super(`${stationId}: station process gone (${detail})`);
  }
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onBegin?: () => void;
  onHeld?: () => void;
  timer: NodeJS.Timeout;
}

/**
 * The simulator's end of one station process: starts it (node itself, never a wrapper, so the pid IS the
 * station: a SIGKILL kills the station, not a wrapper), sends it calls over IPC, and kills or
 * stops it. A restart opens the same folder again.
 */
export class StationLink {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private exited: Promise<void> = Promise.resolve();
  private readonly tail: string[] = [];
  starts = 0;

  constructor(
    readonly config: StationProcessConfig,
    private readonly options: { verbose: boolean; log: (line: string) => void; callTimeoutMs?: number },
  ) {}

  get stationId(): string {
    return this.config.stationId;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process on the folder (again) with the simulator's current clock anchor. */
  async start(anchor: ClockAnchor): Promise<{ firstStart: boolean }> {
    if (this.child) throw new Error(`${this.stationId} is already running`);
    const child = fork(ENTRY, [], {
      cwd: REPO_ROOT,
      execArgv: EXEC_ARGV,
      env: { ...process.env, [CONFIG_ENV]: JSON.stringify({ ...this.config, anchor }) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child = child;
    this.starts++;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.tail.push(line);
        if (this.tail.length > 30) this.tail.shift();
        if (this.options.verbose) this.options.log(line);
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise<void>((done) =>
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        const error = new StationGone(this.stationId, signal ?? `exit ${code}`);
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(error);
          this.pending.delete(id);
        }
        done();
      }),
    );
    const ready = new Promise<{ firstStart: boolean }>((resolveReady, rejectReady) => {
      const timer = setTimeout(() => rejectReady(new Error(`${this.stationId} did not start within 90 s:\n${this.tail.join('\n')}`)), 90_000);
      child.on('message', (message: FromStation) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolveReady({ firstStart: message.firstStart });
        } else if (message.type === 'fatal') {
          clearTimeout(timer);
          rejectReady(new Error(`${this.stationId} failed to start: ${message.message}`));
        } else this.onMessage(message);
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        rejectReady(new StationGone(this.stationId, `before it was ready:\n${this.tail.join('\n')}`));
      });
    });
    return ready;
  }

  private onMessage(message: FromStation): void {
    if (message.type === 'begin') {
      this.pending.get(message.id)?.onBegin?.();
      return;
    }
    if (message.type === 'held') {
      this.pending.get(message.id)?.onHeld?.();
      return;
    }
    if (message.type !== 'reply' && message.type !== 'observed' && message.type !== 'stopped') return;
    const p = this.pending.get(message.id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(message.id);
    const value = message.type === 'reply' ? message.envelope : message.type === 'observed' ? message.observation : undefined;
    p.resolve(value as never);
  }

  private request<T>(build: (id: number) => ToStation, onBegin?: () => void, onHeld?: () => void): Promise<T> {
    const child = this.child;
    if (!child) return Promise.reject(new StationGone(this.stationId, 'not running'));
    const id = this.nextId++;
    return new Promise<T>((resolveRequest, rejectRequest) => {
      const timeoutMs = this.options.callTimeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        rejectRequest(new Error(`${this.stationId}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolveRequest as (v: never) => void, reject: rejectRequest, timer, ...(onBegin ? { onBegin } : {}), ...(onHeld ? { onHeld } : {}) });
      child.send(build(id), (error) => {
        if (error && this.pending.delete(id)) {
          clearTimeout(timer);
          rejectRequest(new StationGone(this.stationId, error.message));
        }
      });
    });
  }

  /**
   * A contract call as a browser tab with this session would make it. `watch.onBegin`: the station
   * has it and starts now; `watch.holdAnswerMs`: the station keeps its answer that long.
   */
  call(method: string, args: unknown, sessionId: string | undefined, watch?: CallWatch): Promise<CallEnvelope> {
    return this.request<CallEnvelope>(
      (id) => ({
        type: 'call',
        id,
        method,
        args,
        ...(sessionId ? { sessionId } : {}),
        ...(watch ? { announce: true } : {}),
        ...(watch?.holdAnswerMs ? { holdAnswerMs: watch.holdAnswerMs } : {}),
      }),
      watch?.onBegin,
      watch?.onHeld,
    );
  }

  observe(): Promise<Observation> {
    return this.request<Observation>((id) => ({ type: 'observe', id }));
  }

  setClock(anchor: ClockAnchor): void {
    this.child?.send({ type: 'clock', anchor } satisfies ToStation);
  }

  /** Pulls the plug: SIGKILL, nothing flushed, nothing closed. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Closes the station cleanly (workers stopped, database closed) and waits for the process to end. */
  async stop(): Promise<void> {
    if (!this.child) return;
    try {
      await this.request<void>((id) => ({ type: 'stop', id }));
    } catch {
      // gone already
    }
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  lastLines(): string[] {
    return [...this.tail];
  }
}
