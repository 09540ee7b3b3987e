/**
 * The console badge: its bytes (gzip -9) against Preact's own; the time from the content script's
 * start to `badge-rank` painted in its open shadow root; and the layout shift it causes on AgentBox,
 * against the same page in the same Chromium without the extension.
 *
 * The content script's start is its EvaluateScript event in a Chromium trace of the page (a content
 * script is not in the page's resource timing, and its fetches are not either); the badge's arrival
 * is a `performance.mark` the page's probe sets, on the same trace clock. The window's load event,
 * which document_idle follows, is reported beside it.
 */
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, chromiumArgs } from '../../scripts/chromium';
import type { Simulator } from '../../scripts/simulator';
import { NAME_SHIM, SNAPSHOT, sleep, type BenchBrowser } from '../lib/browser';
import type { HotSpot } from '../lib/cpu-profile';
import { hotSpotsBetween } from '../lib/trace';
import { measureFloor } from './badge-floor';
import {
  installBadgeProbe,
  phases,
  SCRIPT,
  span,
  summarizePhases,
  visit,
  type BadgePhases,
  type Marks,
} from './badge-probe';
import { summarize, type Summary } from '../stats';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

export interface BadgeResult {
  jsGzBytes: number;
  cssGzBytes: number;
  preactGzBytes: number;
  /** Content script's first request → badge painted. */
  toBadge: Summary;
  phases: Record<keyof BadgePhases, Summary>;
  /** Self time on the page's main thread from the script's start to the badge, one extra visit. */
  hotSpots: HotSpot[];
  /** getBadge asked from an extension page: what the badge's wait was when it messaged the worker. */
  getBadgeRoundTrip: Summary;
  /** Script start → painted with the service worker stopped before each visit (as after idle). */
  toBadgeWorkerStopped: Summary;
  /** Of those visits, how many found the worker running again afterwards (woken by something). */
  workerWoken: number;
  /** Window load → badge painted. */
  loadToBadge: Summary;
  /** The floor: a content script that reads one key and draws one element, same page and probe. */
  floor: Summary;
  floorPhases: Record<keyof BadgePhases, Summary>;
  cls: Summary;
  clsWithout: Summary;
}

const gz = async (path: string) => gzipSync(await readFile(path), { level: 9 }).length;

/** Needs a configured, synced extension with the badge enabled. */
export async function measureBadge(
  sim: Simulator,
  b: BenchBrowser,
  reps: number,
): Promise<BadgeResult> {
  const root = resolve(import.meta.dirname, '../..');
  await installBadgeProbe(b.context);
  const withExt: BadgePhases[] = [];
  const loadToBadge: number[] = [];
  const cls: number[] = [];
  // One unmeasured visit first: the first page of a site pays for its renderer process.
  for (let i = -1; i < reps; i++) {
    const { events, ...marks } = await visit(b.context, true);
    if (i < 0) continue;
    withExt.push(phases(events!, marks));
    loadToBadge.push(marks.rankFrame! - marks.load!);
    cls.push(marks.cls);
  }
  const profiled = await visit(b.context, true, true);
  const { start, painted } = span(profiled.events!);
  const script = await readFile(join(SNAPSHOT, SCRIPT), 'utf8');
  const sources = { [start.args!.data!.url!]: script };
  const control = await b.extPage('icon/16.png');
  const roundTrips: number[] = [];
  for (let i = 0; i < reps; i++) {
    roundTrips.push(
      await control.evaluate(async () => {
        const t0 = performance.now();
        await chrome.runtime.sendMessage({ type: 'getBadge' });
        return performance.now() - t0;
      }),
    );
  }
  // The worker stops after 30 s idle: the badge must not wait for it to start again.
  const stoppedWorker: number[] = [];
  let workerWoken = 0;
  const cdp = await b.context.newCDPSession(control);
  let status = '';
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    status = (versions as { runningStatus: string }[])[0]?.runningStatus ?? status;
  });
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < reps; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    for (let t = 0; status !== 'stopped' && t < 100; t++) await sleep(20);
    // As after an idle stop: its teardown over before the console opens.
    await sleep(500);
    const { events, ...marks } = await visit(b.context, true);
    stoppedWorker.push(phases(events!, marks).paintedMs);
    if (status !== 'stopped') workerWoken++;
  }
  await cdp.detach();
  await control.close();
  // The same Chromium and flags, no extension.
  const args = chromiumArgs(SNAPSHOT, sim.port, 'es').filter((a) => !a.includes('extension'));
  const plain = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  const context = await plain.newContext({ ignoreHTTPSErrors: true });
  await context.addInitScript({ content: NAME_SHIM });
  await installBadgeProbe(context);
  const without: Marks[] = [];
  for (let i = 0; i < reps; i++) without.push(await visit(context, false));
  await plain.close();
  const floor = await measureFloor(sim, reps);

  return {
    jsGzBytes: await gz(join(SNAPSHOT, 'content-scripts/agentbox.js')),
    // The badge's CSS is inlined into its script; a separate file would only be counted if present.
    cssGzBytes: await gz(join(SNAPSHOT, 'content-scripts/agentbox.css')).catch(() => 0),
    preactGzBytes: await gz(join(root, 'node_modules/preact/dist/preact.module.js')),
    toBadge: summarize(withExt.map((p) => p.paintedMs)),
    phases: summarizePhases(withExt),
    hotSpots: hotSpotsBetween(profiled.events!, start, start.ts, painted.ts, sources),
    getBadgeRoundTrip: summarize(roundTrips),
    toBadgeWorkerStopped: summarize(stoppedWorker),
    workerWoken,
    loadToBadge: summarize(loadToBadge),
    floor: summarize(floor.map((p) => p.paintedMs)),
    floorPhases: summarizePhases(floor),
    cls: summarize(cls),
    clsWithout: summarize(without.map((m) => m.cls)),
  };
}
