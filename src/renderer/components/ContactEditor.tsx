import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n/languages';
import { useStation } from '../api/StationContext';
import { useAction } from '../api/hooks';
import { ErrorNotice, Notice } from './Notice';

/**
 * The person's e-mail, mobile number and consent to appointment messages, as check-in asks them.
 * The station checks the values (messages.setContact) and says which channels now reach the person.
 */
export function ContactEditor({ person }: { person: { ssin: string; familyName: string; givenNames: string; birthDate: string | null; sex: 'M' | 'F' | null; language: Language } }) {
  const { ssin } = person;
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(true);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    let live = true;
    void client['messages.contact']({ ssin }).then(
      (c) => {
        if (!live) return;
        setEmail(c.email ?? '');
        setPhone(c.phone ?? '');
        setConsent(c.consent);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, ssin]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // A person read from the eID but not on record yet is registered with the contact.
    const details = person.familyName.trim()
      ? { person: { familyName: person.familyName, givenNames: person.givenNames, birthDate: person.birthDate, sex: person.sex, language: person.language } }
      : {};
    const done = await action.run(() => client['messages.setContact']({ ssin, email: email.trim() || null, phone: phone.trim() || null, consent, ...details }));
    if (done) setSaved(true);
  };

  return (
    <form className="contact-editor" onSubmit={(e) => void save(e)} aria-labelledby="contact-heading" data-testid="contact-editor">
      <h3 id="contact-heading">{t('messages.ui.contact')}</h3>
      <label>
        {t('messages.ui.email')}
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" maxLength={254} data-testid="contact-email" />
      </label>
      <label>
        {t('messages.ui.phone')}
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" maxLength={40} data-testid="contact-phone" />
      </label>
      <label>
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="contact-consent" />
        {t('messages.ui.consent')}
      </label>
      <button type="submit" disabled={action.busy} data-testid="contact-save">
        {t('messages.ui.save_contact')}
      </button>
      <ErrorNotice error={action.error} testId="contact-error" />
      {saved ? (
        <Notice kind="ok" testId="contact-saved">
          {t('messages.ui.contact_saved')}
        </Notice>
      ) : null}
    </form>
  );
}
