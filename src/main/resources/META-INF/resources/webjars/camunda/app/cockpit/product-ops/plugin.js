// Product Ops plugin for Cockpit: the leads' view of the loop, open and closed cases alike.
//   #/product-ops               scorecard + case search
//   #/product-ops/case/<number> the timeline of one case
//   a "Case timeline" tab on Cockpit's process instance page
// Data comes from the application's /api endpoints (leads and admins only); words from /api/labels (labels.properties,
// shared with forms and mails). No external downloads.

const API = '/api';

const esc = (value) => String(value ?? '').replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** Local date and time, one format everywhere: 30 Nov 2026, 14:05. */
const when = (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric',
  hour: '2-digit', minute: '2-digit' }) : '');

/** A span of hours as people say it (as Labels.hours on the server): 40 minutes, 5 hours, 3.5 days. */
function hours(value) {
  if (value == null) {
    return '–';
  }
  const round = (n) => String(Math.round(n * 10) / 10);
  const plural = (n, unit) => `${n} ${unit}${n === '1' ? '' : 's'}`;
  if (value * 60 < 1) {
    return value === 0 ? '0 minutes' : 'under a minute';
  }
  if (value * 60 < 90) {
    return plural(String(Math.round(value * 60)), 'minute');
  }
  return value < 48 ? plural(round(value), 'hour') : plural(round(value / 24), 'day');
}

let labelsLoaded = null;
let labels = {};
const label = (key, fallback) => labels[key] ?? fallback ?? key;
const loadLabels = () => {
  labelsLoaded = labelsLoaded || getJson('/labels').then((all) => { labels = all; });
  return labelsLoaded;
};

/**
 * Cockpit's main area does not scroll (overflow: hidden): the page scrolls itself, from where it starts to the bottom
 * of the window, so the mouse wheel, PageDown and End work.
 */
function scrollable(node) {
  const page = node.querySelector('.pol');
  const fit = () => {
    if (!page.isConnected) {
      window.removeEventListener('resize', fit);
      return;
    }
    page.style.height = `${Math.max(200, window.innerHeight - page.getBoundingClientRect().top)}px`;
  };
  window.addEventListener('resize', fit);
  fit();
  requestAnimationFrame(fit);
  page.focus({ preventScroll: true }); // PageDown and End scroll the page without a click first
}

async function getJson(path) {
  const response = await fetch(API + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.message || `${response.status} ${response.statusText}`);
  }
  return response.json();
}

const STYLE = `
<style>
  .pol { padding: 20px 30px 40px; font-size: 14px; overflow-y: auto; box-sizing: border-box; outline: none; }
  .pol h2 { margin: 0 0 12px; } .pol h3 { margin: 26px 0 8px; }
  .pol .tiles { display: flex; gap: 12px; flex-wrap: wrap; }
  .pol .tile { border: 1px solid #ddd; border-radius: 4px; padding: 10px 16px; min-width: 150px; background: #fff; }
  .pol .tile b { display: block; font-size: 24px; }
  .pol table.value { margin: 12px 0 24px; }
  .pol table { border-collapse: collapse; background: #fff; }
  .pol th, .pol td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
  .pol table.case-list, .pol table.timeline { width: 100%; table-layout: fixed; }
  .pol table.case-list { min-width: 1150px; } .pol table.timeline { min-width: 800px; }
  .pol .wide { overflow-x: auto; }
  .pol table.case-list td, .pol table.timeline td { overflow-wrap: anywhere; }
  .pol .overdue { color: #b5152b; font-weight: bold; }
  .pol form.search { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; }
  .pol form.search label { display: flex; flex-direction: column; font-size: 12px; }
  .pol .change { margin: 0 0 2px; } .pol .change .field { color: #555; } .pol .muted { color: #777; }
  .pol .charts { display: flex; gap: 30px; flex-wrap: wrap; }
  .pol .charts figure { margin: 0; max-width: 100%; min-width: 0; overflow-x: auto; } /* a narrow screen scrolls the chart, not the page */
  .pol .kind { display: inline-block; font-size: 11px; border-radius: 8px; padding: 0 6px; background: #eef1f4; color: #444; }
  .pol .kind.task { background: #e3edf9; } .pol .kind.ended { background: #e4f3e5; } .pol .kind.reopened { background: #fde8e8; }
  /* a phone: each step of the timeline is a card (a table scrolled sideways hid who did it and what changed) */
  @media (max-width: 700px) {
    .pol table.timeline { min-width: 0; }
    .pol table.timeline colgroup, .pol table.timeline thead { display: none; }
    .pol table.timeline, .pol table.timeline tbody, .pol table.timeline tr, .pol table.timeline td { display: block; }
    .pol table.timeline tr { border: 1px solid #ddd; margin-bottom: 8px; }
    .pol table.timeline td { border: 0; padding: 2px 8px; }
    .pol table.timeline td:first-child { color: #777; padding-top: 6px; }
  }
</style>`;

/** A chart's key in words: an ISO week ("2026-W49") as the day its Monday falls on ("Week of 30 Nov"). */
function keyLabel(key) {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!week) {
    return key;
  }
  // week 1 is the week that holds 4 January
  const jan4 = Date.UTC(Number(week[1]), 0, 4);
  const monday = new Date(jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86400000 + (Number(week[2]) - 1) * 7 * 86400000);
  return `Week of ${monday.getUTCDate()} ${monday.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}`;
}

function barChart(title, series, colors) {
  // series: { label: { key: value } }; one group of bars per key
  const keys = [...new Set(Object.values(series).flatMap((s) => Object.keys(s)))].sort();
  const names = Object.keys(series);
  const max = Math.max(1, ...names.flatMap((n) => Object.values(series[n])));
  // wide enough for the longest label under its bars ("Closed – the change works")
  const band = Math.max(26 * names.length + 14, 100, 6.5 * Math.max(0, ...keys.map((k) => keyLabel(String(k)).length)) + 12);
  const width = Math.max(260, keys.length * band + 40);
  let bars = '';
  keys.forEach((key, i) => {
    names.forEach((name, j) => {
      const value = series[name][key] || 0;
      const h = Math.round((value / max) * 120);
      const x = 30 + i * band + (band - 26 * names.length) / 2 + j * 26;
      bars += `<rect x="${x}" y="${140 - h}" width="22" height="${h}" fill="${colors[j]}"><title>${esc(name)} ${esc(keyLabel(key))}: ${value}</title></rect>`
        + `<text x="${x + 11}" y="${136 - h}" font-size="11" text-anchor="middle">${value}</text>`;
    });
    bars += `<text x="${30 + i * band + band / 2}" y="156" font-size="11" text-anchor="middle">${esc(keyLabel(key))}</text>`;
  });
  const legend = names.map((n, j) => `<tspan fill="${colors[j]}">■</tspan> ${esc(n)} `).join(' ');
  return `<figure><figcaption><b>${esc(title)}</b></figcaption>
    <svg width="${width}" height="175" role="img" aria-label="${esc(title)}">${bars}
      <text x="30" y="172" font-size="11">${legend}</text></svg></figure>`;
}

function scorecardHtml(card) {
  const tile = (label, value) => `<div class="tile">${esc(label)}<b>${esc(value ?? '–')}</b></div>`;
  const stages = card.stages.map((s) => `<tr><td>${esc(label(`stage.${s.stage}`, s.stage))}</td><td>${s.completed}</td><td>${hours(s.medianHours)}</td>
      <td>${hours(s.p90Hours)}</td><td class="${s.slaBreaches ? 'overdue' : ''}">${s.slaBreaches}</td><td>${s.open}</td></tr>`).join('');
  const areas = card.topAreasByHoursLost.map((a) => `<tr><td>${esc(label(`area.${a.area}`, a.area))}</td><td>${a.openCases}</td><td>${a.hoursLostPerWeek}</td></tr>`).join('')
    || '<tr><td colspan="3" class="muted">No open case reported in this period.</td></tr>';
  const value = card.value;
  const percent = (p) => (p == null ? '–' : `${p} %`);
  const cases = (n) => `${n} ${n === 1 ? 'case' : 'cases'}`;
  const givenBack = value.byArea.map((a) => `<tr><td>${esc(label(`area.${a.area}`, a.area))}</td><td>${a.cases}</td><td>${a.hoursBefore}</td><td>${a.hoursAfter}</td><td><b>${a.hoursGivenBack}</b></td></tr>`).join('')
    || '<tr><td colspan="5" class="muted">No change closed as working recorded hours before and after in this period.</td></tr>';
  // closed cases by outcome, and verifications that found a change not working (those cases were re-opened)
  const outcomes = {};
  Object.entries({ ...card.outcomes, NOT_WORKING: card.verifications.notWorking })
    .forEach(([outcome, count]) => { outcomes[label(`caseOutcome.${outcome}`, outcome)] = count; });
  return `
    <div class="tiles">
      ${tile('Cases reported', card.casesReported)} ${tile('Open', card.casesOpen)} ${tile('Closed', card.casesClosed)}
      ${tile('Verifications that found it working', card.verifiedWorkingPercent == null ? '–' : card.verifiedWorkingPercent + ' %')}
      ${tile('Re-open rate', card.reopenRatePercent == null ? '–' : card.reopenRatePercent + ' %')}
    </div>
    <h3>Value delivered</h3>
    <div class="tiles">
      ${tile('Hours given back per week', value.hoursGivenBackPerWeek)}
      ${tile(`Working by the metric (of ${cases(value.verifiedCases)} it read)`, percent(value.workingByMetricPercent))}
      ${tile(`The reporters said fixed (${cases(value.answeredCases)})`, percent(value.workingByPeoplePercent))}
      ${tile('Verified while disputed', value.disputedCases)}
      ${tile('Regressions caught', value.regressionsCaught)}
    </div>
    <div class="wide"><table class="value"><thead><tr><th>Area</th><th>Changes working</th><th>Hours lost / week before</th><th>After</th><th>Given back / week</th></tr></thead>
      <tbody>${givenBack}</tbody></table></div>
    <div class="charts">
      ${barChart('Cases opened and closed per week', { Opened: card.openedPerWeek, Closed: card.closedPerWeek }, ['#1f77b4', '#2ca02c'])}
      ${barChart('Outcomes', { Cases: outcomes }, ['#9467bd'])}
    </div>
    <h3>Time in each stage</h3>
    <div class="wide"><table class="stages"><thead><tr><th>Stage</th><th>Completed</th><th>Median</th><th>90th percentile</th><th>SLA breaches</th><th>Open</th></tr></thead>
      <tbody>${stages}</tbody></table></div>
    <h3>Where it hurts: open cases by hours lost per week</h3>
    <div class="wide"><table><thead><tr><th>Area</th><th>Open cases</th><th>Hours lost / week</th></tr></thead><tbody>${areas}</tbody></table></div>`;
}

async function renderMain(node) {
  await loadLabels().catch(() => {});
  const option = (field, value) => `<option value="${esc(value)}">${esc(label(`${field}.${value}`, value))}</option>`;
  const today = new Date();
  const to = new Date(today.getTime() + 86400000).toISOString().substring(0, 10);
  const from = new Date(today.getTime() - 84 * 86400000).toISOString().substring(0, 10);
  node.innerHTML = `${STYLE}<div class="pol" tabindex="-1">
    <h2>Product Ops scorecard</h2>
    <form class="period search"><label>From <input type="date" name="from" value="${from}"></label>
      <label>To (excl.) <input type="date" name="to" value="${to}"></label>
      <button class="btn btn-default" type="submit">Show</button> <a class="csv" href="#">Download CSV</a></form>
    <div class="scorecard muted">Loading…</div>
    <h3>Cases</h3>
    <form class="cases search">
      <label>Case <input name="caseNumber" size="14"></label><label>Title <input name="title"></label>
      <label>Area <select name="area"><option value="">Any</option>${['SUPPLY', 'DEMAND', 'DISPATCH', 'PAYMENTS', 'SUPPORT', 'TRUST_SAFETY', 'OTHER'].map((a) => option('area', a)).join('')}</select></label>
      <label>Reporter <input name="reporter" size="12" placeholder="name or login"></label>
      <label>Outcome <select name="outcome"><option value="">Any</option>${['WORKING', 'REJECTED', 'DUPLICATE', 'WONT_DO', 'NO_RESPONSE'].map((o) => option('caseOutcome', o)).join('')}</select></label>
      <label>State <select name="state"><option value="">Any</option>${option('state', 'open')}${option('state', 'closed')}</select></label>
      <label>Reported from <input type="date" name="from"></label><label>to <input type="date" name="to"></label>
      <button class="btn btn-default" type="submit">Search</button></form>
    <div class="results"></div></div>`;
  scrollable(node);
  const period = node.querySelector('form.period');
  const showScorecard = async () => {
    const query = new URLSearchParams(new FormData(period)).toString();
    node.querySelector('a.csv').href = `${API}/scorecard.csv?${query}`;
    const target = node.querySelector('.scorecard');
    try {
      target.innerHTML = scorecardHtml(await getJson(`/scorecard?${query}`));
      target.classList.remove('muted');
    } catch (error) {
      target.textContent = error.message;
    }
  };
  const search = node.querySelector('form.cases');
  const showCases = async () => {
    const params = new URLSearchParams();
    new FormData(search).forEach((value, key) => { if (value) params.append(key, value); });
    const target = node.querySelector('.results');
    try {
      const cases = await getJson(`/cases?${params}`);
      target.innerHTML = cases.length ? `<div class="wide"><table class="case-list"><colgroup><col style="width:9em"><col><col style="width:8em">
        <col style="width:7em"><col style="width:8em"><col style="width:14em"><col style="width:10em"><col style="width:10em"></colgroup>
        <thead><tr><th>Case</th><th>Title</th><th>Area</th><th>Reporter</th><th>Priority</th>
        <th>How it ended / waiting at</th><th>Reported</th><th>Closed</th></tr></thead><tbody>${cases.map((c) => `<tr>
        <td><a href="#/product-ops/case/${encodeURIComponent(c.caseNumber)}">${esc(c.caseNumber)}</a></td><td>${esc(c.title)}</td>
        <td>${esc(c.areaLabel)}</td><td>${esc(c.reporterName || c.reporter)}</td><td>${esc(c.priorityLabel)}</td>
        <td>${esc(c.outcomeLabel || c.waitingAt.join(', ') || label('state.open'))}</td><td>${when(c.reportedAt)}</td><td>${when(c.closedAt)}</td></tr>`).join('')}
        </tbody></table></div><p class="muted">${cases.length === 1 ? '1 case' : `${cases.length} cases`}, newest first</p>`
        : '<p class="muted">No case matches this search.</p>';
    } catch (error) {
      target.textContent = error.message;
    }
  };
  period.addEventListener('submit', (event) => { event.preventDefault(); showScorecard(); });
  search.addEventListener('submit', (event) => { event.preventDefault(); showCases(); });
  showScorecard();
  showCases();
}

function changesHtml(changes) {
  // a value removed (a case decided anew without a revisit date) says so instead of ending at the arrow
  return changes.map((c) => `<div class="change"><span class="field">${esc(c.label)}:</span> ${c.fromText == null ? ''
    : `<s>${esc(c.fromText)}</s> → `}${c.toText == null || c.toText === '' ? `<i>${esc(label('value.CLEARED'))}</i>`
    : esc(c.toText)}</div>`).join('');
}

function timelineHtml(timeline) {
  const s = timeline.summary;
  const rows = timeline.entries.map((e) => `<tr class="entry ${esc(e.kind.toLowerCase())}">
      <td>${when(e.at)}</td>
      <td>${label(`kind.${e.kind}`, e.kind) === e.step ? '' : `<span class="kind ${esc(e.kind.toLowerCase())}">${esc(label(`kind.${e.kind}`, e.kind))}</span> `}${esc(e.step)}
        ${e.waitedHours == null ? '' : `<div class="muted">${e.endedAt ? 'took' : 'waiting for'} ${hours(e.waitedHours)}</div>`}
        ${e.due ? `<div class="${e.overdue ? 'overdue' : 'muted'}">due ${when(e.due)}${e.overdue ? ' (overdue)' : ''}</div>` : ''}</td>
      <td>${esc(e.whoName || e.who || '')}</td><td>${changesHtml(e.changes)}</td></tr>`).join('');
  return `<h2>${esc(s.caseNumber)} · ${esc(s.title)}</h2>
    <p>${esc(s.areaLabel)} · ${esc(s.priorityLabel)} · reported by ${esc(s.reporterName || s.reporter)} on ${when(s.reportedAt)} ·
      <b>${esc(s.outcomeLabel || label(`state.${s.state}`, s.state))}</b>${s.waitingAt.length ? ` – waiting at ${esc(s.waitingAt.join(', '))}` : ''}</p>
    <div class="wide"><table class="timeline"><colgroup><col style="width:11em"><col style="width:30%"><col style="width:7em"><col></colgroup>
    <thead><tr><th>When</th><th>What happened</th><th>Who</th><th>Decision and changes</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

async function renderTimeline(node, caseNumber) {
  node.innerHTML = `${STYLE}<div class="pol" tabindex="-1"><p><a href="#/product-ops">← Product Ops</a></p><div class="case muted">Loading…</div></div>`;
  scrollable(node);
  const target = node.querySelector('.case');
  try {
    await loadLabels();
    target.innerHTML = timelineHtml(await getJson(`/cases/${encodeURIComponent(caseNumber)}/timeline`));
    target.classList.remove('muted');
  } catch (error) {
    target.textContent = error.message;
  }
}

/**
 * Leads audit; they change nothing (the engine refuses it: security/LoopBoundary). Cockpit's own actions (delete,
 * retry, add a variable, suspend) are not offered to them.
 */
let knownUser = false;
function markReadOnly() {
  if (knownUser) {
    return;
  }
  fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((me) => {
      knownUser = Boolean(me);
      document.body.classList.toggle('pol-read-only', Boolean(me && me.lead));
      // a lead who has just logged in lands on the Product Ops page, as from Tasklist; Cockpit's dashboard stays
      // one click away
      if (me && me.lead && me.home && /^#?\/?(dashboard)?$/.test(window.location.hash)) {
        window.location.replace(me.home);
      }
    })
    .catch(() => {});
}
markReadOnly();
window.addEventListener('hashchange', markReadOnly); // Cockpit logs in without loading the page anew

/**
 * A variable edit the loop refuses (400: "Title must be text; nothing was changed now") says why: Cockpit's own
 * toast names only the variable ("could not be changed successfully"), so its message is replaced by the refusal's.
 */
let lastRefusal = null;
function explainRefusals() {
  if (!lastRefusal || Date.now() - lastRefusal.at > 10000) {
    return;
  }
  document.querySelectorAll('.notifications .alert .message').forEach((message) => {
    if (/could not be changed successfully/.test(message.textContent)) {
      message.textContent = lastRefusal.message;
    }
  });
}
const openRequest = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function polOpen(method, url, ...rest) {
  if (/[vV]ariables(\/[^/?]+)?(\?|$)/.test(String(url)) && /^(PUT|POST)$/i.test(method)) {
    this.addEventListener('load', () => {
      try {
        const body = JSON.parse(this.responseText);
        if (this.status === 400 && body.message) {
          lastRefusal = { message: body.message, at: Date.now() };
          explainRefusals();
        }
      } catch (ignored) {
        // no refusal of ours
      }
    });
  }
  return openRequest.call(this, method, url, ...rest);
};
new MutationObserver(explainRefusals).observe(document.documentElement, { childList: true, subtree: true });

function caseFromHash() {
  const match = /#\/product-ops\/case\/([^/?]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

export default [
  {
    id: 'productOps.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: { path: '/product-ops' },
    render: async (node) => {
      // only leads and admins may use it: the link shows when the audit API lets the user in
      const response = await fetch(`${API}/access`, { credentials: 'same-origin' });
      node.innerHTML = response.ok ? '<a href="#/product-ops">Product Ops</a>' : '';
    },
  },
  {
    id: 'productOps.main',
    pluginPoint: 'cockpit.route',
    priority: 5,
    properties: { path: '/product-ops' },
    render: (node) => renderMain(node),
  },
  {
    id: 'productOps.case',
    pluginPoint: 'cockpit.route',
    priority: 5,
    properties: { path: '/product-ops/case/:caseNumber' },
    render: (node) => renderTimeline(node, caseFromHash()),
  },
  {
    id: 'productOps.processInstanceTimeline',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 100, // the first tab, open by default: the case in business words before the engine's variables
    properties: { label: 'Case timeline' },
    render: async (node, { processInstanceId }) => {
      node.innerHTML = `${STYLE}<div class="pol case-tab muted">Loading…</div>`;
      const target = node.querySelector('.case-tab');
      try {
        await loadLabels();
        const timeline = await getJson(`/process-instances/${encodeURIComponent(processInstanceId)}/timeline`);
        target.innerHTML = `<p><a href="#/product-ops/case/${encodeURIComponent(timeline.summary.caseNumber)}">Open the full case timeline</a></p>`
          + timelineHtml(timeline);
        target.classList.remove('muted');
      } catch (error) {
        target.textContent = error.message;
      }
    },
  },
];
