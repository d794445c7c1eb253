import { session } from './session.mjs';
await session({ base: 'http://localhost:8193', shots: '/tmp/shots', user: 'otto', viewport: { width: 1440, height: 900 } }, async (page) => {
  await page.waitForSelector('.tasks-list li.task .pol-card-head');
  await page.goto('http://localhost:8193/camunda/app/tasklist/default/#/?task=1e196e9b-ef93-11f1-842d-02fc00000001');
  await page.waitForTimeout(3000);
  await page.screenshot({ path: '/tmp/shots/other-task.png' });
  console.log(await page.locator('.notifications .alert').first().innerHTML());
});
