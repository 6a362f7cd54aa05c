import { describe, expect, it, vi } from 'vitest';

// Every command module throws if anything imports it: listing the commands must not.
vi.mock('../../../src/cli/commands/host', () => { throw new Error('commands/host loaded'); });
vi.mock('../../../src/cli/commands/read-eid', () => { throw new Error('commands/read-eid loaded'); });
vi.mock('../../../src/cli/commands/virtual-eid', () => { throw new Error('commands/virtual-eid loaded'); });
vi.mock('../../../src/cli/commands/parse', () => { throw new Error('commands/parse loaded'); });
vi.mock('../../../src/cli/commands/print-sample', () => { throw new Error('commands/print-sample loaded'); });
vi.mock('../../../src/cli/commands/virtual-printer', () => { throw new Error('commands/virtual-printer loaded'); });
vi.mock('../../../src/cli/commands/federal-sim', () => { throw new Error('commands/federal-sim loaded'); });
vi.mock('../../../src/cli/commands/sync-status', () => { throw new Error('commands/sync-status loaded'); });
vi.mock('../../../src/cli/commands/audit', () => { throw new Error('commands/audit loaded'); });
vi.mock('../../../src/cli/commands/staff', () => { throw new Error('commands/staff loaded'); });
vi.mock('../../../src/cli/commands/simulate', () => { throw new Error('commands/simulate loaded'); });
vi.mock('../../../src/cli/commands/card-key', () => { throw new Error('commands/card-key loaded'); });
vi.mock('../../../src/cli/commands/centre', () => { throw new Error('commands/centre loaded'); });

const { COMMANDS } = await import('../../../src/cli/registry');
const { runCli } = await import('../../../src/cli/run-cli');

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe('the command list', () => {
  it('lists every command for --help without loading any command module', async () => {
    const loads = COMMANDS.map((c) => ({ ...c, load: vi.fn(c.load) }));
    const { out, io } = capture();
    expect(await runCli(['--help'], loads, io)).toBe(0);
    for (const c of COMMANDS) expect(out.stdout).toContain(`  ${c.name}`);
    expect(out.stdout).toContain('centre');
    for (const c of loads) expect(c.load, c.name).not.toHaveBeenCalled();
  });

  it('answers an unknown command with the list, still loading nothing', async () => {
    const loads = COMMANDS.map((c) => ({ ...c, load: vi.fn(c.load) }));
    const { out, io } = capture();
    expect(await runCli(['nonsense'], loads, io)).toBe(2);
    expect(out.stderr).toMatch(/^Unknown command "nonsense"/);
    expect(out.stderr).toContain('  parse');
    for (const c of loads) expect(c.load, c.name).not.toHaveBeenCalled();
  });

  it('loads a command module only when that command runs', async () => {
    const { io } = capture();
    const parse = COMMANDS.find((c) => c.name === 'parse')!;
    // vitest reports a throwing mock factory as its own error: the import was attempted.
    await expect(runCli(['parse', '85073003328'], [parse], io)).rejects.toThrow(/mocking a module/);
  });
});
