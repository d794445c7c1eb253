// Product Ops plugin for Tasklist: "My reports" in the header. A reporter sees each of their reports with its case
// number, where it is now and how it ended, and the answer they got (triage note or the PM's rationale).
// Data: GET /api/my-reports (only the logged-in user's own reports). No external downloads.

const esc = (value) => String(value ?? '').replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const day = (iso) => (iso ? new Date(iso).toISOString().substring(0, 10) : '');

const STYLE = `
<style>
  .pol-reports { position: fixed; top: 60px; right: 20px; z-index: 2000; width: min(900px, 95vw); max-height: 80vh;
    overflow: auto; background: #fff; border: 1px solid #bbb; border-radius: 4px; padding: 14px 18px;
    box-shadow: 0 6px 24px rgba(0,0,0,.25); font-size: 14px; color: #333; text-align: left; }
  .pol-reports h3 { margin: 0 0 10px; font-size: 18px; }
  .pol-reports table { border-collapse: collapse; width: 100%; }
  .pol-reports th, .pol-reports td { border-bottom: 1px solid #e4e4e4; padding: 5px 8px; vertical-align: top; }
  .pol-reports .muted { color: #777; } .pol-reports .close-reports { float: right; }
</style>`;

function status(report) {
  if (report.state === 'closed') {
    return `Closed: ${esc(report.outcomeLabel)}`;
  }
  return report.waitingAt.length ? esc(report.waitingAt.join(', ')) : 'In progress';
}

async function show(node) {
  const panel = document.createElement('div');
  panel.className = 'pol-reports';
  panel.innerHTML = '<p class="muted">Loading…</p>';
  node.appendChild(panel);
  const response = await fetch('/api/my-reports', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const reports = response.ok ? await response.json() : [];
  const rows = reports.map((r) => `<tr class="report">
      <td><b class="case-number">${esc(r.caseNumber)}</b></td><td>${esc(r.title)}</td><td>${status(r)}</td>
      <td>${esc(r.answer || '')}</td><td class="muted">${day(r.reportedAt)}</td></tr>`).join('');
  panel.innerHTML = `<button type="button" class="btn btn-default btn-xs close-reports">Close</button>
    <h3>My reports</h3>
    ${reports.length ? `<table><tr><th>Case</th><th>Title</th><th>Where it is</th><th>Answer</th><th>Reported</th></tr>${rows}</table>`
      : '<p class="muted">You have not reported anything yet. Use <i>Start process → Product Ops loop</i>.</p>'}`;
  panel.querySelector('.close-reports').addEventListener('click', () => panel.remove());
}

export default [
  {
    id: 'productOps.myReports',
    pluginPoint: 'tasklist.navbar.action',
    priority: 200,
    render: (node) => {
      node.innerHTML = '<a href="" class="pol-my-reports" title="Your reports and where they are">My reports</a>' + STYLE;
      node.querySelector('.pol-my-reports').addEventListener('click', (event) => {
        event.preventDefault();
        const open = node.querySelector('.pol-reports');
        if (open) {
          open.remove();
        } else {
          show(node);
        }
      });
    },
  },
];
