import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMrz } from '../../unit/domain/identity/builders';
import { cliNodeArgs, ensureCliBuilt } from '../../../scripts/cli-bundle.mjs';

const ROOT = resolve(__dirname, '../../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const GS = '\x1d';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How the command line is started: the built bundle (as `npm run cli` does) or the sources through tsx. */
type Runner = 'built' | 'tsx';

/** Runs `npm run -s cli -- parse ...args` the way an operator would, with a chosen language. */
function cli(args: string[], env: Record<string, string> = {}, stdin?: string, command = 'parse', runner: Runner = 'built'): Promise<Run> {
  return new Promise((done, fail) => {
    const [program, programArgs] = runner === 'built' ? [process.execPath, cliNodeArgs(command, ...args)] : [TSX, ['src/cli/main.ts', command, ...args]];
    const child = spawn(program, programArgs, {
      cwd: ROOT,
      env: { ...process.env, LANG: 'C', DOSEDESK_LANG: '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** Exactly one JSON object on exactly one line. */
function oneJsonLine(run: Run): Record<string, unknown> {
  expect(run.stdout.endsWith('\n'), run.stderr).toBe(true);
  const lines = run.stdout.slice(0, -1).split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('npm run cli -- parse', () => {
  beforeAll(async () => {
    await ensureCliBuilt();
  });

  it('answers the same from the built bundle as from the sources, byte for byte', async () => {
    const cases: { args: string[]; env?: Record<string, string>; stdin?: string }[] = [
      { args: ['--today', '2026-05-06', '85.07.30-033.28'] },
      { args: ['--today', '2026-11-15', '-'], stdin: `${buildMrz().join('\n')}\n` },
      { args: ['--today', '2026-01-10', `0109506000134352172606301${'0ABC123'}${GS}21SN0001`] },
      { args: ['--today', '2026-05-06', '85073003327'], env: { DOSEDESK_LANG: 'nl' } },
      { args: ['--today', '2026-02-30', '85073003328'] },
    ];
    for (const c of cases) {
      const [built, fromSource] = await Promise.all([cli(c.args, c.env, c.stdin, 'parse', 'built'), cli(c.args, c.env, c.stdin, 'parse', 'tsx')]);
      expect(built, c.args.join(' ')).toEqual(fromSource);
    }
    // Each answer is still one JSON line (a refusal too: no library notice before it).
    const refused = await cli(['--today', '2026-05-06', '85073003327'], { DOSEDESK_LANG: 'de' });
    expect(refused.code).toBe(1);
    expect(oneJsonLine(refused)).toMatchObject({ error: { code: 'identity.ssin.checksum' } });
  }, 240_000);

  it('parses each kind and refuses bad input, one JSON line each', async () => {
    const mrz = buildMrz({ birth: '850730', expiry: '310115', nationalNumber: '85073003328', names: 'VAN<DEN<BOSSCHE<<JAN<MARIE' }).join('\n');
    // Each run loads the whole CLI (about a second): keep the list short.
    const [ssin, mrzRun, gs1, invitation, card, french, literalGs, stdinMrz] = await Promise.all([
      cli(['85.07.30-033.28']),
      cli(['--today', '2026-11-15', mrz]),
      cli(['--today', '2026-01-10', `]d20109506000134352172606301 0ABC123${GS}21SN0001`.replace(' ', '')]),
      cli(['K7Q2M9X4T1B8Z3W6P0L5N2R8C4V7Y1D9E']),
      cli(['DD1.eyJhIjoxfQ.c2ln']),
      cli(['85073003327'], { DOSEDESK_LANG: 'fr', LANG: 'nl_BE.UTF-8' }),
      cli(['--today', '2026-01-10', '010950600013435217260630' + '10ABC123\\x1d21SN0001']),
      cli(['--today', '2026-11-15', '-'], { LANG: 'de_BE.UTF-8' }, `${mrz}\n`),
    ]);

    expect(ssin.code).toBe(0);
    expect(oneJsonLine(ssin)).toMatchObject({ kind: 'ssin', ssin: '85073003328', birthDate: '1985-07-30', sex: 'M', bis: false });

    expect(mrzRun.code).toBe(0);
    expect(oneJsonLine(mrzRun)).toMatchObject({
      kind: 'mrz',
      documentNumber: '592012345656',
      ssin: '85073003328',
      surname: 'VAN DEN BOSSCHE',
      givenNames: 'JAN MARIE',
      birthDate: '1985-07-30',
      sex: 'M',
      expiryDate: '2031-01-15',
      nationality: 'BEL',
    });
    expect(stdinMrz.code).toBe(0);
    expect(oneJsonLine(stdinMrz)).toMatchObject({ kind: 'mrz', ssin: '85073003328' });

    expect(gs1.code).toBe(0);
    expect(oneJsonLine(gs1)).toMatchObject({ kind: 'gs1', gtin: '09506000134352', expiry: '2026-06-30', lot: 'ABC123', serial: 'SN0001' });

    expect(invitation.code).toBe(0);
    expect(oneJsonLine(invitation)).toEqual({ kind: 'invitation', code: 'K7Q2M9X4T1B8Z3W6P0L5N2R8C4V7Y1D9E' });
    expect(card.code).toBe(0);
    expect(oneJsonLine(card)).toEqual({ kind: 'card', token: 'DD1.eyJhIjoxfQ.c2ln' });

    expect(french.code).toBe(1);
    const refusal = oneJsonLine(french) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe('identity.ssin.checksum');
    expect(refusal.error.message).toMatch(/chiffres de contrôle/); // DOSEDESK_LANG wins over LANG

    // The two characters `\x1d` are not a separator: the lot swallows them and is refused.
    expect(literalGs.code).toBe(1);
    const swallowed = oneJsonLine(literalGs) as { error: { code: string; message: string } };
    expect(swallowed.error.code).toBe('identity.gs1.characters');
    expect(swallowed.error.message).toMatch(/^A field of the vial code \(AI 10\)/); // LANG=C: English
  }, 240_000);

  it('treats everything after -- as data: --help there is text to parse, not a request for help', async () => {
    const mrz = buildMrz().join('\n');
    const [helpText, dashText, otherCommand] = await Promise.all([
      cli(['--', '--help']),
      // `-` after -- is the text "-", not "read stdin".
      cli(['--', '-'], {}, `${mrz}\n`),
      // A command without positional arguments refuses data after -- instead of showing its help.
      cli(['--', '--help'], {}, undefined, 'sync-status'),
    ]);
    // Parsed as text, and refused as such: one JSON line with the code, exit 1.
    expect(helpText.code, helpText.stderr).toBe(1);
    expect(oneJsonLine(helpText)).toMatchObject({ error: { code: 'identity.invitation.format' } });
    expect(dashText.code, dashText.stderr).toBe(1); // "-" has the shape of a national number: refused
    expect(oneJsonLine(dashText)).toMatchObject({ error: { code: 'identity.ssin.format' } });
    expect(otherCommand.code).toBe(2);
    expect(otherCommand.stdout).toBe('');
    expect(otherCommand.stderr).toMatch(/Unexpected argument '--help'/);
  }, 120_000);
});
