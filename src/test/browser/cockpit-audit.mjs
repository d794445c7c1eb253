// A lead audits the loop in Cockpit: the Product Ops scorecard, a search for a finished case and its timeline, and
// the "Case timeline" tab of a running case. An ops user's browser session gets no audit data.
// Usage: node cockpit-audit.mjs <base url> <screenshot dir> <finished case> <running process instance id>
import fs from 'node:fs';
import path from 'node:path';
import { session } from './session.mjs';

const [base, shots, finishedCase, runningInstance] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

await session({ base, shots, user: 'lee', app: 'cockpit', viewport: { width: 1600, height: 1100 } }, async (page) => {
  await page.getByRole('link', { name: 'Product Ops' }).click();
  await page.getByText('Product Ops scorecard').waitFor();
  await page.locator('table.stages').getByText('triage').waitFor();
  const tiles = await page.locator('.tiles').innerText();
  expect(/Cases reported\s*\d+/.test(tiles), 'scorecard tiles: ' + tiles);
  expect(/Shipped changes verified working\s*\d+(\.\d)? %/.test(tiles), 'verified working share: ' + tiles);
  await page.locator('svg[aria-label="Cases opened and closed per week"]').waitFor();
  await page.screenshot({ path: path.join(shots, 'cockpit-1-scorecard.png'), fullPage: true });

  await page.locator('form.cases input[name="caseNumber"]').fill(finishedCase);
  await page.locator('form.cases button').click();
  const row = page.locator('table.case-list tbody tr', { hasText: finishedCase });
  await row.getByText('WORKING').waitFor();
  expect((await row.innerText()).includes('closed'), 'finished case state: ' + (await row.innerText()));
  await row.getByRole('link', { name: finishedCase }).click();

  const timeline = page.locator('table.timeline');
  await timeline.getByText('Closed – working').waitFor();
  const decision = timeline.locator('tr', { hasText: 'Decide on report' });
  const decisionText = await decision.innerText();
  expect(decisionText.includes('dana') && decisionText.includes('pmDecision') && decisionText.includes('BUILD'),
    'decision row: ' + decisionText);
  await timeline.locator('tr', { hasText: 'Triage report' }).getByText('priya').waitFor();
  await page.screenshot({ path: path.join(shots, 'cockpit-2-timeline.png'), fullPage: true });

  await page.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${runningInstance}/runtime`);
  await page.getByText('Case timeline', { exact: true }).click();
  await page.locator('.case-tab table.timeline').getByText('Triage report').waitFor();
  await page.screenshot({ path: path.join(shots, 'cockpit-3-instance-tab.png'), fullPage: true });
});

// an ops user has no Cockpit, and their Tasklist session gets nothing from the audit API
await session({ base, shots, user: 'olivia' }, async (page) => {
  await page.getByText('Start process').waitFor();
  const status = await page.evaluate(async () => (await fetch('/api/scorecard', { credentials: 'same-origin' })).status);
  expect(status === 403, 'audit API for ops: ' + status);
  await page.goto(`${base}/camunda/app/cockpit/default/#/product-ops`);
  await page.waitForTimeout(2000);
  expect(!(await page.getByText('Product Ops scorecard').isVisible()), 'ops user sees the scorecard');
});
console.log('cockpit audit walk done');
