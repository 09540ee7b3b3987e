/**
 * First sync: from "Save and test" (the `saveConnection` request the options page's save button
 * sends) to figures stored (`viewsStamp` set, which rebuildViews does after saving the views), on an
 * emptied extension ("Forget everything" before each run), 3,000 agents, every window the engine
 * plans (today, then the month/week/sparkline range split by the 60,000-record limit). Baseline: the
 * simulator's own serving time for those requests (sum of `durationMs` in its log).
 */
import type { Page } from '@playwright/test';
import type { Simulator } from '../../scripts/simulator';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  patchSettings,
  send,
  sleep,
  SERVER,
  SNAPSHOT,
  TOKEN,
  type BenchBrowser,
} from '../lib/browser';
import { hotSpots, type CpuProfile, type HotSpot } from '../lib/cpu-profile';
import { attachWorker } from '../lib/worker-cdp';
import { summarize, type Summary } from '../stats';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    onChanged: { addListener(fn: (changes: Record<string, unknown>, area: string) => void): void };
  };
};

export interface FirstSyncRun {
  viewsMs: number;
  replyMs: number;
  requests: number;
  serveMs: number;
  bytes: number;
  records: number;
  windows: string[];
}

export interface FirstSyncResult {
  runs: FirstSyncRun[];
  /** One more, unmeasured run: the worker's peak JS heap and CPU profile during it. */
  profiled: { peakHeapBytes: number; heapSamples: number; hotSpots: HotSpot[] };
  views: Summary;
  reply: Summary;
  serve: Summary;
  ratio: number;
}

async function once(sim: Simulator, page: Page, agentId: string): Promise<FirstSyncRun> {
  await send(page, { type: 'forgetEverything' });
  await patchSettings(page, { agentId });
  await sleep(500); // the worker rebuilds its (empty) views on the agent change
  const before = sim.log.length;
  const out = await page.evaluate(
    ({ server, token }) =>
      new Promise<{ viewsMs: number; replyMs: number; reply: unknown }>((resolve) => {
        let viewsMs = NaN;
        chrome.storage.onChanged.addListener((changes, area) => {
          if (area === 'local' && 'viewsStamp' in changes && Number.isNaN(viewsMs)) {
            viewsMs = performance.now() - t0;
          }
        });
        const t0 = performance.now();
        void chrome.runtime
          .sendMessage({ type: 'saveConnection', server, token })
          .then((reply) => resolve({ viewsMs, replyMs: performance.now() - t0, reply }));
      }),
    { server: SERVER, token: TOKEN },
  );
  const reply = out.reply as { ok: boolean; agentCount?: number };
  if (!reply.ok || Number.isNaN(out.viewsMs)) {
    throw new Error(`first sync failed: ${JSON.stringify(reply)}`);
  }
  const entries = sim.log.slice(before);
  return {
    viewsMs: out.viewsMs,
    replyMs: out.replyMs,
    requests: entries.length,
    serveMs: entries.reduce((n, e) => n + e.durationMs, 0),
    bytes: entries.reduce((n, e) => n + e.bytes, 0),
    records: entries.reduce((n, e) => n + e.records, 0),
    windows: entries.map(
      (e) => `${e.query.date_ini?.slice(0, 8)}–${e.query.date_end?.slice(0, 8)}`,
    ),
  };
}

/** A first sync with the worker sampled: heap every few ms, and its CPU profile. */
async function profiledRun(sim: Simulator, b: BenchBrowser, page: Page, agentId: string) {
  const session = await attachWorker(b.context, b.extensionId);
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 500 });
    await session.send('Profiler.start');
    let done = false;
    const run = once(sim, page, agentId).finally(() => (done = true));
    let peak = 0;
    let samples = 0;
    while (!done) {
      const { usedSize } = await session.send<{ usedSize: number }>('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      samples++;
      await sleep(20);
    }
    await run;
    const { profile } = await session.send<{ profile: CpuProfile }>('Profiler.stop');
    const url = `chrome-extension://${b.extensionId}/background.js`;
    const sources = { [url]: await readFile(join(SNAPSHOT, 'background.js'), 'utf8') };
    return { peakHeapBytes: peak, heapSamples: samples, hotSpots: hotSpots(profile, 15, sources) };
  } finally {
    await session.detach();
  }
}

/** Leaves the extension configured and synced for `agentId`. */
export async function measureFirstSync(
  sim: Simulator,
  b: BenchBrowser,
  agentId: string,
  reps: number,
): Promise<FirstSyncResult> {
  const page = await b.extPage('icon/16.png');
  const runs: FirstSyncRun[] = [];
  for (let i = 0; i < reps; i++) runs.push(await once(sim, page, agentId));
  const profiled = await profiledRun(sim, b, page, agentId);
  await page.close();
  const views = summarize(runs.map((r) => r.viewsMs));
  const serve = summarize(runs.map((r) => r.serveMs));
  return {
    runs,
    profiled,
    views,
    reply: summarize(runs.map((r) => r.replyMs)),
    serve,
    ratio: views.median / serve.median,
  };
}
