import type { Language } from './languages';

/** One namespace of translations: the same keys in every language (checked by a unit test). */
export type Catalog = Record<Language, Record<string, string>>;
