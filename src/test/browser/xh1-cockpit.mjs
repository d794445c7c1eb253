import { session, shot, base } from './xh1-lib.mjs';
const [w] = process.argv.slice(2);
await session('lee', async (page) => {
  await page.waitForTimeout(2500);
  const toggle = page.getByRole('button', { name: 'Toggle navigation' });
  if (Number(process.argv[2]) < 800) { await page.locator('.navbar-toggle, .navbar-toggler, button[aria-label*=navigation]').first().click(); await page.waitForTimeout(500); }
  await page.getByText('Product Ops', { exact: true }).first().click();
  await page.waitForTimeout(3000);
  await shot(page, `60-lee-${w}-scorecard`);
  console.log(await page.locator('body').innerText());
  const v = page.getByText('Value delivered').first();
  if (await v.count()) { await v.scrollIntoViewIfNeeded(); await page.screenshot({ path: `/tmp/h1/shots/61-lee-${w}-value.png` }); }
  const [wi, sw] = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
  console.log('width', wi, sw);
}, { width: Number(w), height: 900 }, 'cockpit');
