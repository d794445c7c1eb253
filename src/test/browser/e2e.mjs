// The whole loop in a real browser, each persona logged in as themselves: ops file reports in Tasklist and follow them
// in "My reports", Product Ops triage and verify, the routed PM decides and confirms shipping, a lead audits the case
// in Cockpit. Run in phases by EndToEndBrowserTests, which does between phases what the calendar would do (a
// verification window passing) and checks the engine's state.
// Usage: node e2e.mjs <base url> <screenshot dir> <phase> [case numbers / titles ...]. Exits non-zero on any failure.
// Every step leaves a screenshot in the screenshot dir and a line in its steps.jsonl (for the HTML report).
import fs from 'node:fs';
import path from 'node:path';
import { session } from './session.mjs';

const [base, shots, phase, ...args] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const steps = path.join(shots, 'steps.jsonl');

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function shot(page, persona, caption) {
  const number = fs.existsSync(steps) ? fs.readFileSync(steps, 'utf8').split('\n').filter(Boolean).length + 1 : 1;
  const file = `${String(number).padStart(2, '0')}-${phase}-${persona}.png`;
  await page.screenshot({ path: path.join(shots, file), fullPage: true });
  fs.appendFileSync(steps, JSON.stringify({ file, phase, persona, caption }) + '\n');
}

const tasklist = (user, work) => session({ base, shots, user }, async (page) => {
  await page.getByText('Start process').waitFor();
  await work(page);
});

const cockpit = (user, work) => session({ base, shots, user, app: 'cockpit', viewport: { width: 1600, height: 1100 } },
  work);

// form-js debounces typing (300 ms) and writes the value when the timer fires or the field loses focus. Blur it, then
// let a 350 ms timer run out in the page: timers of one page fire in order, so form-js's timer, set earlier and for
// less, has fired by then however slow the machine (a wait in node would be a guess about the browser's speed).
async function type(page, label, value, options = {}) {
  const field = page.getByLabel(label, options);
  await field.fill(value);
  await field.blur();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 350)));
}

async function check(page, label) {
  await page.getByLabel(label, { exact: true }).check(); // fails unless the option ends up checked
}

async function choose(page, fieldLabel, option) {
  const field = page.locator('.fjs-form-field-select').filter({ hasText: fieldLabel });
  await field.locator('.fjs-select-display').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).click();
  await field.locator('.fjs-select-display', { hasText: option }).waitFor();
}

/** Opens the task of the case (found by its title) from the filter, and claims it unless it is assigned already. */
async function openTask(page, filter, title, taskName) {
  await page.getByText(filter, { exact: false }).first().click();
  const item = page.locator('li', { hasText: title }).filter({ hasText: taskName }).first();
  await item.waitFor();
  await item.getByText(taskName).click();
  // the case on the form: what people typed is shown in read-only fields, as text
  const shown = page.locator('.fjs-container').getByLabel('Title', { exact: true });
  await shown.waitFor();
  expect((await shown.inputValue()) === title, `the form shows the title "${await shown.inputValue()}"`);
  const claim = page.getByRole('button', { name: 'Claim' });
  if (await claim.isVisible()) {
    await claim.click();
    await page.getByRole('button', { name: 'Complete' }).waitFor(); // fields wait until they are editable by themselves
  }
}

async function complete(page, title, taskName) {
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.locator('li', { hasText: title }).filter({ hasText: taskName }).first()
    .waitFor({ state: 'detached' });
}

async function closeError(page) {
  await page.locator('.alert-danger button.close:visible').click(); // the message covers the Complete button
}

async function myReports(page) {
  await page.getByText('My reports').click();
  const panel = page.locator('.pol-reports');
  await panel.locator('tr.report').first().waitFor();
  return panel;
}

const phases = {
  // Journey 1: ops files a report with every field, and finds its case number in "My reports"
  async file() {
    const [title, othersTitle] = args;
    await tasklist('olivia', async (page) => {
      await page.getByText('Start process').click();
      await page.getByText('Product Ops loop').click();
      await type(page, 'Title', title);
      await choose(page, 'Area', 'Dispatch');
      await type(page, 'What happens today', 'The delivery note is cut off after 40 characters in the courier app');
      await choose(page, 'How often does it happen?', 'Daily');
      await type(page, 'People affected per week', '80');
      await type(page, 'Hours lost per week', '6.5');
      await check(page, 'High');
      await type(page, 'Workaround (if any)', 'Support reads the note to the courier on the phone');
      await type(page, 'Evidence links', 'https://support.example/t/55\nnot a link');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByText("evidenceLinks line 2 is not an http(s) link: 'not a link'").waitFor();
      await shot(page, 'olivia', 'Ops files a report with every field; a bad evidence link is refused on the form');
      await type(page, 'Evidence links', 'https://support.example/t/55\nhttps://ops.example/dash/notes');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.locator('.modal-dialog').waitFor({ state: 'detached' });
      const panel = await myReports(page);
      const row = panel.locator('tr.report', { hasText: title });
      await row.waitFor();
      const caseNumber = (await row.locator('.case-number').innerText()).trim();
      expect(/^OPS-\d{4}-\d{4}$/.test(caseNumber), 'case number shown: ' + caseNumber);
      expect((await row.innerText()).includes('Triage report'), 'where it is: ' + (await row.innerText()));
      expect(!(await panel.innerText()).includes(othersTitle), 'olivia sees another reporter\'s case');
      await shot(page, 'olivia', `"My reports" shows the new case ${caseNumber}, waiting for triage; not other reporters' cases`);
      console.log(`CASE=${caseNumber}`);
    });
  },

  // Journey 2: Product Ops accepts one report, asks about another (the reporter answers), merges a duplicate
  async triage() {
    const [caseA, titleA, titleB, titleC] = args;
    await tasklist('priya', async (page) => {
      await openTask(page, "My team's queue", titleA, 'Triage report');
      await shot(page, 'priya', 'Product Ops opens the triage of the new report: the case summary, evidence and workaround');
      await check(page, 'Accept - route to the PM');
      await complete(page, titleA, 'Triage report');

      await openTask(page, "My team's queue", titleB, 'Triage report');
      await check(page, 'Needs more information from the reporter');
      await type(page, 'Note to the reporter', 'Which cities? All couriers or only bikes?');
      await complete(page, titleB, 'Triage report');

      await openTask(page, "My team's queue", titleC, 'Triage report');
      const suggestions = await page.getByLabel('Possible duplicates (open cases that read alike)').inputValue();
      expect(suggestions.includes(caseA), 'duplicate suggestion: ' + suggestions);
      await check(page, 'Duplicate of an open case');
      await type(page, 'Duplicate of case', caseA);
      await type(page, 'Note to the reporter', `Same problem as ${caseA}; you will hear about it from there`);
      await shot(page, 'priya', `A third report is suggested as a duplicate of ${caseA} and merged into it`);
      await complete(page, titleC, 'Triage report');
    });
    await tasklist('olivia', async (page) => {
      await openTask(page, 'My tasks', titleB, 'Provide more information');
      expect((await page.getByLabel('Question from Product Ops').inputValue()).includes('Which cities?'),
        'the question is on the reporter\'s form');
      await type(page, 'Your answer', 'Only bike couriers in Lisbon and Porto');
      await shot(page, 'olivia', 'The reporter answers Product Ops\' question in Tasklist');
      await complete(page, titleB, 'Provide more information');
    });
    await tasklist('priya', async (page) => {
      await openTask(page, "My team's queue", titleB, 'Triage report');
      expect((await page.getByLabel("Reporter's answer to the last question").inputValue()).includes('Lisbon'),
        'the answer is on the triage form');
      await check(page, 'Reject');
      await type(page, 'Note to the reporter', 'Bike couriers get the new app next week, which fixes it');
      await shot(page, 'priya', 'Back in triage with the reporter\'s answer; rejected with a reason');
      await complete(page, titleB, 'Triage report');
    });
  },

  // Journey 3: the routed PM decides BUILD; the form insists on the success metric
  async decide() {
    const [caseA, titleA, caseC] = args;
    await tasklist('dana', async (page) => {
      await page.getByText("My team's queue").click();
      await page.locator('li', { hasText: titleA }).first().waitFor();
      expect(!(await page.locator('li', { hasText: 'Triage report' }).count()), 'a PM sees triage tasks');
      await openTask(page, "My team's queue", titleA, 'Decide on report');
      expect((await page.getByLabel('Duplicate reports merged into this case').inputValue()).includes(caseC),
        'the merged duplicate shows on the decision');
      await check(page, 'Build now');
      await type(page, 'Rationale', 'Top courier complaint this month');
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.getByText('Field is required.').first().waitFor();
      expect((await page.getByText('Field is required.').count()) >= 4, 'required success-metric fields are flagged');
      await shot(page, 'dana', 'BUILD without a success metric: the form flags every required field');
      await closeError(page);
      await type(page, /^Metric/, 'Courier tickets about notes per week');
      await check(page, 'Decrease');
      await type(page, 'Baseline (today)', '100');
      await type(page, 'Target', '150');
      await type(page, 'Verification window after shipping', 'P14D');
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.getByText('targetValue must be below baselineValue 100 when the metric should decrease').waitFor();
      await shot(page, 'dana', 'A target on the wrong side of the baseline is refused with the server\'s message');
      await closeError(page);
      await type(page, 'Target', '30');
      await complete(page, titleA, 'Decide on report');

      await openTask(page, "My team's queue", titleA, 'Confirm shipped');
      await type(page, 'What shipped', 'courier-app release 5.31');
      await shot(page, 'dana', `The PM confirms ${caseA} shipped`);
      await complete(page, titleA, 'Confirm shipped');
    });
  },

  // Journey 4a: after the window the metric missed the target; Product Ops re-opens; the PM builds again
  async reopen() {
    const [caseA, titleA] = args;
    await tasklist('priya', async (page) => {
      await openTask(page, "My team's queue", titleA, 'Verify outcome');
      await page.locator('.fjs-container').getByText('NOT_WORKING').first().waitFor();
      await check(page, 'Not working - re-open for the PM');
      await type(page, 'Note', '60 tickets a week, target 30: still cut off on Android');
      await shot(page, 'priya', 'The metric missed the target: computed NOT_WORKING, Product Ops re-opens the case');
      await complete(page, titleA, 'Verify outcome');
    });
    await tasklist('dana', async (page) => {
      await openTask(page, "My team's queue", titleA, 'Decide on report');
      await page.locator('.fjs-container').getByText('Iteration 2').first().waitFor();
      await check(page, 'Build now');
      await type(page, 'Rationale', 'Fix the Android layout too');
      await type(page, 'Baseline (today)', '60');
      await shot(page, 'dana', `${caseA} is back with the PM as iteration 2, with the verification note`);
      await complete(page, titleA, 'Decide on report');
      await openTask(page, "My team's queue", titleA, 'Confirm shipped');
      await type(page, 'What shipped', 'courier-app release 5.32');
      await complete(page, titleA, 'Confirm shipped');
    });
  },

  // Journey 4b: this time it works; the case closes and the reporter reads it in "My reports"
  async close() {
    const [caseA, titleA, titleB] = args;
    await tasklist('priya', async (page) => {
      await openTask(page, "My team's queue", titleA, 'Verify outcome');
      await page.locator('.fjs-container').getByText('WORKING').first().waitFor();
      await check(page, 'Working - close the case');
      await type(page, 'Note', '25 tickets a week, below the target of 30');
      await shot(page, 'priya', 'The metric reached the target: Product Ops confirms it works');
      await complete(page, titleA, 'Verify outcome');
    });
    await tasklist('olivia', async (page) => {
      const panel = await myReports(page);
      const a = await panel.locator('tr.report', { hasText: titleA }).innerText();
      expect(a.includes('Closed: the change works') && a.includes('25 tickets a week'), 'case A for its reporter: ' + a);
      const b = await panel.locator('tr.report', { hasText: titleB }).innerText();
      expect(b.includes('Closed: rejected') && b.includes('new app next week'), 'case B for its reporter: ' + b);
      await shot(page, 'olivia', `The reporter sees ${caseA} closed as working and the other report's rejection reason`);
    });
  },

  // Journey 6: a title written as HTML and script is shown as the text it is, to Product Ops and to the reporter
  async hostile() {
    const [caseNumber, title] = args;
    const unharmed = async (page, where) => {
      expect(await page.evaluate(() => window.__pwned === undefined), `script from the title ran in ${where}`);
      expect(await page.locator('img[src="x"], b.pwned').count() === 0, `HTML from the title was rendered in ${where}`);
    };
    await tasklist('priya', async (page) => {
      await openTask(page, "My team's queue", title, 'Triage report'); // finds the literal text in list and form
      await unharmed(page, 'the triage form');
      await shot(page, 'priya', `A title written as HTML and script (${caseNumber}) is shown as text in the list and on the form`);
    });
    await tasklist('olivia', async (page) => {
      const panel = await myReports(page);
      await panel.locator('tr.report', { hasText: title }).waitFor();
      await unharmed(page, 'My reports');
      await shot(page, 'olivia', 'The same title in "My reports": text, not markup');
    });
  },

  // Journey 5: a lead audits the finished case in Cockpit; an ops user gets no audit data
  async audit() {
    const [caseA, runningInstance] = args;
    await cockpit('lee', async (page) => {
      await page.getByRole('link', { name: 'Product Ops' }).click();
      await page.getByText('Product Ops scorecard').waitFor();
      await page.locator('svg[aria-label="Cases opened and closed per week"]').waitFor();
      await shot(page, 'lee', 'A lead opens the Product Ops scorecard in Cockpit');
      await page.locator('form.cases input[name="caseNumber"]').fill(caseA);
      await page.locator('form.cases button').click();
      const row = page.locator('table.case-list tbody tr', { hasText: caseA });
      await row.getByText('WORKING').waitFor();
      await row.getByRole('link', { name: caseA }).click();
      const timeline = page.locator('table.timeline');
      await timeline.getByText('Closed – working').waitFor();
      const text = await timeline.innerText();
      for (const expected of ['Triage report', 'priya', 'Decide on report', 'dana', 'Re-open case', 'Metric reading',
        'Read success metric', 'Verify outcome']) {
        expect(text.includes(expected), `timeline lacks "${expected}"`);
      }
      expect((text.match(/Decide on report/g) || []).length >= 2, 'both iterations in the timeline');
      await shot(page, 'lee', `The whole history of ${caseA}: both iterations, who decided what, the readings`);
      await page.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${runningInstance}/runtime`);
      await page.getByText('Case timeline', { exact: true }).click();
      await page.locator('.case-tab table.timeline').getByText('Triage report').waitFor();
      await shot(page, 'lee', 'The "Case timeline" tab of a running case in Cockpit');
    });
    await tasklist('olivia', async (page) => {
      const status = await page.evaluate(async () => (await fetch('/api/scorecard', { credentials: 'same-origin' })).status);
      expect(status === 403, 'audit API for ops: ' + status);
      const cockpitPage = await page.goto(`${base}/camunda/app/cockpit/default/#/product-ops`);
      expect(cockpitPage.status() === 403, 'Cockpit for an ops user: ' + cockpitPage.status());
      expect(!(await page.getByText('Product Ops scorecard').isVisible()), 'an ops user sees the scorecard');
      await shot(page, 'olivia', 'An ops user gets no Cockpit and no audit data');
    });
  },
};

expect(phases[phase], `unknown phase ${phase}; one of ${Object.keys(phases)}`);
await phases[phase]();
console.log(`e2e ${phase} done`);
