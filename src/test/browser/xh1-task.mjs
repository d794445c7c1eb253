// usage: node xh1-task.mjs user "title" "Task name" shotname width [actions.json]
import fs from 'node:fs';
import { session, type, choose, shot, openTask } from './xh1-lib.mjs';
const [user, title, taskName, name, w, actionsFile] = process.argv.slice(2);
const actions = actionsFile ? JSON.parse(fs.readFileSync(actionsFile, 'utf8')) : [];
await session(user, async (page) => {
  await page.getByText('Waiting for me').first().waitFor();
  await page.waitForTimeout(1000);
  await shot(page, `${name}-queue`, false);
  await openTask(page, title, taskName);
  const claim = page.getByRole('button', { name: 'Claim' });
  if (await claim.isVisible()) await claim.click();
  await page.waitForTimeout(800);
  await shot(page, `${name}-form`);
  console.log('--- FORM TEXT ---\n' + await page.locator('.fjs-container').innerText());
  const vals = await page.locator('.fjs-container input, .fjs-container textarea').evaluateAll(els => els.filter(e => e.type !== 'radio' && e.type !== 'checkbox').map(e => `${e.closest('.fjs-form-field')?.querySelector('label')?.innerText}: ${e.value}`));
  console.log('--- VALUES ---\n' + vals.join('\n'));
  for (const a of actions) {
    if (a.checkRe) await page.getByLabel(new RegExp(a.checkRe)).check();
    if (a.scroll) { await page.getByText(a.scroll).first().scrollIntoViewIfNeeded(); await page.waitForTimeout(300); }
    if (a.check) await page.getByLabel(a.check, { exact: true }).check();
    if (a.type) await type(page, a.type, a.value, a.exact ? { exact: true } : {});
    if (a.choose) await choose(page, a.choose, a.value);
    if (a.shot) await shot(page, `${name}-${a.shot}`);
    if (a.text) console.log('--- TEXT ---\n' + await page.locator('.fjs-container').innerText());
    if (a.complete) {
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.waitForTimeout(2500);
      await shot(page, `${name}-after`, false);
      const err = await page.locator('.pol-field-error, .alert-danger, .fjs-form-field-error').allInnerTexts();
      console.log('errors after complete:', JSON.stringify(err));
    }
  }
}, { width: Number(w || 1440), height: 900 });
