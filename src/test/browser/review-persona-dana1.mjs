import { session } from './session.mjs';
const base='http://localhost:8191', shots='/tmp/review/persona';
const [T1,T2]=['1ee1a634-ef76-11f1-9f39-02fc00000001','270cb73f-ef76-11f1-9f39-02fc00000001'];
for (const w of [1440,400]) {
  await session({ base, shots, user:'dana', app:'tasklist', viewport:{width:w,height:900} }, async (page) => {
    await page.waitForTimeout(3000);
    for (const [n,t] of [['reopened',T1],['backlog',T2]]) {
      await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${t}`);
      await page.waitForSelector('.fjs-form', {timeout:20000}).catch(()=>{});
      await page.waitForTimeout(3000);
      await page.setViewportSize({width:w, height: w===400?4000:2600});
      await page.waitForTimeout(1000);
      await page.screenshot({ path: `${shots}/dana-${n}-${w}-tall.png`, fullPage: true });
      await page.setViewportSize({width:w, height:900});
      // values of fields
      const vals = await page.$$eval('.fjs-form input, .fjs-form textarea, .fjs-form select', els=>els.map(e=>`${e.name||e.id} type=${e.type} val=${JSON.stringify(e.value)} checked=${e.checked}`));
      console.log(n,w,vals.join('\n'));
    }
  });
}
