// Product Ops plugin for Cockpit: the leads' view of the loop, open and closed cases alike.
//   #/product-ops               scorecard + case search
//   #/product-ops/case/<number> the timeline of one case
//   a "Case timeline" tab on Cockpit's process instance page
// Data comes from the application's /api endpoints (leads and admins only); no external downloads.

const API = '/api';

const esc = (value) => String(value ?? '').replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const when = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').substring(0, 16) : '');

const hours = (value) => (value == null ? '–' : value < 48 ? `${value} h` : `${(value / 24).toFixed(1)} d`);

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
  .pol { padding: 20px 30px; font-size: 14px; }
  .pol h2 { margin: 0 0 12px; } .pol h3 { margin: 26px 0 8px; }
  .pol .tiles { display: flex; gap: 12px; flex-wrap: wrap; }
  .pol .tile { border: 1px solid #ddd; border-radius: 4px; padding: 10px 16px; min-width: 150px; background: #fff; }
  .pol .tile b { display: block; font-size: 24px; }
  .pol table { border-collapse: collapse; background: #fff; }
  .pol th, .pol td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
  .pol .overdue { color: #b5152b; font-weight: bold; }
  .pol form.search { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; }
  .pol form.search label { display: flex; flex-direction: column; font-size: 12px; }
  .pol .change { white-space: nowrap; } .pol .muted { color: #777; }
  .pol .charts { display: flex; gap: 30px; flex-wrap: wrap; }
</style>`;

function barChart(title, series, colors) {
  // series: { label: { key: value } }; one group of bars per key
  const keys = [...new Set(Object.values(series).flatMap((s) => Object.keys(s)))].sort();
  const names = Object.keys(series);
  const max = Math.max(1, ...names.flatMap((n) => Object.values(series[n])));
  const band = Math.max(26 * names.length + 14, 100);
  const width = Math.max(260, keys.length * band + 40);
  let bars = '';
  keys.forEach((key, i) => {
    names.forEach((name, j) => {
      const value = series[name][key] || 0;
      const h = Math.round((value / max) * 120);
      const x = 30 + i * band + (band - 26 * names.length) / 2 + j * 26;
      bars += `<rect x="${x}" y="${140 - h}" width="22" height="${h}" fill="${colors[j]}"><title>${esc(name)} ${esc(key)}: ${value}</title></rect>`
        + `<text x="${x + 11}" y="${136 - h}" font-size="11" text-anchor="middle">${value}</text>`;
    });
    bars += `<text x="${30 + i * band + band / 2}" y="156" font-size="11" text-anchor="middle">${esc(key)}</text>`;
  });
  const legend = names.map((n, j) => `<tspan fill="${colors[j]}">■</tspan> ${esc(n)} `).join(' ');
  return `<figure><figcaption><b>${esc(title)}</b></figcaption>
    <svg width="${width}" height="175" role="img" aria-label="${esc(title)}">${bars}
      <text x="30" y="172" font-size="11">${legend}</text></svg></figure>`;
}

function scorecardHtml(card) {
  const tile = (label, value) => `<div class="tile">${esc(label)}<b>${esc(value ?? '–')}</b></div>`;
  const stages = card.stages.map((s) => `<tr><td>${esc(s.stage)}</td><td>${s.completed}</td><td>${hours(s.medianHours)}</td>
      <td>${hours(s.p90Hours)}</td><td class="${s.slaBreaches ? 'overdue' : ''}">${s.slaBreaches}</td><td>${s.open}</td></tr>`).join('');
  const areas = card.topAreasByHoursLost.map((a) => `<tr><td>${esc(a.area)}</td><td>${a.openCases}</td><td>${a.hoursLostPerWeek}</td></tr>`).join('');
  // closed cases by outcome, and verifications that found a change not working (those cases were re-opened)
  const outcomes = { ...card.outcomes, 'NOT WORKING': card.verifications.notWorking };
  return `
    <div class="tiles">
      ${tile('Cases reported', card.casesReported)} ${tile('Open', card.casesOpen)} ${tile('Closed', card.casesClosed)}
      ${tile('Shipped changes verified working', card.verifiedWorkingPercent == null ? '–' : card.verifiedWorkingPercent + ' %')}
      ${tile('Re-open rate', card.reopenRatePercent == null ? '–' : card.reopenRatePercent + ' %')}
    </div>
    <div class="charts">
      ${barChart('Cases opened and closed per week', { opened: card.openedPerWeek, closed: card.closedPerWeek }, ['#1f77b4', '#2ca02c'])}
      ${barChart('Outcomes', { cases: outcomes }, ['#9467bd'])}
    </div>
    <h3>Time in each stage</h3>
    <table class="stages"><thead><tr><th>Stage</th><th>Completed</th><th>Median</th><th>90th percentile</th><th>SLA breaches</th><th>Open</th></tr></thead>
      <tbody>${stages}</tbody></table>
    <h3>Where it hurts: open cases by hours lost per week</h3>
    <table><thead><tr><th>Area</th><th>Open cases</th><th>Hours lost / week</th></tr></thead><tbody>${areas}</tbody></table>`;
}

async function renderMain(node) {
  const today = new Date();
  const to = new Date(today.getTime() + 86400000).toISOString().substring(0, 10);
  const from = new Date(today.getTime() - 84 * 86400000).toISOString().substring(0, 10);
  node.innerHTML = `${STYLE}<div class="pol">
    <h2>Product Ops scorecard</h2>
    <form class="period search"><label>From <input type="date" name="from" value="${from}"></label>
      <label>To (excl.) <input type="date" name="to" value="${to}"></label>
      <button class="btn btn-default" type="submit">Show</button> <a class="csv" href="#">Download CSV</a></form>
    <div class="scorecard muted">Loading…</div>
    <h3>Cases</h3>
    <form class="cases search">
      <label>Case <input name="caseNumber" size="14"></label><label>Title <input name="title"></label>
      <label>Area <select name="area"><option></option>${['SUPPLY', 'DEMAND', 'DISPATCH', 'PAYMENTS', 'SUPPORT', 'TRUST_SAFETY', 'OTHER'].map((a) => `<option>${a}</option>`).join('')}</select></label>
      <label>Reporter <input name="reporter" size="10"></label>
      <label>Outcome <select name="outcome"><option></option>${['WORKING', 'REJECTED', 'DUPLICATE', 'WONT_DO', 'NO_RESPONSE'].map((o) => `<option>${o}</option>`).join('')}</select></label>
      <label>State <select name="state"><option></option><option>open</option><option>closed</option></select></label>
      <label>Reported from <input type="date" name="from"></label><label>to <input type="date" name="to"></label>
      <button class="btn btn-default" type="submit">Search</button></form>
    <div class="results"></div></div>`;
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
      target.innerHTML = `<table class="case-list"><thead><tr><th>Case</th><th>Title</th><th>Area</th><th>Reporter</th><th>Priority</th>
        <th>State</th><th>Outcome / waiting at</th><th>Reported</th><th>Closed</th></tr></thead><tbody>${cases.map((c) => `<tr>
        <td><a href="#/product-ops/case/${encodeURIComponent(c.caseNumber)}">${esc(c.caseNumber)}</a></td><td>${esc(c.title)}</td>
        <td>${esc(c.area)}</td><td>${esc(c.reporter)}</td><td>${esc(c.priority)}</td><td>${esc(c.state)}</td>
        <td>${esc(c.outcome || c.waitingAt.join(', '))}</td><td>${when(c.reportedAt)}</td><td>${when(c.closedAt)}</td></tr>`).join('')}
        </tbody></table><p class="muted">${cases.length} case(s), newest first</p>`;
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
  return changes.map((c) => `<div class="change"><code>${esc(c.variable)}</code>: ${c.from == null ? '' : `<s>${esc(c.from)}</s> → `}${esc(c.to)}</div>`).join('');
}

function timelineHtml(timeline) {
  const s = timeline.summary;
  const rows = timeline.entries.map((e) => `<tr class="entry ${esc(e.kind.toLowerCase())}">
      <td>${when(e.at)}</td><td>${esc(e.kind)}</td><td>${esc(e.step)}</td><td>${esc(e.who || '')}</td>
      <td>${e.waitedHours == null ? '' : hours(e.waitedHours)}</td>
      <td class="${e.overdue ? 'overdue' : ''}">${e.due ? when(e.due) + (e.overdue ? ' (overdue)' : '') : ''}</td>
      <td>${changesHtml(e.changes)}</td></tr>`).join('');
  return `<h2>${esc(s.caseNumber)} · ${esc(s.title)}</h2>
    <p>${esc(s.area)} · ${esc(s.priority)} · reported by ${esc(s.reporter)} on ${when(s.reportedAt)} ·
      <b>${esc(s.state)}</b>${s.outcome ? ` – ${esc(s.outcome)}` : ''}${s.waitingAt.length ? ` – waiting at ${esc(s.waitingAt.join(', '))}` : ''}</p>
    <table class="timeline"><thead><tr><th>When</th><th>What</th><th>Step</th><th>Who</th><th>Waited</th><th>Due</th><th>Decision and changes</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
}

async function renderTimeline(node, caseNumber) {
  node.innerHTML = `${STYLE}<div class="pol"><p><a href="#/product-ops">← Product Ops</a></p><div class="case muted">Loading…</div></div>`;
  const target = node.querySelector('.case');
  try {
    target.innerHTML = timelineHtml(await getJson(`/cases/${encodeURIComponent(caseNumber)}/timeline`));
    target.classList.remove('muted');
  } catch (error) {
    target.textContent = error.message;
  }
}

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
    priority: 5,
    properties: { label: 'Case timeline' },
    render: async (node, { processInstanceId }) => {
      node.innerHTML = `${STYLE}<div class="pol case-tab muted">Loading…</div>`;
      const target = node.querySelector('.case-tab');
      try {
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
