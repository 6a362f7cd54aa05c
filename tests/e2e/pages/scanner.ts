import type { Page } from '@playwright/test';

/**
 * A keyboard-wedge scanner: the code as one burst of key presses, then Enter, wherever the focus is
 * (the page listens on the window). The keys are dispatched inside the page in one go, a fixed
 * `msPerKey` apart on the events' own clock, so a busy test machine never stretches a burst into
 * what looks like human typing (Playwright's own typing crosses the process boundary per key).
 * Like a real scanner's keys, they reach the page's key listeners; they do not type into a field.
 */
export async function scan(page: Page, text: string, msPerKey = 2): Promise<void> {
  await page.evaluate(
    ({ text, msPerKey }) => {
      const target = document.activeElement ?? document.body;
      const keys = [...text].map((ch) => (ch === '\n' ? 'Enter' : ch));
      keys.push('Enter');
      // KeyboardEvent.timeStamp is read-only and set at creation: give each event its place in the burst.
      const start = performance.now();
      keys.forEach((key, i) => {
        const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true });
        Object.defineProperty(event, 'timeStamp', { value: start + i * msPerKey });
        target.dispatchEvent(event);
      });
    },
    { text, msPerKey },
  );
}

/** The demo vial codes: GTIN, expiry 2049-12-31, lot (src/main/station/reports/demo-guide.ts). */
export const DEMO_VIALS = {
  comirnaty: '010541386812011017491231' + '10DEMOCOM01',
  spikevax: '010871472981234017491231' + '10DEMOSPI01',
} as const;

/** Demo staff (PIN 1234) and citizens (src/main/station/demo/). */
export const DEMO_STAFF = { vaccinator: '12345678901', checkin: 'CHK01', supervisor: 'SUP01' } as const;
export const DEMO_PIN = '1234';
export const DEMO_CITIZENS = {
  mullerWeiss: { ssin: '85073000457', name: 'Zoë Françoise Müller-Weiß', language: 'de' },
  lukasiewicz: { ssin: '61021401782', name: 'Jan Paweł Łukasiewicz', language: 'fr' },
  peeters: { ssin: '90110202242', name: 'Anneleen Peeters', language: 'nl' },
  janssens: { ssin: '58041903361', name: 'Luc Janssens', language: 'nl' },
  dubois: { ssin: '72090804826', name: 'Hélène Marie Dubois', language: 'fr' },
  vanDenBroeck: { ssin: '01030106276', name: 'Sofie Van den Broeck', language: 'nl' },
  schroder: { ssin: '49012308567', name: 'Jürgen Schröder', language: 'de' },
  nguyen: { ssin: '88080809022', name: 'Thị Lan Nguyễn', language: 'en' },
  oBriain: { ssin: '99111118886', name: 'Siobhán Ó Briain', language: 'en' },
  wouters: { ssin: '03022812415', name: 'Céline Wouters', language: 'nl' },
  mertens: { ssin: '68122513743', name: 'Noël Mertens', language: 'nl' },
  celik: { ssin: '76040419251', name: 'Ayşe Çelik', language: 'nl' },
} as const;

/** All 20 demo national numbers, for the latency run. */
export const ALL_DEMO_SSINS = [
  '85073000457', '61021401782', '90110202242', '58041903361', '72090804826', '66123105104', '01030106276', '95061507656', '49012308567', '88080809022',
  '79101010365', '54050511828', '03022812415', '68122513743', '93071414678', '51093015282', '83010116503', '60031717118', '99111118886', '76040419251',
] as const;
