import { session, base, shots } from './xh1-lib.mjs';
const [user, url, text, name, w] = process.argv.slice(2);
await session(user, async (page) => {
  await page.waitForTimeout(1500);
  await page.goto(base + url);
  await page.waitForTimeout(1000);
  const el = page.getByText(text).last();
  await el.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 250));
  await page.screenshot({ path: `${shots}/${name}.png` });
}, { width: Number(w || 1440), height: 900 });
