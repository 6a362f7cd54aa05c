import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/i18n/languages';

const NAMES = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' } as const;

/** Staff switch the screen language here; each button names its language in that language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t('ui.language')} className="language-switch">
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={i18n.language === lang}
          onClick={() => void i18n.changeLanguage(lang)}
        >
          {NAMES[lang]}
        </button>
      ))}
    </div>
  );
}
