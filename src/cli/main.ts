import './compile-cache';
import { COMMANDS } from './registry';
import { runCli } from './run-cli';

const output = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };

runCli(process.argv.slice(2), COMMANDS, output).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    // Last resort: still one line, never a stack trace for staff (DOSEDESK_DEBUG=1 shows it).
    // The refusal wording (and the database module it knows disk-full from) loads only on a failure.
    const { faultLine, refusalLine, refusalOf } = await import('./refusal');
    const refusal = refusalOf(error);
    process.stderr.write(`${refusal ? refusalLine(refusal, 'en') : faultLine(error, 'en')}\n`);
    process.exitCode = 1;
  },
);
