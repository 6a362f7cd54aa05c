/** One operator command of `npm run -s cli -- <name>`. */
export interface CliCommand {
  readonly name: string;
  /** One line for --help. */
  readonly summary: string;
  /** Usage lines shown by `<name> --help`. */
  readonly usage: string;
  /** Returns the exit code; long-running commands resolve when they are stopped. */
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {}
