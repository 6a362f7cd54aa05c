import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/i18n/languages';
import { LANGUAGE_NAMES } from '../i18n/format';
import { switchLanguage } from '../i18n/setup';

/**
 * Staff switch the screen language here. Each button shows its code and is named in its own
 * language ("NL, Nederlands"), so anyone finds theirs whatever language the screen is in.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t('ui.language')} className="language-switch">
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-label={`${lang.toUpperCase()}, ${LANGUAGE_NAMES[lang]}`}
          title={LANGUAGE_NAMES[lang]}
          aria-pressed={i18n.language === lang}
          onClick={() => void switchLanguage(lang)}
        >
          {lang.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
