// One logged-in browser session in Debian's chromium (never a downloaded browser), with a screenshot on failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function session({ base, shots, user, app = 'tasklist', viewport = { width: 1600, height: 1000 } }, work) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport,
    // no background traffic: this machine's network is closed
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  try {
    await page.goto(`${base}/camunda/app/${app}/default/`);
    await logIn(page, user);
    await work(page);
  } catch (failure) {
    await page.screenshot({ path: path.join(shots, `failed-${user}.png`), fullPage: true });
    throw failure;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// The login form focuses the user name field once the app has booted, which can come late on a busy machine and pull
// typing that was meant for the password into it: fill both until both hold what was typed.
async function logIn(page, user) {
  const username = page.getByPlaceholder('Username');
  const password = page.getByPlaceholder('Password');
  for (let attempt = 1; ; attempt++) {
    await username.fill(user);
    await password.fill('demo');
    if ((await username.inputValue()) === user && (await password.inputValue()) === 'demo') {
      break;
    }
    if (attempt === 5) {
      throw new Error(`the login form did not keep what was typed: "${await username.inputValue()}"`);
    }
  }
  await page.getByRole('button', { name: 'Log in' }).click();
}
