// Product Ops plugin for Tasklist: Tasklist as the product's people expect it, on top of Camunda's own screens.
//  - each person's landing: leads are taken to Cockpit's Product Ops page; "Report a problem" only for who may report
//  - the queue: highest priority and earliest due first, the case title first, the priority as a P1-P4 badge,
//    codes as their labels, and a plain "nothing is waiting for you" when it is empty
//  - opening an unclaimed task claims it (one click fewer, like Zendesk's play mode)
//  - forms: a refusal of the server shows next to the field it concerns, in the form's words, and only once; the
//    form's own pattern messages say what is expected instead of showing a regular expression
//  - the report form: open cases that read like the title being typed are shown under it, each with "Me too": the
//    reporter joins that case with the numbers typed into the form instead of filing a duplicate (on a case they
//    follow already, "Update my numbers"); closing it with something typed asks first
// Words come from /api/labels (labels.properties). No external downloads.

const SORTING = JSON.stringify([{ sortBy: 'priority', sortOrder: 'desc' }, { sortBy: 'dueDate', sortOrder: 'asc' }]);

/** What a form field with a pattern expects, by its label (form-js would show "Field must match pattern ^…$"). */
const PATTERN_MESSAGES = {
  'Evidence links': 'One web address per line, each starting with http:// or https://.',
};

let labels = {};
let me = null;
let suppressNotificationsUntil = 0;
const claimed = new Set();

async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : null;
}

/**
 * The queue's default order: highest priority first, then the earliest due (Tasklist's own default is newest first).
 * Set once Tasklist shows its list (earlier, it would render the sorting before its words have loaded), as a link
 * with a sorting would: the URL says it, Tasklist follows.
 */
function sortByPriority() {
  const [path, query = ''] = window.location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  if (path === '/' && !params.has('sorting') && document.querySelector('.tasks-list')) {
    params.set('sorting', SORTING);
    window.location.replace(`#/?${params}`);
  }
}

let asking = false;

/** Who is logged in (again after the login form, which Tasklist shows without loading the page anew). */
async function whoAmI() {
  if (asking) {
    return;
  }
  asking = true;
  me = await getJson('/api/me');
  asking = false;
  labels = (await getJson('/api/labels')) || {};
  if (!me) {
    return;
  }
  if (me.lead && me.home) {
    window.location.replace(me.home); // leads audit in Cockpit; Tasklist holds no work for them
    return;
  }
  document.body.classList.toggle('pol-no-report', !me.mayReport);
  document.body.classList.toggle('pol-no-cockpit', !me.cockpit);
  decorate();
}

const labelOf = (field, value) => labels[`${field}.${value}`] || value;

/** The value of a case variable a card lists (the filter's columns), by variable name. */
function cardValue(card, name) {
  const label = card.querySelector(`.variable-label[uib-tooltip="${name}"]`);
  return label?.closest('.variable-item')?.querySelector('.variable-value')?.textContent.trim() || null;
}

/**
 * Cards lead with what matters: the priority as a badge and the case title, above the step; the engine's process
 * name and the bare task priority (90) go. Codes in the card's details read as their labels.
 */
function decorateCards() {
  if (!labels['field.title']) {
    return; // the words have not arrived yet
  }
  document.querySelectorAll('.tasks-list li.task').forEach((card) => {
    const title = cardValue(card, 'title');
    if (!title) {
      askForCase(card);
      return;
    }
    if (!card.querySelector('.pol-card-head')) {
      addHead(card, title, cardValue(card, 'priority'));
    }
    // on every pass: Tasklist may write a value again after the card was decorated (a code showed for a moment)
    card.querySelectorAll('.variable-item').forEach((item) => {
      const variable = item.querySelector('.variable-label')?.getAttribute('uib-tooltip');
      const value = item.querySelector('.variable-value');
      if (variable === 'title' || variable === 'priority') {
        const row = item.closest('[ng-repeat]');
        if (row && !row.classList.contains('pol-shown-above')) {
          row.classList.add('pol-shown-above'); // only once: every write is a change the page reacts to
        }
      } else if (value && labels[`${variable}.${value.textContent.trim()}`]) {
        value.textContent = labels[`${variable}.${value.textContent.trim()}`];
      } else if (value && variable === 'reporter') {
        nameReporter(value);
      }
    });
  });
}

/** Reporters' names by login; a login being asked for maps to null until its answer. */
const reporterNames = new Map();

/**
 * The card's reporter by name, not by login (GET /api/reporter-names: only reporters of cases the caller sees). A name
 * shown is marked as such: it is not a login to look up, and the card is not written again (each write would set off
 * another pass of the decoration).
 */
function nameReporter(value) {
  const login = value.textContent.trim();
  if (value.dataset.polName === login) {
    return;
  }
  if (reporterNames.get(login)) {
    value.dataset.polName = reporterNames.get(login);
    value.textContent = reporterNames.get(login);
  } else if (!reporterNames.has(login)) {
    reporterNames.set(login, null);
    getJson(`/api/reporter-names?login=${encodeURIComponent(login)}`).then((names) => {
      reporterNames.set(login, names?.[login] || login);
      decorateCards();
    });
  }
}

/** What the cards of tasks whose case the caller may not read show of it, by task id; null while asked for. */
const caseOfTask = new Map();

/**
 * A follower's "Is it fixed for you?" is theirs, its case is not: Tasklist lists none of the case's values on the card.
 * GET /api/task-cards gives the same values for the tasks the caller sees; the card then reads as every other one.
 */
function askForCase(card) {
  const task = new URLSearchParams(card.querySelector('h4.task a')?.getAttribute('href')?.split('?')[1] || '').get('task');
  if (!task || card.querySelector('.pol-card-head')) {
    return;
  }
  const shown = caseOfTask.get(task);
  if (shown) {
    addHead(card, shown.title, shown.priority);
    const line = document.createElement('div');
    line.className = 'pol-card-case';
    line.textContent = [shown.caseNumber, labelOf('area', shown.area)].filter(Boolean).join(' · ');
    card.querySelector('.pol-card-head').after(line);
  } else if (!caseOfTask.has(task)) {
    caseOfTask.set(task, null);
    getJson(`/api/task-cards?task=${encodeURIComponent(task)}`).then((cards) => {
      if (cards?.[task]?.title) {
        caseOfTask.set(task, cards[task]);
        decorateCards();
      }
    });
  }
}

/** The card's head: the priority badge and the case title. */
function addHead(card, title, priority) {
  const head = document.createElement('div');
  head.className = 'pol-card-head';
  if (/^P[1-4]$/.test(priority || '')) {
    const badge = document.createElement('span');
    badge.className = `pol-priority ${priority.toLowerCase()}`;
    badge.title = labelOf('priority', priority);
    badge.textContent = priority;
    head.appendChild(badge);
  }
  const name = document.createElement('span');
  name.className = 'pol-card-title';
  name.textContent = title;
  head.appendChild(name);
  card.querySelector('.names')?.prepend(head);
}

function decorateEmptyQueue() {
  document.querySelectorAll('.tasks-list .no-tasks, .tasks-list .well, .tasks-list .alert').forEach((empty) => {
    if (!empty.dataset.polDone && /No task/i.test(empty.textContent)) {
      empty.dataset.polDone = 'true';
      empty.innerHTML = '<div class="pol-empty"><b>Nothing is waiting for you.</b><br>New work shows up here by itself.</div>';
    }
  });
}

/** One click fewer: opening a task nobody has claimed claims it for you. */
function claimOnOpen() {
  const taskId = new URLSearchParams(window.location.hash.split('?')[1] || '').get('task');
  if (!taskId || claimed.has(taskId)) {
    return;
  }
  const claim = [...document.querySelectorAll('button, a')].find((b) => b.textContent.trim() === 'Claim' && b.offsetParent);
  if (claim) {
    claimed.add(taskId);
    claim.click();
  }
}

function rewritePatternMessages() {
  document.querySelectorAll('.fjs-form-field-error').forEach((error) => {
    if (!/must match pattern/.test(error.textContent)) {
      return;
    }
    const field = error.closest('.fjs-form-field');
    const label = field?.querySelector('label')?.textContent.replace(/\*\s*$/, '').trim();
    error.textContent = PATTERN_MESSAGES[label] || 'Please check the format of this field.';
  });
}

/** The form a refusal concerns: the start dialog when it is open, else the task's form. */
function currentForm() {
  return document.querySelector('.modal .fjs-form') || document.querySelector('.fjs-form');
}

function clearProblems(form) {
  form.querySelectorAll('.pol-field-error, .pol-form-error').forEach((e) => e.remove());
  form.querySelectorAll('.pol-field-invalid').forEach((e) => e.classList.remove('pol-field-invalid'));
}

/**
 * Shows each problem of a refusal ("Evidence links: line 1 is not a web address; Title: required") next to the field
 * with that label; anything that names no field on the form goes above the form. Tasklist's own two notifications
 * for it are not shown.
 */
function showProblems(message) {
  const form = currentForm();
  if (!form) {
    return false;
  }
  clearProblems(form);
  const fields = [...form.querySelectorAll('.fjs-form-field')].map((field) => ({
    field, label: (field.querySelector('label')?.textContent || '').replace(/\*\s*$/, '').trim() }))
    .filter((f) => f.label);
  const general = [];
  String(message).split('; ').forEach((problem) => {
    const match = fields.filter((f) => problem.startsWith(`${f.label}: `)).sort((a, b) => b.label.length - a.label.length)[0];
    if (!match) {
      general.push(problem);
      return;
    }
    const error = document.createElement('div');
    error.className = 'pol-field-error';
    error.setAttribute('role', 'alert');
    error.textContent = problem.substring(match.label.length + 2).replace(/^./, (c) => c.toUpperCase());
    match.field.classList.add('pol-field-invalid');
    match.field.appendChild(error);
  });
  if (general.length) {
    const error = document.createElement('div');
    error.className = 'pol-form-error alert alert-danger';
    error.setAttribute('role', 'alert');
    error.textContent = general.join(' · ');
    form.prepend(error);
  }
  form.querySelector('.pol-field-invalid, .pol-form-error')?.scrollIntoView({ block: 'center' });
  return true;
}

/** Refusals of a form submission come back as 400 with the problems in the message. */
function watchSubmissions() {
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function polOpen(method, url, ...rest) {
    if (/\/(submit-form|complete)$/.test(String(url)) && method.toUpperCase() === 'POST') {
      this.addEventListener('load', () => {
        if (this.status === 200 && /\/process-definition\//.test(String(url))) {
          try {
            const started = JSON.parse(this.responseText);
            if (started.businessKey) {
              quiet();
              showFiledCase(started.businessKey);
            }
          } catch (ignored) {
            // not a case of the loop
          }
          return;
        }
        if (this.status !== 400) {
          return;
        }
        let body = {};
        try {
          body = JSON.parse(this.responseText);
        } catch (ignored) {
          return;
        }
        if (body.message && showProblems(body.message)) {
          quiet();
        }
      });
    }
    return open.call(this, method, url, ...rest);
  };
}

/**
 * Tasklist's own notifications about what this script has just shown are not shown: hidden at once by a class (its
 * toast may be added a moment before or after this script's handler runs), then removed.
 */
function quiet() {
  suppressNotificationsUntil = Date.now() + 3000;
  document.body.classList.add('pol-quiet');
  setTimeout(() => {
    hideNotifications();
    document.body.classList.remove('pol-quiet');
  }, 3000);
  hideNotifications();
}

function hideNotifications() {
  const notifications = document.querySelectorAll('.notifications .alert, [cam-notifications] .alert');
  // a link to a task that is done or someone else's: Tasklist says it does not exist, the engine's words name its id
  notifications.forEach((n) => {
    const message = n.querySelector('.message');
    if (message && /No matching task with id/.test(message.textContent)) {
      n.querySelector('.status').textContent = 'This task is not open for you.';
      message.textContent = 'It is done or closed, or someone else\'s to do. Yours are in the list.';
    }
  });
  // Tasklist writes "<status> : <message>"; after a status that is a sentence ("An error happened while claiming the
  // task.") the colon reads as a stray mark before our message
  notifications.forEach((n) => {
    const status = n.querySelector('.status');
    const colon = status?.nextElementSibling;
    if (colon?.tagName === 'STRONG' && colon.textContent.trim() === ':' && /[.!?]\s*$/.test(status.textContent)) {
      colon.hidden = true;
    }
  });
  if (Date.now() <= suppressNotificationsUntil) {
    notifications.forEach((n) => n.remove());
    return;
  }
  // the form marks its own missing fields; Tasklist's toast about it would only cover the Complete button
  if (document.querySelector('.fjs-form-field-error')) {
    notifications.forEach((n) => {
      if (/error happened while submitting the task form|process could not be started/i.test(n.textContent)) {
        n.remove();
      }
    });
  }
}

/** A report was filed: its case number and a link to its case page, instead of "The process has been started." */
function showFiledCase(caseNumber) {
  showBanner('pol-filed alert alert-success', ['Thank you – your report is case ', caseLink(caseNumber),
    '. Product Ops looks at it next; follow it there.']);
}

function caseLink(caseNumber) {
  const link = document.createElement('a');
  link.href = `/cases/${encodeURIComponent(caseNumber)}`;
  link.textContent = caseNumber;
  return link;
}

/** A message at the top of the page, until closed. */
function showBanner(className, parts) {
  document.querySelector('.pol-filed')?.remove();
  const banner = document.createElement('div');
  banner.className = className;
  banner.setAttribute('role', 'status');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.textContent = '×';
  close.addEventListener('click', () => banner.remove());
  banner.append(close, ...parts);
  document.body.appendChild(banner);
}

/** The start dialog's field with this label, if the report form is open. */
function reportField(label) {
  const form = document.querySelector('.modal .fjs-form');
  if (!form) {
    return null;
  }
  return [...form.querySelectorAll('.fjs-form-field')]
    .find((field) => (field.querySelector('label')?.textContent || '').replace(/\*\s*$/, '').trim() === label) || null;
}

const similar = { box: null, timer: null, asked: '' };

/** Shows open cases that read like the report being written, each with "Me too" (GET /api/similar-cases). */
function suggestSimilarCases() {
  const titleField = reportField('Title');
  if (!titleField || !reportField('People affected per week')) {
    return;
  }
  if (!similar.box || !similar.box.isConnected) {
    // a new report form: what was shown under the last one may have changed (a "me too" since)
    similar.box = document.createElement('div');
    similar.box.className = 'pol-similar';
    similar.box.setAttribute('aria-live', 'polite');
    similar.asked = '';
    titleField.after(similar.box);
  }
  const title = titleField.querySelector('input')?.value || '';
  const description = reportField('What happens today')?.querySelector('textarea')?.value || '';
  const ask = `${title}\n${description}`;
  if (ask === similar.asked) {
    return;
  }
  similar.asked = ask;
  clearTimeout(similar.timer);
  similar.timer = setTimeout(async () => {
    const params = new URLSearchParams({ title, description: description.substring(0, 2000) });
    const cases = (title.trim().length >= 5 && await getJson(`/api/similar-cases?${params}`)) || [];
    showSimilarCases(cases);
  }, 400);
}

function showSimilarCases(cases) {
  const box = similar.box;
  box.replaceChildren();
  if (!cases.length) {
    return;
  }
  const heading = document.createElement('p');
  heading.className = 'pol-similar-heading';
  const onIt = (c) => c.yours || c.following;
  heading.textContent = cases.every((c) => c.yours)
    ? 'You have reported something alike already: its case page says where it is. Send this only if it is another problem.'
    : cases.every(onIt)
      ? 'You follow a case alike already: if your numbers have changed, type them below and press "Update my '
        + 'numbers". Send this only if it is another problem.'
      : 'Already reported? These open cases read alike. If one is your problem, say "Me too" instead: '
        + 'the numbers you give below count for it, and you follow it.'
        + (cases.some(onIt) ? ' Those you reported or follow are marked.' : '');
  const list = document.createElement('ul');
  cases.forEach((c) => {
    const item = document.createElement('li');
    // a link only to a case one is on: its page is for the people on it, which one becomes by saying "Me too"
    const number = onIt(c) ? Object.assign(caseLink(c.caseNumber), { target: '_blank' })
      : Object.assign(document.createElement('b'), { textContent: c.caseNumber });
    if (c.yours) {
      // one's own open report: its page says where it is; a second report would be a duplicate
      item.append(number, ` ${c.title} (${c.alike}) – you reported this already`);
    } else {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-default btn-sm pol-me-too';
      button.textContent = c.following ? 'Update my numbers' : 'Me too';
      button.addEventListener('click', () => meToo(c.caseNumber, item));
      item.append(number, ` ${c.title} (${c.alike}) ${c.following ? '– you follow this ' : ''}`, button);
    }
    list.appendChild(item);
  });
  box.append(heading, list);
}

/** Joins the case with the form's numbers (POST /api/cases/{caseNumber}/me-too), then closes the report dialog. */
async function meToo(caseNumber, item) {
  item.querySelector('.pol-me-too-error')?.remove();
  const number = (label) => reportField(label)?.querySelector('input')?.value ?? '';
  const body = { peopleAffectedPerWeek: number('People affected per week'), hoursLostPerWeek: number('Hours lost per week') };
  const note = reportField('What happens today')?.querySelector('textarea')?.value;
  if (note) {
    body.note = note.substring(0, 5000);
  }
  const problem = (text) => {
    const error = document.createElement('div');
    error.className = 'pol-me-too-error pol-field-error';
    error.setAttribute('role', 'alert');
    error.textContent = text;
    item.appendChild(error);
  };
  if (body.peopleAffectedPerWeek === '' || body.hoursLostPerWeek === '') {
    problem('Fill in "People affected per week" and "Hours lost per week" below first: your numbers count for the case.');
    return;
  }
  const response = await fetch(`/api/cases/${encodeURIComponent(caseNumber)}/me-too`, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Product-Ops': 'page' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    problem(answer.message || 'That did not work; please try again.');
    return;
  }
  closeReportDialog(); // the report became a "me too"
  const totals = `(everyone: ${answer.totalsText})`;
  showBanner('pol-filed alert alert-success', [
    answer.unchanged ? `Your numbers for ${caseNumber} are the ones you gave before: nothing changed ${totals}. `
      : answer.updated ? `Your numbers for ${caseNumber} are updated ${totals}. `
        : `You follow ${caseNumber} now: your numbers count ${totals}. `,
    answer.returnedToPm ? 'With them, the case goes back to its product manager now, before its revisit date. ' : '',
    caseLink(caseNumber), ' says where it is.']);
}

let tasklistWords = null;

/**
 * On a busy machine Tasklist can draw its sort bar and search box before its own words have loaded, and then shows
 * their keys (PRIORITY, DUE_DATE, SEARCH_PLACEHOLDER) for good: such keys are replaced by Tasklist's English words.
 */
function fillInTasklistWords() {
  const key = /^[A-Z][A-Z0-9_]{2,}$/;
  const raw = [...document.querySelectorAll('.tasks-list header .sort-by, .tasks-list header a, .tasks-list header span')]
    .filter((e) => e.children.length === 0 && key.test(e.textContent.trim()));
  const placeholders = [...document.querySelectorAll('.tasks-list input[placeholder]')].filter((e) => key.test(e.placeholder));
  if (!raw.length && !placeholders.length) {
    return;
  }
  if (!tasklistWords) {
    tasklistWords = fetch('/camunda/app/tasklist/locales/en.json').then((r) => r.json()).then((words) => words.labels || {})
      .catch(() => ({}));
  }
  tasklistWords.then((words) => {
    raw.forEach((e) => { e.textContent = words[e.textContent.trim()] || e.textContent; });
    placeholders.forEach((e) => { e.placeholder = words[e.placeholder] || e.placeholder; });
  });
}

/**
 * "Report a problem" opens the report form at once when it is the only thing one may report (Tasklist would first list
 * the processes one may start, by the engine's name). Once per opening: its "Back" shows the list.
 */
function openTheOnlyReportForm() {
  const list = document.querySelector('.modal:not(.pol-seen) .available-processes');
  if (!list) {
    return;
  }
  list.closest('.modal').classList.add('pol-seen');
  const choices = list.querySelectorAll('ul.processes > li > a');
  if (choices.length === 1) {
    choices[0].click();
  }
}

function decorate() {
  if (!me && !document.querySelector('input[placeholder="Username"]')) {
    whoAmI();
  }
  sortByPriority();
  fillInTasklistWords();
  decorateCards();
  decorateEmptyQueue();
  claimOnOpen();
  rewritePatternMessages();
  suggestSimilarCases();
  hideNotifications();
  openTheOnlyReportForm();
}

let scheduled = false;
new MutationObserver(() => {
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      decorate();
    });
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

document.addEventListener('input', (event) => {
  suggestSimilarCases();
  if (event.target.closest?.('.modal .fjs-form')) {
    document.querySelectorAll('.pol-me-too-error').forEach((e) => e.remove()); // the numbers are being filled in
  }
  const field = event.target.closest?.('.pol-field-invalid');
  if (field) {
    field.classList.remove('pol-field-invalid');
    field.querySelector('.pol-field-error')?.remove();
  }
}, true);

/**
 * A form's text fields pass what was typed on to the form a moment later, or when they lose the focus: a button pressed
 * without taking the focus (a click from a script, some assistive tools) would complete the task without the last words
 * typed. The focus leaves the field first, before Tasklist's own handler reads the form.
 */
document.addEventListener('click', (event) => {
  const typing = document.activeElement;
  if (event.target.closest?.('button') && typing?.closest?.('.fjs-container') && typing.matches('input, textarea')) {
    typing.blur();
  }
}, true);

/**
 * What is typed stays typed. A field passes what was typed on to the form a moment later (form-js debounces it); when
 * another field's value arrives in between (a number typed just before), the form is drawn again from the values it
 * has, and the field being typed in loses the letters it had not passed on yet. While someone types in a form's text
 * field, it is watched: if its text changes without them typing, what they typed is put back and passed on.
 */
let typed = null;
let watching = false;
document.addEventListener('input', (event) => {
  const field = event.target;
  if (!field.matches?.('.fjs-container textarea, .fjs-container input[type="text"], .fjs-container input:not([type])')) {
    return;
  }
  typed = { field, value: field.value };
  if (!watching) {
    watching = true;
    requestAnimationFrame(keepTyped);
  }
}, true);

// a letter typed before the next frame (a busy machine draws late) would land on the text drawn from the old values
// and count from there: the typed text is put back first
document.addEventListener('beforeinput', (event) => {
  const field = event.target;
  if (typed?.field === field && field.value !== typed.value && field.selectionStart === field.value.length) {
    field.value = typed.value;
  }
}, true);

function keepTyped() {
  const field = typed?.field;
  if (!field || document.activeElement !== field) {
    watching = false;
    return;
  }
  if (field.value !== typed.value) {
    field.value = typed.value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  requestAnimationFrame(keepTyped);
}

/**
 * A report being written is not lost to a stray click: Close, Back, Escape or a click beside the dialog ask first when
 * something has been typed (Tasklist would close the dialog and drop it).
 */
const DISMISSING = '.modal .modal-footer button[ng-click="$dismiss()"], .modal .modal-footer button[ng-click="back()"]';
let discarding = false;
let lastField = null; // where the reporter was writing: "Keep writing" takes them back there

document.addEventListener('focusin', (event) => {
  if (event.target.closest?.('.modal .fjs-form')) {
    lastField = event.target;
  }
}, true);

function reportTyped() {
  const form = document.querySelector('.modal .fjs-form');
  if (!form || !reportField('People affected per week')) {
    return false;
  }
  return [...form.querySelectorAll('input:not([type="radio"]):not([type="checkbox"]), textarea')]
    .some((field) => field.value.trim() !== '') || Boolean(form.querySelector('input[type="radio"]:checked'));
}

/** Runs {@code work}, which dismisses the report dialog, without asking. */
function withoutAsking(work) {
  discarding = true;
  try {
    work();
  } finally {
    discarding = false;
  }
}

/** The dialog's own "Close" (Tasklist's start dialog: ng-click="$dismiss()"), without asking. */
function closeReportDialog() {
  withoutAsking(() => document.querySelector('.modal .modal-footer button[ng-click="$dismiss()"]')?.click());
}

/** Stops a dismissal of a report with something typed, and asks; {@code go} dismisses it after all. */
function askBeforeDiscarding(event, go) {
  if (discarding || !reportTyped()) {
    return;
  }
  event.preventDefault(); // Tasklist's dialog does not close on an Escape whose default is prevented
  event.stopImmediatePropagation();
  const footer = document.querySelector('.modal .modal-footer');
  footer.querySelector('.pol-discard')?.remove();
  const question = document.createElement('div');
  question.className = 'pol-discard';
  question.setAttribute('role', 'alertdialog');
  question.setAttribute('aria-label', 'Discard this report?');
  const text = document.createElement('span');
  text.textContent = 'Discard this report? What you typed will be lost.';
  const keep = document.createElement('button');
  keep.type = 'button';
  keep.className = 'btn btn-primary';
  keep.textContent = 'Keep writing';
  keep.addEventListener('click', keepWriting);
  const discard = document.createElement('button');
  discard.type = 'button';
  discard.className = 'btn btn-default';
  discard.textContent = 'Discard';
  discard.addEventListener('click', () => {
    question.remove();
    withoutAsking(go);
  });
  question.append(text, discard, keep);
  footer.prepend(question);
  keep.focus();
}

function keepWriting() {
  document.querySelector('.pol-discard')?.remove();
  const field = lastField?.isConnected ? lastField : document.querySelector('.modal .fjs-form input, .modal .fjs-form textarea');
  field?.focus();
  field?.scrollIntoView({ block: 'center' });
}

document.addEventListener('click', (event) => {
  const button = event.target.closest?.(DISMISSING);
  if (button) {
    askBeforeDiscarding(event, () => button.click());
  } else if (event.target.matches?.('.modal[uib-modal-window]')) {
    askBeforeDiscarding(event, closeReportDialog); // beside the dialog
  }
}, true);

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') {
    return;
  }
  if (document.querySelector('.pol-discard')) {
    // Escape again: not what closes a report, so back to it
    event.preventDefault();
    event.stopImmediatePropagation();
    keepWriting();
    return;
  }
  if (document.querySelector('.modal .fjs-dropdownlist')) {
    // an open drop-down of the form closes (as it does when its field loses the focus), and only it: not the dialog
    // on the same key
    event.preventDefault();
    document.activeElement?.blur();
    return;
  }
  askBeforeDiscarding(event, closeReportDialog);
}, true);

watchSubmissions();
whoAmI();

export default [];
