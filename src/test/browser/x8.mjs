import { session } from '/work/main/src/test/browser/session.mjs';
const base = 'http://localhost:18555';
const r = await (await fetch(base + '/engine-rest/process-instance?processDefinitionKey=productOpsLoop', { headers: { Authorization: 'Basic ' + Buffer.from('admin:demo').toString('base64') } })).json();
const id = r[0].id;
await session({ base, shots: '/tmp/explore', user: 'lee', app: 'cockpit', viewport: { width: 1440, height: 900 } }, async (page) => {
  await page.waitForTimeout(2500);
  await page.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${id}/runtime`);
  await page.waitForTimeout(4000);
  await page.screenshot({ path: '/tmp/explore/x8.png' });
  console.log(await page.evaluate(() => [...document.querySelectorAll('.ctn-toolbar, [class*=toolbar]')].map(e => e.className + ' :: ' + e.outerHTML.replace(/<!--.*?-->/g,'').replace(/\s+/g,' ').slice(0, 1500)).join('\n\n')));
  console.log(await page.evaluate(() => [...document.querySelectorAll('button, a')].filter(b => /Add variable|add-variable/i.test(b.outerHTML)).map(b => b.outerHTML.slice(0, 300)).join('\n')));
});
