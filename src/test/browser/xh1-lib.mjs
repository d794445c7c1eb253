import { chromium } from 'playwright-core';
import fs from 'node:fs';
export const base = 'http://localhost:18601';
export const shots = '/tmp/h1/shots';
export async function session(user, work, viewport = { width: 1440, height: 900 }, app = 'tasklist') {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  try {
    await page.goto(`${base}/camunda/app/${app}/default/`);
    for (let i = 0; i < 5; i++) {
      await page.getByPlaceholder('Username').fill(user);
      await page.getByPlaceholder('Password').fill('demo');
      if ((await page.getByPlaceholder('Username').inputValue()) === user) break;
    }
    await page.getByRole('button', { name: 'Log in' }).click();
    await work(page);
  } catch (e) {
    await page.screenshot({ path: `${shots}/failed-${user}-${Date.now()}.png`, fullPage: true });
    console.log('FAILED', e.message);
  } finally { await browser.close(); }
}
export async function type(page, label, value, options = {}) {
  const field = page.getByLabel(label, options);
  await field.fill(value); await field.blur();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 350)));
}
export async function typeSlow(page, label, value) {
  const field = page.getByLabel(label);
  await field.click(); await field.pressSequentially(value, { delay: 40 });
  await page.waitForTimeout(1200);
}
export async function choose(page, fieldLabel, option) {
  const field = page.locator('.fjs-form-field-select').filter({ hasText: fieldLabel });
  await field.locator('.fjs-select-display').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).click();
}
export async function shot(page, name, full = true) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: full });
  const text = await page.locator('body').innerText();
  const leaks = (text.match(/\b[A-Z]{2,}_[A-Z_]+\b|\bP\d+[DWMY]\b|\bPT\d+[HMS]\b|\b(YES|NO|PARTLY|DISPUTED|WORKING|NOT_WORKING|BUILD|BACKLOG)\b/g) || []);
  console.log(`[${name}] leaks: ${[...new Set(leaks)].join(', ')}`);
}
export async function openTask(page, title, taskName) {
  await page.getByText('Waiting for me').first().click();
  const item = page.locator('li', { hasText: title }).filter({ hasText: taskName }).first();
  await item.waitFor({ timeout: 10000 });
  await item.getByText(taskName).click();
  await page.locator('.fjs-container').waitFor();
  await page.waitForTimeout(1500);
}
