/** From measurements to the table's rows: value, baseline, ratio, goal and verdict for each. */
import type { BadgeResult } from './measures/badge';
import type { EconomyResult } from './measures/economy';
import type { FirstSyncResult } from './measures/first-sync';
import type { IngestResult } from './measures/ingest';
import type { Heap, Stored } from './measures/memory';
import type { PopupResult } from './measures/popup';
import { fmtBytes, fmtMs, fmtRatio, verdict, type Row } from './stats';

export interface Results {
  ingest: IngestResult;
  firstSync: FirstSyncResult;
  memory: { heapAtRest: Heap; heapAfterSync: Heap; peakDuringSyncBytes: number; stored: Stored };
  popup: PopupResult;
  badge: BadgeResult;
  economy: EconomyResult;
}

const KIB = 1024;
/** Layout-shift scores are fractions of the viewport; below this nothing moved visibly. */
const NO_SHIFT = 0.001;

const mb = (n: number) => fmtBytes(n);

type Builders = { [K in keyof Results]: (r: Results[K]) => Row[] };

/**
 * The rows of each measure; a measure that failed gets one ERROR row (details in results.json), one
 * left out by BENCH_ONLY a "not run" row.
 */
export function rows(r: Partial<Results>, ran: (key: string) => boolean = () => true): Row[] {
  return (Object.keys(BUILDERS) as (keyof Results)[]).flatMap((key) => {
    const value = r[key];
    if (value === undefined) {
      const na = '—';
      const what = ran(key) ? 'ERROR' : 'not run';
      return [{ measure: key, value: what, baseline: na, ratio: na, goal: na, verdict: na }];
    }
    return (BUILDERS[key] as (v: typeof value) => Row[])(value);
  });
}

const BUILDERS: Builders = {
  ingest: (ingest) => [
    {
      measure: `ingest (${ingest.agents} agents × ${ingest.rows} rows, ${mb(ingest.bytes)})`,
      value: `${fmtMs(ingest.total, 0)}: parse ${ingest.parse.median.toFixed(0)}, store and rank ${ingest.store.median.toFixed(0)}`,
      baseline: `JSON.parse ${fmtMs(ingest.baseline, 0)}`,
      ratio: fmtRatio(ingest.ratio),
      goal: '≤ 3×',
      verdict: verdict(ingest.ratio <= 3),
    },
  ],
  popup: (popup) => [
    {
      measure: 'popup open to rank (3,000 agents, month)',
      value: fmtMs(popup.rank),
      baseline: `not-configured popup ${fmtMs(popup.baseline)}`,
      ratio: fmtRatio(popup.ratio),
      goal: '≤ 1.3×',
      verdict: verdict(popup.ratio <= 1.3),
    },
  ],
  badge: (badge) => badgeRows(badge),
  economy: (economy) => [
    {
      measure: `API economy (1 browser, 8-h shift, 5 min, ${economy.day})`,
      value: `${economy.steady.requests} req, ${mb(economy.steady.bytes)} (install day ${economy.install.requests} req, ${mb(economy.install.bytes)})`,
      baseline: `naive month-to-date ${economy.naive.requests} req, ${mb(economy.naive.bytes)}`,
      ratio: `${fmtRatio(economy.ratio, 1)} fewer bytes (bound for 5-min freshness ${fmtRatio(economy.bound, 1)})`,
      goal: '≥ 20× fewer bytes',
      verdict: verdict(economy.ratio >= 20),
    },
  ],
  firstSync: (firstSync) => [
    {
      measure: `first sync (Save and test → views stored, ${firstSync.runs[0]!.requests} requests)`,
      value: fmtMs(firstSync.views, 0),
      baseline: `simulator serving ${fmtMs(firstSync.serve, 0)}`,
      ratio: fmtRatio(firstSync.ratio),
      goal: 'report',
      verdict: '—',
    },
  ],
  memory: (memory) => [
    {
      measure: 'memory: worker JS heap after sync (after GC)',
      value: `${mb(memory.heapAfterSync.usedBytes)} (${mb(memory.heapAfterSync.usedAfterGcBytes)}); peak during sync ${mb(memory.peakDuringSyncBytes)}; at rest ${mb(memory.heapAtRest.usedAfterGcBytes)}`,
      baseline: `stored payload ${mb(memory.stored.payloadTotal)} (origin usage ${mb(memory.stored.estimateBytes)})`,
      ratio: fmtRatio(memory.heapAfterSync.usedAfterGcBytes / memory.stored.payloadTotal),
      goal: 'report',
      verdict: '—',
    },
  ],
};

function badgeRows(badge: BadgeResult): Row[] {
  const addedShift = badge.cls.median - badge.clsWithout.median;
  return [
    {
      measure: 'badge size (agentbox.js, gzip -9)',
      value:
        badge.cssGzBytes > 0
          ? `${mb(badge.jsGzBytes)} (+ css ${mb(badge.cssGzBytes)})`
          : `${mb(badge.jsGzBytes)} (CSS inlined)`,
      baseline: `Preact ${mb(badge.preactGzBytes)}`,
      ratio: fmtRatio(badge.jsGzBytes / badge.preactGzBytes),
      goal: '≤ 8 KiB gz',
      verdict: verdict(badge.jsGzBytes <= 8 * KIB),
    },
    {
      measure: 'badge: script start → rank painted',
      value: `${fmtMs(badge.toBadge)}; load → rank ${fmtMs(badge.loadToBadge)}`,
      baseline: `one-key content script (the floor) ${fmtMs(badge.floor)}`,
      ratio: fmtRatio(badge.toBadge.median / badge.floor.median),
      goal: '≤ 20 ms',
      verdict: verdict(badge.toBadge.median <= 20),
    },
    {
      measure: 'badge: same, service worker stopped first',
      value: `${fmtMs(badge.toBadgeWorkerStopped)}, worker woken in ${badge.workerWoken}`,
      baseline: `getBadge round trip, worker awake ${fmtMs(badge.getBadgeRoundTrip)}`,
      ratio: '—',
      goal: 'report',
      verdict: '—',
    },
    {
      measure: 'badge: layout shift on AgentBox',
      value: `CLS ${badge.cls.median.toFixed(4)} (max ${badge.cls.max.toFixed(4)})`,
      baseline: `without extension ${badge.clsWithout.median.toFixed(4)}`,
      ratio: `+${Math.max(0, addedShift).toFixed(4)}`,
      goal: '0 added',
      verdict: verdict(addedShift < NO_SHIFT && badge.cls.max - badge.clsWithout.max < NO_SHIFT),
    },
  ];
}
