import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../../src/devices/virtual-printer';
import { extractPdfText } from '../../support/pdf-text';
import { tempDir } from './helpers';

function cli(args: string[], timeoutMs = 90_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['src/cli/main.ts', ...args], { env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('print-sample command', () => {
  let epson: VirtualPrinter;
  let star: VirtualPrinter;
  beforeAll(async () => {
    epson = await VirtualPrinter.start({ type: 'epson' });
    star = await VirtualPrinter.start({ type: 'star', columns: 32 });
  });
  afterAll(async () => {
    await epson.close();
    await star.close();
  });

  it('prints a sample card and exits 0 once the printer has it (Epson and Star)', async () => {
    const [a, b] = await Promise.all([
      cli(['print-sample', '--printer', epson.uri, '--type', 'epson', '--lang', 'fr', '--name', 'Zoë Françoise Müller-Weiß']),
      cli(['print-sample', '--printer', star.uri, '--type', 'star', '--width', '58', '--lang', 'nl', '--name', 'Jan Łukasiewicz']),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stdout).toContain('Printed a sample card for Zoë Françoise Müller-Weiß');
    expect(b.stdout).toContain('PC852');
    expect(epson.slips.at(-1)!.lines).toContain('Zoë Françoise Müller-Weiß');
    expect(epson.slips.at(-1)!.lines).toContain('Carte de vaccination');
    expect(star.slips.at(-1)!.lines).toContain('Jan Łukasiewicz');
  });

  it('exits non-zero with a clear message when the printer is unreachable, out of paper, or raster-only', async () => {
    const port = epson.port;
    const gone = await VirtualPrinter.start({ type: 'epson' });
    const deadUri = gone.uri;
    await gone.close();
    epson.setCondition('paper_out');
    const before = epson.slips.length;
    const [unreachable, paper, raster] = await Promise.all([
      cli(['print-sample', '--printer', deadUri, '--name', 'X']),
      cli(['print-sample', '--printer', `tcp://127.0.0.1:${port}`, '--name', 'X']),
      cli(['print-sample', '--printer', star.uri, '--type', 'star', '--model', 'TSP143IIIU']),
    ]);
    epson.setCondition('ready');
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('does not answer');
    expect(paper.code).toBe(4);
    expect(paper.stderr).toContain('out of paper');
    expect(raster.code).toBe(2);
    expect(raster.stderr).toContain('prints only images');
    expect(epson.slips.length).toBe(before);
    expect(epson.held).toHaveLength(0);
  });

  it('writes the card as an A4 PDF', async () => {
    const file = join(tempDir('cli-pdf'), 'card.pdf');
    const result = await cli(['print-sample', '--pdf', file, '--lang', 'de', '--name', 'Zoë Łukasiewicz']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const { runs } = await extractPdfText(readFileSync(file));
    expect(runs.map((r) => r.text)).toContain('Zoë Łukasiewicz');
  });
});

describe('virtual-printer command', () => {
  it('listens, prints received cards to stdout, and stops on SIGTERM', async () => {
    const child = spawn('node_modules/.bin/tsx', ['src/cli/main.ts', 'virtual-printer', '--port', '0', '--type', 'star'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    try {
      const start = Date.now();
      while (!/listening on (tcp:\/\/\S+)/.test(stdout)) {
        if (Date.now() - start > 15_000) throw new Error(`virtual printer did not start: ${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const uri = /listening on (tcp:\/\/\S+)/.exec(stdout)![1]!;
      const result = await cli(['print-sample', '--printer', uri, '--type', 'star', '--lang', 'de', '--name', 'Zoë Françoise Müller-Weiß']);
      expect(result.code, result.stderr).toBe(0);
      const until = Date.now() + 5000;
      while (!stdout.includes('Impfkarte') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(stdout).toContain('Zoë Françoise Müller-Weiß');
      expect(stdout).toContain('Impfkarte');
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
