import { session, type, typeSlow, choose, shot, base } from './xh1-lib.mjs';
await session('olivia', async (page) => {
  await page.getByText('Waiting for me').first().waitFor();
  await page.getByText('Start process').click();
  await page.locator('.modal').getByText('Product Ops loop').click();
  await type(page, 'Title', 'Couriers cannot see the drop-off note');
  await choose(page, 'Area', 'Dispatch');
  await type(page, 'What happens today', 'The drop-off note from the customer is not shown in the courier app');
  await choose(page, 'How often does it happen?', 'Daily');
  await type(page, 'People affected per week', '80');
  await type(page, 'Hours lost per week', '6');
  await page.getByLabel('High', { exact: true }).check();
  await shot(page, '01-olivia-form');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.locator('.modal-dialog').waitFor({ state: 'detached' });
  await page.waitForTimeout(1000);
  await shot(page, '02-olivia-filed', false);
  console.log(await page.locator('.pol-filed').innerText());
});
