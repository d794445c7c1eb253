// The whole loop in a real browser, each persona logged in as themselves: ops file reports in Tasklist (also on a
// 400 px phone) and follow them on their case page, Product Ops triage, record a reading and verify, the routed PM
// decides and confirms shipping, a lead audits the case in Cockpit (scrolling its pages with the mouse wheel). Every
// screenshot also walks the page's visible text: no variable name, code or ISO-8601 duration may show. Run in phases by EndToEndBrowserTests, which does between phases what the calendar would do (a
// verification window passing) and checks the engine's state.
// Usage: node e2e.mjs <base url> <screenshot dir> <phase> [case numbers / titles ...]. Exits non-zero on any failure.
// Every step leaves a screenshot in the screenshot dir and a line in its steps.jsonl (for the HTML report).
import fs from 'node:fs';
import path from 'node:path';
import { session } from './session.mjs';

const [base, shots, phase, ...args] = process.argv.slice(2);
fs.mkdirSync(shots, { recursive: true });
const steps = path.join(shots, 'steps.jsonl');
// what people must never read: written by EndToEndBrowserTests from the variable facade and labels.properties
const raw = JSON.parse(fs.readFileSync(path.join(shots, 'raw-words.json'), 'utf8'));
const ISO_DURATION = new RegExp(raw.isoDuration); // the same pattern the mail tests use (RawWords)

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** The visible text of the page (or of one part of it) holds no variable name, code or ISO duration. */
async function readsAsWords(page, where, scope = 'body') {
  const text = await page.locator(scope).first().innerText();
  const words = new Set(text.split(/[^A-Za-z0-9_]+/));
  const leaks = [...raw.names, ...raw.codes].filter((word) => words.has(word));
  const duration = ISO_DURATION.exec(text);
  if (duration) {
    leaks.push(duration[0]);
  }
  const key = /\b[A-Z]{2,}_[A-Z_]+\b/.exec(text); // a code or an untranslated text key (DUE_DATE)
  if (key) {
    leaks.push(key[0]);
  }
  expect(!leaks.length, `${where} shows ${leaks.join(', ')}`);
}

async function shot(page, persona, caption, scope) {
  await readsAsWords(page, `"${caption}"`, scope);
  const number = fs.existsSync(steps) ? fs.readFileSync(steps, 'utf8').split('\n').filter(Boolean).length + 1 : 1;
  const file = `${String(number).padStart(2, '0')}-${phase}-${persona}.png`;
  await page.screenshot({ path: path.join(shots, file), fullPage: true });
  fs.appendFileSync(steps, JSON.stringify({ file, phase, persona, caption }) + '\n');
}

const tasklist = (user, work, viewport) => session({ base, shots, user, viewport }, async (page) => {
  await page.getByText('Waiting for me').first().waitFor();
  await work(page);
});


// form-js debounces typing (300 ms) and writes the value when the timer fires or the field loses focus. Blur it, then
// let a 350 ms timer run out in the page: timers of one page fire in order, so form-js's timer, set earlier and for
// less, has fired by then however slow the machine (a wait in node would be a guess about the browser's speed).
async function type(page, label, value, options = {}) {
  const field = options.role ? page.getByRole(options.role, { name: label, exact: true }) : page.getByLabel(label, options);
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
  await item.waitFor({ timeout: 6000 }).catch(() => {});
  if (await item.isVisible()) {
    await item.getByText(taskName).click();
  } else {
    // not on the queue's first page (other tests' cases of higher priority fill it): follow the task's mail link
    const id = await page.evaluate(async ([caseTitle, name]) => {
      const token = decodeURIComponent((document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1] || '');
      const response = await fetch('/camunda/api/engine/engine/default/task', { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': token },
        body: JSON.stringify({ name, processVariables: [{ name: 'title', operator: 'eq', value: caseTitle }] }) });
      return (await response.json())[0]?.id;
    }, [title, taskName]);
    expect(id, `no task "${taskName}" for "${title}"`);
    await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${id}`);
  }
  // the case on the form: what people typed is shown in read-only fields, as text
  const shown = page.locator('.fjs-container').getByLabel('Title', { exact: true });
  await shown.waitFor();
  expect((await shown.inputValue()) === title, `the form shows the title "${await shown.inputValue()}"`);
  // opening a task nobody has claimed claims it (one click fewer): the form becomes editable by itself
  await page.getByRole('button', { name: 'Complete' }).waitFor();
  await page.getByRole('button', { name: 'Claim' }).waitFor({ state: 'hidden' });
}

async function complete(page, title, taskName) {
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.locator('li', { hasText: title }).filter({ hasText: taskName }).first()
    .waitFor({ state: 'detached' });
}

async function closeError(page) {
  const close = page.locator('.alert-danger button.close:visible');
  if (await close.count()) {
    await close.first().click(); // Tasklist's own message about the form covers the Complete button
  }
}

/** The server's refusal, shown under the field it concerns (and nowhere else). */
async function fieldError(page, fieldLabel, message) {
  const field = page.locator('.fjs-form-field.pol-field-invalid').filter({ has: page.locator('label', { hasText: fieldLabel }) });
  await field.locator('.pol-field-error', { hasText: message }).waitFor();
  expect(!(await page.locator('.notifications .alert:visible').count()), 'a notification repeats the refusal');
  return field;
}

/** "My reports": the case page's list of the user's reports and followed cases. */
async function myReports(page) {
  await page.getByRole('link', { name: /My reports/ }).first().click();
  await page.waitForURL(/\/cases$/);
  const list = page.locator('.reports');
  await list.locator('a.report').first().waitFor();
  return list;
}

/** The case page of one case, from "My reports". */
async function openCase(page, title) {
  const list = await myReports(page);
  await list.locator('a.report', { hasText: title }).first().click();
  await page.locator('ol.story').waitFor();
}

/** Nothing wider than the window: no sideways scrolling on a phone. */
async function fitsTheWindow(page, where) {
  const [width, scroll] = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
  expect(scroll <= width, `${where} is ${scroll} px wide in a ${width} px window`);
}

const PHONE = { width: 400, height: 860 };

/** The element is within the window (not scrolled out of it). */
async function inView(page, selector) {
  return page.locator(selector).first().evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
}

const phases = {
  // Journey 1: ops files a report with every field, and finds its case number in "My reports"
  async file() {
    const [title, othersTitle] = args;
    await tasklist('olivia', async (page) => {
      await page.getByText('Report a problem', { exact: true }).click();
      await type(page, 'Title', title);
      await choose(page, 'Area', 'Dispatch');
      await type(page, 'What happens today', 'The delivery note is cut off after 40 characters in the courier app');
      await choose(page, 'How often does it happen?', 'Daily');
      await type(page, 'People affected per week', '80');
      await type(page, 'Hours lost per week', '6.5');
      await check(page, 'High');
      await type(page, 'Workaround (if any)', 'Support reads the note to the courier on the phone');
      await type(page, 'Evidence links', 'https://support.example/t/55\nnot a link');
      // caught by the form as it is typed, in words (not the pattern behind it); "Send report" waits until it is fixed
      await page.locator('.fjs-form-field-error', { hasText: 'One web address per line' }).waitFor();
      expect(await page.getByRole('button', { name: 'Send report' }).isDisabled(), 'Send report is offered for a broken report');
      await shot(page, 'olivia', 'A bad evidence link is caught by the form, next to the field, in words');
      // what only the server knows is shown the same way: 21 links are one too many
      const many = Array.from({ length: 21 }, (_, i) => `https://support.example/t/${i + 1}`).join('\n');
      await type(page, 'Evidence links', many);
      await page.getByRole('button', { name: 'Send report' }).click();
      await fieldError(page, 'Evidence links', 'At most 20 links (there are 21)');
      await shot(page, 'olivia', 'The server\'s refusal shows under the field in the start dialog, in the form\'s words, and only there');
      await type(page, 'Evidence links', 'https://support.example/t/55\nhttps://ops.example/dash/notes');
      await page.locator('.pol-field-error').waitFor({ state: 'detached' }); // editing the field clears its message
      await page.getByRole('button', { name: 'Send report' }).click();
      await page.locator('.modal-dialog').waitFor({ state: 'detached' });
      const filed = page.locator('.pol-filed');
      await filed.getByRole('link', { name: /^OPS-\d{4}-\d{4}$/ }).waitFor();
      await shot(page, 'olivia', 'Filed: the case number, with a link to its case page');
      await filed.locator('button.close').click();
      const list = await myReports(page);
      const row = list.locator('a.report', { hasText: title });
      await row.waitFor();
      const caseNumber = (await row.locator('.number').innerText()).trim();
      expect(/^OPS-\d{4}-\d{4}$/.test(caseNumber), 'case number shown: ' + caseNumber);
      expect((await row.innerText()).includes('Product Ops is reviewing the report'), 'where it is: ' + (await row.innerText()));
      expect(!(await list.innerText()).includes(othersTitle), 'olivia sees another reporter\'s case');
      await shot(page, 'olivia', `"My reports" shows the new case ${caseNumber}, in plain words; not other reporters' cases`);
      await row.click();
      await page.getByText('Product Ops accepts it for a product decision').waitFor();
      await shot(page, 'olivia', `The case page of ${caseNumber}: where it is, what happens next and by when, what was reported`);
      console.log(`CASE=${caseNumber}`);
    });
  },

  // Journey 1b: on a 400 px phone, an ops user files a report and reads its case page without sideways scrolling
  async phone() {
    const [title] = args;
    await tasklist('otto', async (page) => {
      await fitsTheWindow(page, 'Tasklist on a phone');
      const toggle = page.getByRole('button', { name: 'Toggle navigation' });
      if (await toggle.isVisible()) {
        await toggle.click();
      }
      await page.getByText('Report a problem', { exact: true }).click();
      await type(page, 'Title', title);
      await choose(page, 'Area', 'Supply');
      await type(page, 'What happens today', 'Stock counts in the warehouse app lag a day behind');
      await choose(page, 'How often does it happen?', 'Weekly');
      await type(page, 'People affected per week', '12.5');
      await type(page, 'Hours lost per week', '3');
      await check(page, 'Medium');
      // a stray Escape (or Close, Back, a tap beside the dialog) asks before it drops what was typed
      await page.keyboard.press('Escape');
      const discard = page.locator('.pol-discard');
      await discard.getByRole('button', { name: 'Keep writing' }).waitFor();
      await shot(page, 'otto', 'Escape with a report half written asks before it is discarded');
      await discard.getByRole('button', { name: 'Keep writing' }).click();
      await discard.waitFor({ state: 'detached' });
      const kept = await page.locator('.modal .fjs-form input').first().inputValue();
      expect(kept === title, 'the title after Escape and "Keep writing": ' + kept);
      await fitsTheWindow(page, 'The report form on a phone');
      await shot(page, 'otto', 'Filing a report on a 400 px phone');
      // a number of people with a decimal point is refused next to it, not read as 125
      await page.getByRole('button', { name: 'Send report' }).click();
      await fieldError(page, 'People affected per week', 'Must be a whole number');
      await type(page, 'People affected per week', '12');
      await page.getByRole('button', { name: 'Send report' }).click();
      await page.locator('.modal-dialog').waitFor({ state: 'detached' });
      await page.goto(`${base}/cases`);
      await page.locator('a.report', { hasText: title }).click();
      await page.locator('ol.story').waitFor();
      await fitsTheWindow(page, 'The case page on a phone');
      await shot(page, 'otto', 'The case page on a 400 px phone');
    }, PHONE);
  },

  // Journey 1c: an ops user with the same problem says "me too" with her numbers from the report form, instead of
  // filing a duplicate
  async metoo() {
    const [title] = args;
    await tasklist('olivia', async (page) => {
      await page.getByText('Report a problem', { exact: true }).click();
      await type(page, 'Title', 'Warehouse stock counts lag behind');
      const similar = page.locator('.pol-similar');
      await similar.locator('li', { hasText: title }).waitFor();
      await type(page, 'People affected per week', '30');
      await type(page, 'Hours lost per week', '4');
      await shot(page, 'olivia', 'Writing a report: an open case reads alike, with "Me too"');
      await similar.locator('li', { hasText: title }).getByRole('button', { name: 'Me too' }).click();
      await page.locator('.modal-dialog').waitFor({ state: 'detached' });
      const banner = page.locator('.pol-filed');
      await banner.getByText(/You follow OPS-\d{4}-\d{4} now: your numbers count/).waitFor();
      expect((await banner.innerText()).includes('hours lost per week'), 'the banner: ' + await banner.innerText());
      await shot(page, 'olivia', '"Me too": she follows the case, her numbers count for it');
      await banner.locator('button.close').click();
      // writing the same report again, she is shown the case as one she follows, with a link to it
      await page.getByText('Report a problem', { exact: true }).click();
      await type(page, 'Title', 'Warehouse stock counts lag behind');
      const followed = page.locator('.pol-similar li', { hasText: title });
      await followed.getByText('you follow this').waitFor();
      await followed.getByRole('button', { name: 'Update my numbers' }).waitFor();
      expect(await followed.getByRole('link', { name: /^OPS-\d{4}-\d{4}$/ }).count() === 1, 'no link to the case she follows');
      await shot(page, 'olivia', 'Writing it again: the case she follows is marked, with "Update my numbers"');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Discard' }).click();
      await page.locator('.modal-dialog').waitFor({ state: 'detached' });
      const list = await myReports(page);
      await list.locator('a.report', { hasText: title }).waitFor();
    });
  },

  // Journey 2: Product Ops accepts one report, asks about another (the reporter answers), merges a duplicate
  async triage() {
    const [caseA, titleA, titleB, titleC] = args;
    await tasklist('priya', async (page) => {
      const cards = page.locator('li.task .pol-card-title');
      await cards.first().waitFor();
      await shot(page, 'priya', 'The queue: priority badge and case title first, highest priority and earliest due on top');
      await openTask(page, 'Waiting for me', titleA, 'Triage report');
      await shot(page, 'priya', 'Product Ops opens the triage of the new report: claimed on opening, the case in plain words, links that open');
      expect(await page.locator('.fjs-form a[href="https://support.example/t/55"]').count() === 1, 'evidence links open');
      await check(page, 'Accept – route to the PM');
      await complete(page, titleA, 'Triage report');

      await openTask(page, 'Waiting for me', titleB, 'Triage report');
      await check(page, 'Needs more information from the reporter');
      await type(page, 'Note to the reporter', 'Which cities? All couriers or only bikes?');
      await complete(page, titleB, 'Triage report');

      await openTask(page, 'Waiting for me', titleC, 'Triage report');
      const suggestions = await page.getByLabel('Possible duplicates (open cases that read alike)').inputValue();
      expect(suggestions.includes(caseA), 'duplicate suggestion: ' + suggestions);
      await check(page, 'Duplicate of an open case (or a regression of one closed as working: it re-opens)');
      // a case number typed by hand is checked, and the problem shows under the field it was typed into
      await page.getByLabel('Another case (type its number)').check();
      await type(page, 'Case number', 'OPS-2026-9999');
      await page.getByRole('button', { name: 'Complete' }).click();
      await fieldError(page, 'Case number', 'There is no case OPS-2026-9999');
      // the suggestion is a choice: merging into it needs no typing
      await page.getByLabel(new RegExp(`^${caseA} - `)).check();
      await type(page, 'Note to the reporter', `Same problem as ${caseA}; you will hear about it from there`);
      await shot(page, 'priya', `A third report is suggested as a duplicate of ${caseA} and merged into it with one click`);
      await complete(page, titleC, 'Triage report');
    });
    await tasklist('olivia', async (page) => {
      // the question waits in the first queue the reporter sees, and on the case page
      await openTask(page, 'Waiting for me', titleB, 'Provide more information');
      expect((await page.getByLabel('Question from Product Ops').inputValue()).includes('Which cities?'),
        'the question is on the reporter\'s form');
      await type(page, 'Your answer', 'Only bike couriers in Lisbon and Porto');
      await shot(page, 'olivia', 'The reporter answers Product Ops\' question in Tasklist');
      await complete(page, titleB, 'Provide more information');
    });
    await tasklist('priya', async (page) => {
      await openTask(page, 'Waiting for me', titleB, 'Triage report');
      expect((await page.getByLabel("Reporter's answer to the last question").inputValue()).includes('Lisbon'),
        'the answer is on the triage form');
      await check(page, 'Reject');
      await type(page, 'Note to the reporter', 'Bike couriers get the new app next week, which fixes it');
      await shot(page, 'priya', 'Back in triage with the reporter\'s answer; rejected with a reason');
      await complete(page, titleB, 'Triage report');
    });
    await tasklist('otto', async (page) => {
      // otto's report was merged: he follows the case it was merged into
      const list = await myReports(page);
      const followed = list.locator('a.report', { hasText: 'Following' }).filter({ hasText: caseA });
      await followed.waitFor();
      await list.locator('a.report', { hasText: `Merged into ${caseA}` }).waitFor(); // his own report
      await followed.click();
      await page.getByText('You follow this case').waitFor();
      await shot(page, 'otto', `A reporter whose report was merged follows ${caseA} on its case page`);
    });
  },

  // Journey 3: the routed PM decides BUILD; the form insists on the success metric
  async decide() {
    const [caseA, titleA, caseC] = args;
    await tasklist('dana', async (page) => {
      await page.getByText('Waiting for me').click();
      await page.locator('li.task').first().waitFor();
      expect(!(await page.locator('li', { hasText: 'Triage report' }).count()), 'a PM sees triage tasks');
      expect(!(await page.getByText('Report a problem', { exact: true }).isVisible()), 'a PM is offered "Report a problem"');
      await openTask(page, 'Waiting for me', titleA, 'Decide on report');
      expect((await page.getByLabel('Duplicate reports merged into this case').inputValue()).includes(caseC),
        'the merged duplicate shows on the decision');
      await check(page, 'Build now');
      await type(page, 'Rationale', 'Top courier complaint this month');
      await page.getByRole('button', { name: 'Complete' }).click();
      await page.getByText('Field is required.').first().waitFor();
      expect((await page.getByText('Field is required.').count()) >= 3, 'required success-metric fields are flagged');
      await shot(page, 'dana', 'BUILD without a success metric: the form flags every required field');
      await closeError(page);
      await type(page, 'Success metric', 'Courier tickets about notes per week', { role: 'textbox' }); // not its group
      await check(page, 'Decrease');
      await type(page, 'Baseline (today)', '100');
      await type(page, 'Target', '150');
      await choose(page, 'Check it after', '30 days');
      await page.getByRole('button', { name: 'Complete' }).click();
      await fieldError(page, 'Target', 'Must be below the baseline (100) when the metric should decrease');
      await shot(page, 'dana', 'A target on the wrong side of the baseline: the server\'s reason, under the Target field');
      await type(page, 'Target', '30');
      await complete(page, titleA, 'Decide on report');

      await openTask(page, 'Waiting for me', titleA, 'Confirm shipped');
      await page.getByText('checked 30 days after shipping').waitFor();
      await type(page, 'What shipped', 'courier-app release 5.31');
      await shot(page, 'dana', `The PM confirms ${caseA} shipped`);
      await complete(page, titleA, 'Confirm shipped');
    });
    await session({ base, shots, user: 'priya', app: 'tasklist' }, async (page) => {
      // Product Ops records a reading of the success metric on the case page (the metric source is "manual")
      await page.getByText('Waiting for me').first().waitFor();
      await page.goto(`${base}/cases/${caseA}`);
      const form = page.locator('form.reading');
      await form.getByRole('button', { name: 'Record reading' }).click();
      await form.locator('.error', { hasText: 'required' }).waitFor();
      await form.getByLabel('Value').fill('60');
      await form.getByLabel('Source').fill('support dashboard');
      await form.getByRole('button', { name: 'Record reading' }).click();
      await page.getByText('Reading recorded.').waitFor();
      await page.locator('ol.story li', { hasText: 'Metric reading' }).getByText('60').waitFor();
      await shot(page, 'priya', `Product Ops records a reading of the success metric on ${caseA}'s case page`);
    });
  },

  // Journey 4a: after the window the metric missed the target; Product Ops re-opens; the PM builds again
  async reopen() {
    const [caseA, titleA] = args;
    await tasklist('priya', async (page) => {
      await openTask(page, 'Waiting for me', titleA, 'Verify outcome');
      await page.locator('.fjs-container').getByText('Not working').first().waitFor();
      await check(page, 'Not working – re-open for the PM');
      await type(page, 'Note', '60 tickets a week, target 30: still cut off on Android');
      await shot(page, 'priya', 'The metric missed the target: computed "Not working", Product Ops re-opens the case');
      await complete(page, titleA, 'Verify outcome');
    });
    await tasklist('dana', async (page) => {
      await openTask(page, 'Waiting for me', titleA, 'Decide on report');
      await page.locator('.fjs-container').getByText('Iteration 2').first().waitFor();
      await check(page, 'Build now');
      await type(page, 'Rationale', 'Fix the Android layout too');
      await type(page, 'Baseline (today)', '60');
      await shot(page, 'dana', `${caseA} is back with the PM as iteration 2, with the verification note`);
      await complete(page, titleA, 'Decide on report');
      await openTask(page, 'Waiting for me', titleA, 'Confirm shipped');
      await type(page, 'What shipped', 'courier-app release 5.32');
      await complete(page, titleA, 'Confirm shipped');
    });
  },

  // Journey 4b: this time it works; the case closes and the reporter reads the whole story on the case page
  async close() {
    const [caseA, titleA, titleB] = args;
    // the reporter is asked whether it is fixed for her, in her queue
    await tasklist('olivia', async (page) => {
      await openTask(page, 'Waiting for me', titleA, 'Is it fixed for you?');
      await page.locator('.fjs-container').getByText('By what you said when you reported it, you lost 6.5 hours per week').waitFor();
      await check(page, 'Yes, it is fixed');
      // typed on the keyboard at a person's pace, the note straight after the number: none of it is lost
      await page.getByLabel('Hours you lose to it per week now').click();
      await page.keyboard.type('1', { delay: 60 });
      await page.keyboard.press('Tab');
      await page.keyboard.type('The full note shows on Android and iOS now', { delay: 40 });
      await page.waitForTimeout(500);
      expect(await page.getByLabel('Anything Product Ops should know? (optional)').inputValue()
        === 'The full note shows on Android and iOS now', 'the note as typed');
      await shot(page, 'olivia', `The reporter is asked "Is it fixed for you?" about ${caseA}, in her queue`);
      // pressed without the focus leaving the note first (as a script or an assistive tool does): the note still
      // counts (Product Ops' form below shows it)
      await page.getByLabel('Anything Product Ops should know? (optional)').focus();
      await page.getByRole('button', { name: 'Complete' }).evaluate((button) => button.click());
      await page.locator('li', { hasText: titleA }).filter({ hasText: 'Is it fixed for you?' }).first()
        .waitFor({ state: 'detached' });
    });
    // otto follows the case (his report was merged into it): he is asked too, and his card reads as hers, though he
    // may not read the case's values Tasklist lists on it
    await tasklist('otto', async (page) => {
      await page.getByText('Waiting for me').first().click();
      const card = page.locator('.tasks-list li.task', { hasText: caseA }).first();
      await card.locator('.pol-priority').waitFor();
      const text = await card.innerText();
      expect(text.includes(titleA) && text.includes('Is it fixed for you?'), 'the follower\'s card: ' + text);
      await shot(page, 'otto', `A follower's card for "Is it fixed for you?" names ${caseA}, its priority and area`);
    });
    await tasklist('priya', async (page) => {
      await openTask(page, 'Waiting for me', titleA, 'Verify outcome');
      await page.locator('.fjs-container').getByText('Working', { exact: true }).first().waitFor();
      const answers = await page.locator('.fjs-container').innerText();
      for (const expected of ['What the reporters say', 'Olivia Ortega', 'Yes, it is fixed', '1 hour lost per week now',
        'The full note shows on Android and iOS now', 'Verdict: Working']) {
        expect(answers.includes(expected), `the verify form lacks "${expected}"`);
      }
      await shot(page, 'priya', 'Verify outcome: the metric and what the reporters say, side by side');
      await check(page, 'Working – close the case');
      await type(page, 'Note', '25 tickets a week, below the target of 30');
      await shot(page, 'priya', 'The metric reached the target: Product Ops confirms it works');
      await complete(page, titleA, 'Verify outcome');
    });
    await tasklist('olivia', async (page) => {
      const list = await myReports(page);
      const a = await list.locator('a.report', { hasText: titleA }).innerText();
      expect(a.includes('Closed – the change works'), 'case A for its reporter: ' + a);
      const b = await list.locator('a.report', { hasText: titleB }).innerText();
      expect(b.includes('Rejected'), 'case B for its reporter: ' + b);
      await openCase(page, titleA);
      const story = await page.locator('main').innerText();
      for (const expected of ['Reported', 'Accepted – sent to the product manager', 'We build it', 'Top courier complaint this month',
        'Courier tickets about notes per week', '30 days', 'courier-app release 5.31', 'Metric reading',
        'still cut off on Android', 'Re-opened', '25 tickets a week', 'Closed – the change works']) {
        expect(story.includes(expected), `the story lacks "${expected}"`);
      }
      // decided twice the same way (built, then built again after the re-open): both decisions are told
      expect(story.split('We build it').length - 1 >= 2, 'the story tells the second decision: ' + story);
      await shot(page, 'olivia', `The reporter reads the whole story of ${caseA}: decisions with rationale, shipping, readings, verdicts`);
      await page.goto(`${base}/cases`);
      await openCase(page, titleB);
      expect((await page.locator('main').innerText()).includes('new app next week'), 'the rejection reason');
      await shot(page, 'olivia', 'The rejected report\'s page: the question, the answer and the reason');
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
      await openTask(page, 'Waiting for me', title, 'Triage report'); // finds the literal text in list and form
      await unharmed(page, 'the triage form');
      await shot(page, 'priya', `A title written as HTML and script (${caseNumber}) is shown as text in the list and on the form`);
    });
    await tasklist('olivia', async (page) => {
      const list = await myReports(page);
      await list.locator('a.report', { hasText: title }).waitFor();
      await unharmed(page, 'My reports');
      await shot(page, 'olivia', 'The same title in "My reports": text, not markup');
      await openCase(page, title);
      await unharmed(page, 'the case page');
    });
  },

  // Journey 5: a lead audits the finished case in Cockpit, scrolling with the mouse wheel; an ops user gets no audit data
  async audit() {
    const [caseA, runningInstance] = args;
    await session({ base, shots, user: 'lee', app: 'cockpit', viewport: { width: 1440, height: 900 } }, async (page) => {
      await page.getByRole('link', { name: 'Product Ops', exact: true }).click();
      await page.getByText('Product Ops scorecard').waitFor();
      await page.locator('svg[aria-label="Cases opened and closed per week"]').waitFor();
      await page.locator('table.case-list').waitFor();
      await shot(page, 'lee', 'A lead opens the Product Ops scorecard in Cockpit', '.pol');
      // the value delivered: hours given back per week, by area
      const value = page.locator('table.value');
      await value.locator('tr', { hasText: 'Dispatch' }).waitFor();
      const given = Number((await page.locator('.tile', { hasText: 'Hours given back per week' }).locator('b').innerText()).trim());
      expect(given >= 5.5, `hours given back per week: ${given}`);
      await value.scrollIntoViewIfNeeded();
      await shot(page, 'lee', 'The scorecard counts the hours given back per week, by area, and whether the people agree', '.pol');
      // the page scrolls with the mouse wheel: the end of the case list comes into view
      const scroller = page.locator('.pol');
      await page.mouse.move(700, 500);
      for (let i = 0; i < 12 && !(await page.locator('.results p.muted').isVisible() && await inView(page, '.results p.muted')); i++) {
        await page.mouse.wheel(0, 600);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
      }
      expect(await scroller.evaluate((e) => e.scrollTop) > 0, 'the mouse wheel scrolls the Product Ops page');
      expect(await inView(page, '.results p.muted'), 'the end of the case list is out of reach');
      await page.screenshot({ path: path.join(shots, 'scrolled-lee.png') });
      await shot(page, 'lee', 'Scrolled with the mouse wheel to the end of the case list', '.pol');
      await page.evaluate(() => document.querySelector('.pol').scrollTo(0, 0));
      await page.locator('form.cases input[name="caseNumber"]').fill(caseA);
      await page.locator('form.cases button').click();
      const row = page.locator('table.case-list tbody tr', { hasText: caseA });
      await row.getByText('Closed – the change works').waitFor();
      await row.getByRole('link', { name: caseA }).click();
      const timeline = page.locator('table.timeline');
      await timeline.getByText('Closed – the change works; watched for regressions').first().waitFor();
      const text = await timeline.innerText();
      for (const expected of ['Triage', 'Priya Patel', 'PM decision', 'Dana Dispatch', 'Re-opened', 'Metric reading',
        'Success metric read', 'Verification', 'Success metric:', 'took']) {
        expect(text.includes(expected), `timeline lacks "${expected}"`);
      }
      expect((text.match(/PM decision/g) || []).length >= 2, 'both iterations in the timeline');
      const width = await timeline.evaluate((t) => [t.scrollWidth, t.parentElement.clientWidth]);
      expect(width[0] <= width[1], `the timeline is ${width[0]} px wide in ${width[1]} px`);
      await shot(page, 'lee', `The whole history of ${caseA}: both iterations, who decided what, the readings`, '.pol');
      // on a phone each step is a card: who did it and what changed are not beside the screen
      await page.setViewportSize(PHONE);
      const narrow = await timeline.evaluate((t) => [t.scrollWidth, t.parentElement.clientWidth]);
      expect(narrow[0] <= narrow[1], `on a phone the timeline is ${narrow[0]} px wide in ${narrow[1]} px`);
      await fitsTheWindow(page, 'The case timeline on a phone');
      await shot(page, 'lee', `The history of ${caseA} on a 400 px phone: each step a card`, '.pol');
      await page.setViewportSize({ width: 1600, height: 1000 });
      await page.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${runningInstance}/runtime`);
      await page.getByText('Case timeline', { exact: true }).click();
      await page.locator('.case-tab table.timeline').getByText('Triage').first().waitFor();
      expect(!(await page.locator('.ctn-toolbar a').first().isVisible()), 'Cockpit offers a lead delete, suspend, add variable');
      await shot(page, 'lee', 'The "Case timeline" tab of a running case in Cockpit', '.case-tab');
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

  // Journey 7: everyone lands where their work is, with the product's name and no offer they cannot use
  async landing() {
    const land = (user, app, work) => session({ base, shots, user, app }, work);
    await land('olivia', 'welcome', async (page) => {
      await page.waitForURL(/\/cases$/);
      await page.locator('.reports').waitFor();
      await shot(page, 'olivia', 'A reporter who logs in at / lands on her reports');
    });
    await land('lee', 'tasklist', async (page) => {
      await page.waitForURL(/cockpit\/default\/#\/product-ops/);
      await page.getByText('Product Ops scorecard').waitFor();
      await shot(page, 'lee', 'A lead who logs into Tasklist is taken to Cockpit\'s Product Ops page', '.pol');
    });
    await land('lee', 'cockpit', async (page) => {
      await page.waitForURL(/cockpit\/default\/#\/product-ops/);
      await page.getByText('Product Ops scorecard').waitFor();
      await shot(page, 'lee', 'A lead who logs into Cockpit itself lands on its Product Ops page too', '.pol');
    });
    await land('sam', 'welcome', async (page) => {
      await page.waitForURL(/tasklist/);
      await page.getByText('Nothing is waiting for you.').waitFor();
      await page.getByText('Due date').first().waitFor(); // Tasklist's own words have loaded
      expect(!(await page.getByText('Create task').isVisible()), 'Create task is offered');
      expect(!(await page.getByText('It is time to migrate').isVisible()), 'the Camunda 8 banner shows');
      expect((await page.title()).includes('Product Ops Loop'), 'title: ' + (await page.title()));
      await shot(page, 'sam', 'A PM with nothing to do lands on an empty queue that says so');
    });
  },
};

expect(phases[phase], `unknown phase ${phase}; one of ${Object.keys(phases)}`);
await phases[phase]();
console.log(`e2e ${phase} done`);
