import { useEffect, useState } from 'react';
import type { Language } from '../../shared/i18n/languages';
import { languageLoaded, loadLanguage } from './setup';

/** Loads a language other than the screen's (a citizen's) and renders again once it is there. */
export function useLanguageLoaded(lang: Language): boolean {
  const [, setLoaded] = useState(0);
  const loaded = languageLoaded(lang);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void loadLanguage(lang).then(
      () => live && setLoaded((n) => n + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [lang, loaded]);
  return loaded;
}
