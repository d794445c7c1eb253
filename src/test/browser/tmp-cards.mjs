import { session } from './session.mjs';
const base = 'http://localhost:8193', shots = '/tmp/shots';
for (const [user, width] of [['otto', 1440], ['olivia', 1440], ['otto', 400]]) {
  await session({ base, shots, user, viewport: { width, height: 900 } }, async (page) => {
    await page.waitForSelector('.tasks-list li.task .pol-card-head', { timeout: 20000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${shots}/cards-${user}-${width}.png` });
    console.log(user, width, JSON.stringify(await page.locator('.tasks-list li.task').first().innerText()));
  });
}
