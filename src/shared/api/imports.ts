import * as z from 'zod';
import { defineMethod } from '../define';
import { S, only } from '../access';

/**
 * The centre's spreadsheets from the screens: the same imports as `centre import-*`, with the
 * same answers. A refused file is the error `import.*` with `params.line` (header = line 1).
 */
/** The text of a CSV file as the screen read it; the command line refuses files above 20 MB. */
const ImportArgs = z.object({ text: z.string().max(20 * 1024 * 1024), dryRun: z.boolean() }).strict();
const Count = z.number().int().min(0);

export const importsMethods = {
  'imports.calendar': defineMethod(ImportArgs, z.object({ sessions: Count, slots: Count, places: Count, unchanged: Count }), only([S], false, 'admin')),
  'imports.products': defineMethod(ImportArgs, z.object({ products: Count, updated: Count, unchanged: Count }), only([S], false, 'admin')),
  'imports.invitations': defineMethod(ImportArgs, z.object({ invitations: Count, citizens: Count, unchanged: Count }), only([S], false, 'admin')),
};
