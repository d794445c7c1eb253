import { session, shot, base } from './xh1-lib.mjs';
const [user, caseNumber, name, w, app] = process.argv.slice(2);
await session(user, async (page) => {
  await page.waitForTimeout(1500);
  await page.goto(`${base}/cases`);
  await page.waitForTimeout(1000);
  await shot(page, `${name}-list`);
  console.log('--- LIST ---\n' + await page.locator('body').innerText());
  await page.goto(`${base}/cases/${caseNumber}`);
  await page.waitForTimeout(1000);
  await shot(page, `${name}-case`);
  console.log('--- CASE ---\n' + await page.locator('body').innerText());
  const [wi, sw] = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
  console.log('width', wi, sw);
}, { width: Number(w || 1440), height: 900 }, app || 'tasklist');
