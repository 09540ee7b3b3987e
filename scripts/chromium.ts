/** Launching Chromium with the built extension against the simulator: shared by demo, tests, bench. */
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { resolve } from 'node:path';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The operation's zone for demo, tests and bench: the browser and the simulator agree on "today".
 * Bogotá, unless its clock is near midnight there: a run from 21:00 to 03:00 would meet the day's
 * first hour (yesterday not final yet, so each sync asks for it again) and agents who have not
 * started, which the tests of an ordinary working day do not expect. Then a whole-hour zone
 * without DST where it is midday. (Etc/GMT-7 is UTC+7: POSIX signs.)
 */
export const TIME_ZONE = workingZone(Date.now());

function workingZone(now: number): string {
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hour: 'numeric',
        hourCycle: 'h23',
      }).format(now),
    );
  const bogota = hour('America/Bogota');
  if (bogota >= 3 && bogota < 21) return 'America/Bogota';
  const offset = ((12 - new Date(now).getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** Chromium flags for a loaded, offline-quiet extension whose wolkvox calls reach the simulator. */
export function chromiumArgs(extensionDir: string, port: number, lang: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--host-resolver-rules=MAP *.wolkvox.com 127.0.0.1:${port}`,
    '--ignore-certificate-errors',
    `--lang=${lang}`,
  ];
}

export interface LaunchOptions {
  port: number;
  lang?: string;
  headless?: boolean;
  extensionDir?: string;
  /** Extra environment for the browser's processes (e.g. a faked clock). */
  env?: Record<string, string>;
  /** Another Chromium binary (the real one behind Debian's launcher script, for LD_PRELOAD). */
  executablePath?: string;
}

/** Launch Chromium with the extension on a profile directory (reusable across restarts). */
export function launchBrowser(profile: string, options: LaunchOptions): Promise<BrowserContext> {
  const lang = options.lang ?? 'es';
  return chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? CHROMIUM,
    headless: options.headless ?? true,
    args: chromiumArgs(options.extensionDir ?? EXTENSION_DIR, options.port, lang),
    ignoreDefaultArgs: ['--disable-extensions'],
    env: { ...process.env, TZ: TIME_ZONE, LANGUAGE: lang, ...options.env },
    locale: lang,
    timezoneId: TIME_ZONE,
    viewport: { width: 1280, height: 800 },
  });
}

/** The extension's service worker, waiting for it to start if needed. */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/**
 * On a fresh profile Podio opens its options page on install. Wait for that tab, so a test or the
 * demo opening options.html itself is not interrupted by it (Chromium reuses the options tab).
 */
export async function settleInstall(context: BrowserContext, timeoutMs = 5_000): Promise<void> {
  const isOptions = (url: string) =>
    url.startsWith('chrome-extension://') && url.includes('/options.html');
  if (context.pages().some((p) => isOptions(p.url()))) return;
  await context
    .waitForEvent('page', { predicate: (p) => isOptions(p.url()), timeout: timeoutMs })
    .catch(() => undefined);
}
