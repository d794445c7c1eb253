// A reporter files a problem in Tasklist (first with a bad evidence link, which the form refuses with a message),
// Product Ops finds it in their queue, sees the duplicate suggestion and accepts it, and the routed PM finds the
// decision in theirs and decides to build it. Usage: node tasklist-loop.mjs <base url> <screenshot dir>. Exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { session } from './session.mjs';

const [base, shots] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const title = 'Courier app cuts off the delivery note';

// Tasklist as one persona
const tasklist = (user, work) => session({ base, shots, user }, async (page) => {
  await page.getByText('Start process').waitFor();
  await work(page);
});

// form-js debounces typing (300 ms), and a debounced update re-renders the form: a field filled faster than that
// can lose its value. People type slower; the test lets each value settle.
const settle = (page) => page.waitForTimeout(600);

async function type(page, label, value, options = {}) {
  await page.getByLabel(label, options).fill(value);
  await settle(page);
}

async function choose(page, index, option) {
  await page.locator('.fjs-form-field-select').nth(index).locator('.fjs-select-display').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).click();
}

async function openTask(page, queue, taskName) {
  await page.getByText(queue).click();
  const item = page.locator('li', { hasText: title }).filter({ hasText: taskName }).first();
  await item.waitFor();
  await item.getByText(taskName).click();
  await page.getByRole('button', { name: 'Claim' }).click();
}

// 1. ops files the report
await tasklist('olivia', async (page) => {
  await page.getByText('Start process').click();
  await page.getByText('Product Ops loop').click();
  await type(page, 'Title', title);
  await choose(page, 0, 'Dispatch');
  await type(page, 'What happens today', 'Notes longer than 40 characters are cut off for couriers');
  await choose(page, 1, 'Daily');
  await type(page, 'People affected per week', '80');
  await type(page, 'Hours lost per week', '6.5');
  await page.getByLabel('High').check();
  await type(page, 'Evidence links', 'https://support.example/t/55\nnot a link');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText("evidenceLinks line 2 is not an http(s) link: 'not a link'").waitFor();
  await page.screenshot({ path: path.join(shots, '1-start-form-refused.png') });
  await type(page, 'Evidence links', 'https://support.example/t/55');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText('Product Ops loop', { exact: false }).first().waitFor();
  await page.locator('.modal-dialog').waitFor({ state: 'detached' });
  await page.screenshot({ path: path.join(shots, '2-report-filed.png') });
});

// 2. Product Ops triages it: the similar open case is suggested, the report is accepted
await tasklist('priya', async (page) => {
  await openTask(page, "My team's queue", 'Triage report');
  await page.locator('.fjs-container').getByText(title).waitFor(); // the case summary on the form
  const suggestions = page.getByLabel('Possible duplicates (open cases that read alike)');
  if (!(await suggestions.inputValue()).includes('Courier app drops the delivery note')) {
    throw new Error('duplicate suggestion missing: ' + (await suggestions.inputValue()));
  }
  await page.screenshot({ path: path.join(shots, '3-triage-form.png'), fullPage: true });
  await page.getByLabel('Accept - route to the PM').check();
  await settle(page);
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByText('Triage report', { exact: true }).first().waitFor({ state: 'detached' }).catch(() => {});
});

// 3. the dispatch PM finds the decision in the team queue and commits to a success metric; a target on the wrong
//    side of the baseline is refused with the server's message
await tasklist('dana', async (page) => {
  await openTask(page, "My team's queue", 'Decide on report');
  await page.getByLabel('Build now').check();
  await type(page, 'Rationale', 'Top courier complaint this month');
  await type(page, /^Metric/, 'Courier tickets about notes per week');
  await page.getByLabel('Decrease').check();
  await type(page, 'Baseline (today)', '100');
  await type(page, 'Target', '150');
  await type(page, 'Verification window after shipping', 'P14D');
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByText('targetValue must be below baselineValue 100 when the metric should decrease').waitFor();
  await page.screenshot({ path: path.join(shots, '4-decision-refused.png'), fullPage: true });
  await page.locator('.alert-danger button.close:visible').click(); // the message covers the Complete button
  await type(page, 'Target', '30');
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByText('Decide on report').first().waitFor({ state: 'detached' });
  await page.screenshot({ path: path.join(shots, '5-decided.png') });
});
console.log('browser walk done');
