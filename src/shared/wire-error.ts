import * as z from 'zod';

/**
 * Errors cross every boundary (IPC, HTTP, CLI) as a stable code plus a message already translated
 * into the caller's language. Codes are the contract; messages are for people. (Apart from
 * errors.ts, which every module imports and so must not load zod.)
 */
export const WireError = z.object({
  code: z.string().min(1),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type WireError = z.infer<typeof WireError>;
