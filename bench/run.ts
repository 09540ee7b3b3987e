/**
 * `npm run bench`: Podio's performance in real headless Chromium against the wolkvox simulator
 * (3,000 agents). Each measure is repeated, reported as median (min–max), and compared with a
 * baseline measured in the same run. Prints a markdown table, writes bench/results.json, exits 0:
 * goals are reported PASS/MISS here, never asserted by `npm test`.
 */
import { rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startSimulator, type Simulator } from '../scripts/simulator';
import { TIME_ZONE } from '../scripts/chromium';
import { clearAlarms, openBrowser, snapshotExtension, TMP, type BenchBrowser } from './lib/browser';
import { freshness, machine } from './lib/machine';
import { measureBadge } from './measures/badge';
import { measureEconomy } from './measures/economy';
import { measureFirstSync } from './measures/first-sync';
import { measureIngest } from './measures/ingest';
import { storedSize, workerHeap } from './measures/memory';
import { installPopupProbe, measurePopup } from './measures/popup';
import { rows, type Results } from './report';
import { table } from './stats';

const AGENTS = 3000;
/** Repetitions of the heavy measures (ingest, first sync) and of the light ones (page opens). */
const REPS = Number(process.env.BENCH_REPS ?? 5);
const LIGHT_REPS = Math.max(REPS, Number(process.env.BENCH_LIGHT_REPS ?? 9));
const started = Date.now();
const log = (what: string) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${what}`);

const errors: Record<string, string> = {};
/** BENCH_ONLY=ingest,badge runs just those measures (the others are reported as not run). */
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (name: string) => !ONLY || ONLY.includes(name);

/** Run one measure; a failure is recorded and reported, and the other measures still run. */
async function attempt<T>(
  name: string,
  fn: () => Promise<T>,
  needed = wanted(name),
): Promise<T | undefined> {
  if (!needed) return undefined;
  log(name);
  try {
    return await fn();
  } catch (err) {
    errors[name] = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`${name} failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return undefined;
  }
}

async function inBrowser(b: BenchBrowser, sim: Simulator): Promise<Partial<Results>> {
  const today = sim.operation.today();
  // The agent whose views are built: one with points today, so every period ranks them.
  const me = sim.operation.agents.find(
    (a) => (sim.operation.statsFor(a.id, today)?.points ?? 0) > 0,
  )!;
  const heapAtRest = await workerHeap(b);
  const ingest = await attempt('ingest', () => measureIngest(sim, b, me.id, REPS, 2));
  // The measures after it need the extension configured and synced by it.
  const needed = ['firstSync', 'memory', 'popup', 'badge'].some(wanted);
  const firstSync = await attempt(
    'firstSync',
    () => measureFirstSync(sim, b, me.id, wanted('firstSync') ? REPS : 1),
    needed,
  );
  // The rest needs a configured, synced extension, and no alarm syncing mid-measure.
  if (!firstSync) return { ingest };
  await clearAlarms(b.worker);
  const control = await b.extPage('icon/16.png');
  const memory = await attempt('memory', async () => ({
    heapAtRest,
    heapAfterSync: await workerHeap(b),
    peakDuringSyncBytes: firstSync.profiled.peakHeapBytes,
    stored: await storedSize(control),
  }));
  await installPopupProbe(b.context);
  const popup = await attempt('popup', () => measurePopup(b, control, LIGHT_REPS));
  const badge = await attempt('badge', () => measureBadge(sim, b, LIGHT_REPS));
  await control.close();
  return { ingest, firstSync, memory, popup, badge };
}

/** Everything in Chromium, then the virtual-time economy in Node. */
async function measureAll(): Promise<{ results: Partial<Results>; chromium: string }> {
  const sim = await startSimulator({ agents: AGENTS, seed: 7, timeZone: TIME_ZONE });
  const b = await openBrowser(sim);
  const chromium = b.context.browser()?.version() ?? 'unknown';
  const inChromium = await inBrowser(b, sim).finally(async () => {
    await b.close();
    await sim.close();
  });
  const economy = await attempt('economy', () => measureEconomy(AGENTS));
  return { results: { ...inChromium, economy }, chromium };
}

async function main() {
  const info = await machine();
  const build = { ...(await snapshotExtension()), ...(await freshness()) };
  if (build.stale) log(`warning: sources changed after the build (${build.newestSource})`);
  // bench/tmp holds the extension snapshot and the ingest bundle: scratch, removed afterwards so
  // nothing there is linted (BENCH_KEEP_TMP=1 keeps it, e.g. to read the profile's line numbers).
  const { results, chromium } = await measureAll().finally(() =>
    process.env.BENCH_KEEP_TMP ? undefined : rm(TMP, { recursive: true, force: true }),
  );

  const lines = rows(results, wanted);
  console.log(table(lines));
  // A partial run must not replace the full table the README quotes.
  const out = resolve(import.meta.dirname, ONLY ? 'results.partial.json' : 'results.json');
  const report = {
    timestamp: new Date(started).toISOString(),
    durationSec: Math.round((Date.now() - started) / 1000),
    machine: { ...info, chromium, loadavgAtEnd: (await machine()).loadavg },
    build,
    config: { agents: AGENTS, reps: REPS, lightReps: LIGHT_REPS, timeZone: TIME_ZONE },
    table: lines,
    errors,
    results,
  };
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${out}`);
}

await main();
