import { session } from './session.mjs';
await session({ base: 'http://localhost:8193', shots: '/tmp/shots', user: 'olivia', viewport: { width: 1440, height: 900 } }, async (page) => {
  await page.waitForSelector('.tasks-list li.task .pol-card-head');
  console.log(await page.evaluate(() => {
    const s = document.querySelector('.tasks-list li.task .shutter');
    const cs = getComputedStyle(s);
    return `shutter pos=${cs.position} bg=${cs.backgroundImage} ${cs.backgroundColor} h=${cs.height} top=${cs.top} bottom=${cs.bottom} parent=${s.parentElement.className}`;
  }));
});
