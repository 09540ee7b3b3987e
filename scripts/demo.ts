/**
 * `npm start`: build Podio, start the wolkvox simulator (about 60 agents), and open Chromium with
 * the extension set up against it and the AgentBox stand-in open. Without a display it runs
 * headless, saves screenshots to demo-output/, prints their paths and exits.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { launchBrowser, serviceWorker, settleInstall } from './chromium';
import { startSimulator } from './simulator/server';

const OUT = resolve(import.meta.dirname, '../demo-output');
const headless = !process.env.DISPLAY || process.argv.includes('--headless');
const lang = process.env.PODIO_LANG ?? 'es';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
  };
};

async function main(): Promise<void> {
  console.log('Building the extension…');
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });

  const sim = await startSimulator({ agents: 60, seed: 7 });
  sim.advance();
  console.log(`wolkvox simulator on port ${sim.port} (server code 0032, token "demo-token")`);

  const profile = await mkdtemp(join(tmpdir(), 'podio-demo-'));
  const context = await launchBrowser(profile, { port: sim.port, lang, headless });
  const worker = await serviceWorker(context);
  const id = new URL(worker.url()).host;
  await settleInstall(context);

  // Set up as an agent would on the options page: server, token, then "who are you".
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  const reply = await options.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'saveConnection', server: '0032', token: 'demo-token' }),
  );
  console.log('Save and test:', JSON.stringify(reply));
  const today = sim.operation.today();
  const ranked = sim.operation.dayStats(today).sort((a, b) => b.stats.points - a.stats.points);
  const me = (ranked[4] ?? ranked[0])!.agent;
  await options.evaluate(async (agentId) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), agentId } });
  }, me.id);
  console.log(`You are ${me.name} (extension ${me.id}).`);
  await options.reload();

  const console_ = await context.newPage();
  await console_.goto('https://agentbox.wolkvox.com/');
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.goto(`chrome-extension://${id}/popup.html`);

  if (!headless) {
    console.log('Chromium is open. Press Ctrl-C to stop.');
    const live = setInterval(() => sim.advance(), 60_000);
    process.on('SIGINT', () => {
      clearInterval(live);
      void context
        .close()
        .then(() => sim.close())
        .then(() => process.exit(0));
    });
    return;
  }

  await mkdir(OUT, { recursive: true });
  await settle(popup, options, console_);
  const shots = {
    popup: join(OUT, 'popup.png'),
    options: join(OUT, 'options.png'),
    console: join(OUT, 'agentbox.png'),
  };
  await popup.screenshot({ path: shots.popup, fullPage: true });
  await options.screenshot({ path: shots.options, fullPage: true });
  await console_.screenshot({ path: shots.console });
  for (const [name, path] of Object.entries(shots)) console.log(`${name}: ${path}`);
  await context.close();
  await sim.close();
}

/** Wait until each page shows figures (or give up after a while: the screenshot shows why). */
async function settle(popup: Page, options: Page, console_: Page): Promise<void> {
  await Promise.allSettled([
    popup.getByTestId('rank').waitFor({ timeout: 15_000 }),
    options.getByTestId('server-input').waitFor({ timeout: 15_000 }),
    console_.locator('podio-badge').waitFor({ state: 'attached', timeout: 15_000 }),
  ]);
  await popup.waitForTimeout(500);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
