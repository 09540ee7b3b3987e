/**
 * Ingest: one agents_kpi answer (3,000 agents × 20 days, the simulator's bytes) parsed, validated,
 * stored and turned into leaderboards and views by the shipped code, in a page of the extension's
 * origin (its IndexedDB is the worker's), against JSON.parse of the same text in the same page.
 */
import type { CDPSession, Page } from '@playwright/test';
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { addDays, agentsKpiPath, simRequest, type Simulator } from '../../scripts/simulator';
import type { IngestProfile, IngestTimes, PodioBench } from '../ingest/entry';
import { hotSpots, type CpuProfile, type HotSpot } from '../lib/cpu-profile';
import { patchSettings, sleep, TMP, TOKEN, type BenchBrowser } from '../lib/browser';
import { summarize, type Summary } from '../stats';

const ROOT = resolve(import.meta.dirname, '../..');
export const INGEST_DAYS = 20;
const BUNDLE_URL = 'podio-bench-ingest.js';

export interface IngestResult {
  bytes: number;
  rows: number;
  agents: number;
  window: { from: string; to: string };
  total: Summary;
  parse: Summary;
  store: Summary;
  baseline: Summary;
  ratio: number;
  profile: Record<keyof IngestProfile, Summary>;
  /** Self time per function over the profiled runs (one profile each, summed), hottest first. */
  hotSpots: HotSpot[][];
}

/** Bundle bench/ingest/entry.ts (and the utils it imports) into bench/tmp/ingest.js. */
async function bundle(): Promise<string> {
  const outfile = join(TMP, 'ingest.js');
  await build({
    entryPoints: [join(ROOT, 'bench/ingest/entry.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    // Syntax minified like the shipped bundles (Vite minifies with esbuild too); names and lines
    // are kept so the CPU profile can say where time goes.
    minifySyntax: true,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  // Named, so the CPU profile can place (and quote) the bundle's functions.
  return `${await readFile(outfile, 'utf8')}\n//# sourceURL=${BUNDLE_URL}\n`;
}

type Bench = { podioBench: PodioBench; answer: string; bytes: Uint8Array };

async function loadPage(b: BenchBrowser, source: string, text: string): Promise<Page> {
  const page = await b.extPage('icon/16.png');
  await page.evaluate(source);
  await page.evaluate((t) => {
    const g = globalThis as unknown as Bench;
    g.answer = t;
    // The bytes as the worker's fetch gets them; JSON.parse, the baseline, is given the text.
    g.bytes = new TextEncoder().encode(t);
  }, text);
  await page.evaluate(() => (globalThis as unknown as Bench).podioBench.freshDb());
  return page;
}

/** Run the measure; `agentId` is the agent whose views are built. */
export async function measureIngest(
  sim: Simulator,
  b: BenchBrowser,
  agentId: string,
  reps: number,
  profileReps: number,
): Promise<IngestResult> {
  const source = await bundle();
  const today = sim.operation.today();
  const window = { from: addDays(today, -(INGEST_DAYS - 1)), to: today };
  const path = agentsKpiPath(`${window.from}000000`, `${window.to}235959`);
  const answer = await simRequest(sim.port, { path, token: TOKEN });
  if (answer.status !== 200) throw new Error(`simulator answered ${answer.status}`);
  const control = await b.extPage('icon/16.png');
  await patchSettings(control, { agentId, privacy: 'full' });
  await sleep(1000); // the worker rebuilds its (empty) views on the agent change
  await control.close();

  const args = { window, today, now: Date.now(), me: agentId };
  const run = async <T>(fn: (page: Page, cdp: CDPSession) => Promise<T>): Promise<T> => {
    const page = await loadPage(b, source, answer.body);
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      return await fn(page, cdp);
    } finally {
      await cdp.detach();
      await page.close();
    }
  };

  const times: IngestTimes[] = [];
  const baselines: number[] = [];
  // One unmeasured run first: the first page pays for starting the origin's IndexedDB backend.
  for (let i = -1; i < reps; i++) {
    const out = await run(async (page, cdp) => {
      const gc = () => cdp.send('HeapProfiler.collectGarbage');
      const ingest = () =>
        page.evaluate(({ window, today, now }) => {
          const g = globalThis as unknown as Bench;
          return g.podioBench.ingest(g.bytes, window, today, now);
        }, args);
      const baseline = () =>
        page.evaluate(() => {
          const g = globalThis as unknown as Bench;
          return g.podioBench.baseline(g.answer);
        });
      // Alternate which goes first, so neither always inherits the other's garbage.
      if (i % 2 === 0) {
        const base = await baseline();
        await gc();
        return { base, times: await ingest() };
      }
      const t = await ingest();
      await gc();
      return { base: await baseline(), times: t };
    });
    if (i < 0) continue;
    times.push(out.times);
    baselines.push(out.base);
  }

  const profiles: IngestProfile[] = [];
  const spots: HotSpot[][] = [];
  for (let i = 0; i < profileReps; i++) {
    await run(async (page, cdp) => {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      profiles.push(
        await page.evaluate(({ window, today, now, me }) => {
          const g = globalThis as unknown as Bench;
          return g.podioBench.profile(g.bytes, window, today, now, me);
        }, args),
      );
      const { profile } = await cdp.send('Profiler.stop');
      spots.push(hotSpots(profile as CpuProfile, 12, { [BUNDLE_URL]: source }));
    });
  }

  const pick = (k: keyof IngestTimes) => summarize(times.map((t) => t[k]));
  const total = pick('totalMs');
  const baseline = summarize(baselines);
  const profile = Object.fromEntries(
    (Object.keys(profiles[0]!) as (keyof IngestProfile)[]).map((k) => [
      k,
      summarize(profiles.map((p) => p[k])),
    ]),
  ) as Record<keyof IngestProfile, Summary>;
  return {
    ...{ bytes: Buffer.byteLength(answer.body), rows: times[0]!.rows, agents: times[0]!.agents },
    ...{
      window,
      total,
      parse: pick('parseMs'),
      store: pick('storeMs'),
    },
    ...{ baseline, ratio: total.median / baseline.median, profile, hotSpots: spots },
  };
}
