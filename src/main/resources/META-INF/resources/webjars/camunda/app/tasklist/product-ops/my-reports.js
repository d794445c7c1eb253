// Product Ops plugin for Tasklist: "My reports" in the header, for everyone who may report. It opens the case page
// (/cases): each of their reports and the cases they follow, where each one is in plain words, and the whole story.
// The number of questions that wait for their answer shows next to it.

export default [
  {
    id: 'productOps.myReports',
    pluginPoint: 'tasklist.navbar.action',
    priority: 200,
    render: async (node) => {
      const me = await fetch('/api/me', { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : null));
      if (!me || !me.mayReport) {
        node.innerHTML = '';
        return;
      }
      const reports = await fetch('/api/my-reports', { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : []));
      const questions = reports.filter((r) => r.questionTaskId).length;
      node.innerHTML = `<a href="/cases" class="pol-my-reports" title="Your reports, where each one is, and what was said">My reports${
        questions ? ` <span class="badge" title="Questions waiting for your answer">${questions}</span>` : ''}</a>`;
    },
  },
];
