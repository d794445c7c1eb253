import { chromium } from 'playwright-core';
const variant = process.argv[2];
let raw = 0;
for (let i = 0; i < 4; i++) {
  const context = await chromium.launchPersistentContext('/tmp/explore/prof' + Date.now(), { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1440, height: 900 }, args: ['--no-sandbox'] });
  const page = await context.newPage();
  if (variant === 'noscript') await page.route('**/product-ops/tasklist.js*', (r) => r.fulfill({ contentType: 'application/javascript', body: 'export default [];' }));
  if (variant === 'nomyreports') await page.route('**/product-ops/my-reports.js*', (r) => r.fulfill({ contentType: 'application/javascript', body: 'export default [];' }));
  await page.goto('http://localhost:18555/');
  await page.getByPlaceholder('Username').fill('sam');
  await page.getByPlaceholder('Password').fill('demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/tasklist/);
  await page.waitForTimeout(4000);
  const text = await page.locator('body').innerText();
  if (/DUE_DATE|SEARCH_PLACEHOLDER|PRIORITY|CREATED/.test(text)) raw++;
  await context.close();
}
console.log(variant, 'raw', raw, 'of 4');
