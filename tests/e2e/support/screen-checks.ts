import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export interface ScreenReport {
  name: string;
  axeSerious: { id: string; impact: string | null | undefined; help: string; targets: string[] }[];
  horizontalOverflow: { scrollWidth: number; viewport: number; offenders: string[] };
  smallButtons: { html: string; width: number; height: number }[];
}

/**
 * What every main screen must hold to, at 1280x800: no serious or critical axe violation (colour
 * contrast included), nothing wider than the screen, every button at least 44x44 px. The
 * screenshot is attached to the test report; the findings are attached as JSON.
 */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<ScreenReport> {
  await testInfo.attach(`${name}.png`, { body: await page.screenshot(), contentType: 'image/png' });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const axeSerious = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => String(n.target)) }));
  const layout = await page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const viewport = window.innerWidth;
    const offenders = [...document.querySelectorAll('body *')]
      .filter((el) => visible(el) && el.getBoundingClientRect().right > viewport + 1 && !el.closest('.visually-hidden, .skip-link'))
      .slice(0, 5)
      .map((el) => el.outerHTML.slice(0, 120));
    const smallButtons = [...document.querySelectorAll('button, [role="button"], summary')]
      .filter((el) => visible(el) && !el.closest('.visually-hidden'))
      .map((el) => ({ html: el.outerHTML.slice(0, 120), width: Math.round(el.getBoundingClientRect().width), height: Math.round(el.getBoundingClientRect().height) }))
      .filter((b) => b.width < 44 || b.height < 44);
    return { scrollWidth: document.documentElement.scrollWidth, viewport, offenders, smallButtons };
  });
  const report: ScreenReport = {
    name,
    axeSerious,
    horizontalOverflow: { scrollWidth: layout.scrollWidth, viewport: layout.viewport, offenders: layout.offenders },
    smallButtons: layout.smallButtons,
  };
  await testInfo.attach(`${name}.json`, { body: JSON.stringify(report, null, 2), contentType: 'application/json' });
  expect.soft(report.axeSerious, `${name}: serious or critical axe violations`).toEqual([]);
  expect.soft(report.horizontalOverflow.scrollWidth, `${name}: page wider than the screen (${report.horizontalOverflow.offenders.join(' | ')})`).toBeLessThanOrEqual(report.horizontalOverflow.viewport);
  expect.soft(report.horizontalOverflow.offenders, `${name}: elements past the right edge`).toEqual([]);
  expect.soft(report.smallButtons, `${name}: buttons smaller than 44x44 px`).toEqual([]);
  return report;
}
