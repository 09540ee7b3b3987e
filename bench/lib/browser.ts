/**
 * The bench's Chromium: the built extension (a snapshot copied to bench/tmp, so a rebuild by someone
 * else mid-run cannot change it underneath), a fresh profile, and the wolkvox hosts mapped to the
 * simulator, exactly as the end-to-end tests run it.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR, launchBrowser, serviceWorker, settleInstall } from '../../scripts/chromium';
import type { Simulator } from '../../scripts/simulator/server';
import { DEFAULT_SETTINGS } from '../../utils/settings-model';

export const TMP = resolve(import.meta.dirname, '../tmp');
export const SNAPSHOT = join(TMP, 'chrome-mv3');
export const TOKEN = 'demo-token';
export const SERVER = '0032';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
  };
};

/** Copy the built extension aside; throws with a hint when there is no build. */
export async function snapshotExtension(): Promise<{ builtAt: string }> {
  const built = await stat(join(EXTENSION_DIR, 'manifest.json')).catch(() => null);
  if (!built) throw new Error(`no build in ${EXTENSION_DIR}: run \`npm run build\` first`);
  await rm(SNAPSHOT, { recursive: true, force: true });
  await cp(EXTENSION_DIR, SNAPSHOT, { recursive: true });
  return { builtAt: built.mtime.toISOString() };
}

export interface BenchBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** A fresh page at `chrome-extension://<id>/<path>`. */
  extPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Launch Chromium with the snapshot on a fresh profile, past the install's options tab. */
export async function openBrowser(sim: Simulator): Promise<BenchBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'podio-bench-'));
  const context = await launchBrowser(profile, { port: sim.port, extensionDir: SNAPSHOT });
  await context.addInitScript({ content: NAME_SHIM });
  const worker = await serviceWorker(context);
  await settleInstall(context);
  // The options tab Podio opens on install would read the database during measurements.
  for (const page of context.pages())
    if (page.url().startsWith('chrome-extension://')) await page.close();
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async extPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Send a request to the background from an extension page, as the popup or options would. */
export function send<T = unknown>(page: Page, message: object): Promise<T> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

/**
 * Merge `patch` into the stored settings (storage.local `settings`, as utils/settings.ts keeps
 * them). A stored object must be whole: the item's fallback is not merged into it.
 */
export async function patchSettings(page: Page, patch: object): Promise<void> {
  await page.evaluate(
    async ({ defaults, p }) => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...defaults, ...(settings as object), ...p } });
    },
    { defaults: DEFAULT_SETTINGS, p: patch },
  );
}

/** Set raw storage.local keys. */
export function setLocal(page: Page, values: object): Promise<void> {
  return page.evaluate((v) => chrome.storage.local.set(v), values);
}

/** No alarm may start a sync in the middle of a timing: clear the worker's alarms. */
export async function clearAlarms(worker: Worker): Promise<void> {
  await worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { alarms: { clearAll(): Promise<boolean> } } }
    ).chrome.alarms.clearAll(),
  );
}

/**
 * tsx compiles the bench with esbuild's keepNames, so a function handed to page.evaluate or
 * addInitScript may call `__name`; pages get a no-op one before anything else runs.
 */
export const NAME_SHIM = 'globalThis.__name ??= (f) => f;';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
