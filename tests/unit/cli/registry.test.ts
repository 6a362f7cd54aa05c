import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/registry';
import { runCli } from '../../../src/cli/run-cli';

describe('the command registry', () => {
  it('names and describes each command as its module does', async () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary, entry.name).toBe(entry.summary);
    }
  });

  it('shows one command its own usage (the centre command too)', async () => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
    expect(await runCli(['centre', '--help'], COMMANDS, io)).toBe(0);
    expect(stdout).toMatch(/^Set up a centre/);
    expect(stdout).toContain('Usage: npm run -s cli -- centre <step>');
    expect(await runCli(['centre'], COMMANDS, io)).toBe(2);
    expect(stderr).toMatch(/^say one of:/);
  });
});
