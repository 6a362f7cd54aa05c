import type { OperationOutcome } from 'fhir/r4';
import { operationOutcome } from '../domain/fhir/outcome';

/** A FHIR-level refusal: HTTP status plus the OperationOutcome the stand-in answers with. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
  ) {
    super(outcome.issue.map((i) => i.diagnostics).join('; '));
  }

  static of(status: number, code: OperationOutcome['issue'][number]['code'], diagnostics: string, expression?: string): SimHttpError {
    return new SimHttpError(status, operationOutcome(code, diagnostics, expression));
  }

  /** The same refusal, pointed at the transaction entry it came from. */
  atEntry(index: number): SimHttpError {
    const prefix = `Bundle.entry[${index}]`;
    return new SimHttpError(this.status, {
      resourceType: 'OperationOutcome',
      issue: this.outcome.issue.map((i) => ({
        ...i,
        expression: (i.expression ?? ['']).map((e) => (e ? `${prefix}.resource.${e}` : prefix)),
      })),
    });
  }
}
