/**
 * `npm run simulate:fleet -- --agents 300 --hours 8`: a shift of an operation's browsers running
 * the real sync engine against a model of wolkvox's limits, on a virtual clock. Prints a table
 * (or `--json`) and PASS/FAIL per goal; exits 1 when a goal fails.
 */
import { parseArgs } from 'node:util';
import { runFleet, type FleetOptions } from './fleet';
import { summarize, type Summary } from './report';

const USAGE = `usage: simulate:fleet [--agents 300] [--hours 8] [--interval 5] [--seed 1] [--json]
  [--max-in-flight 2]   requests per token at once (the agents_kpi page says 1)
  [--full-answers]      list every agent in every answer (slow: see SAMPLE_AGENTS)
  what-ifs for the scheduler, not in the shipped code:
`;

function numberArg(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min)
    throw new Error(`--${name} must be a number ≥ ${min}\n${USAGE}`);
  return n;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const pct = (x: number, digits = 2): string => `${(100 * x).toFixed(digits)} %`;
const pairs = (o: Record<string, number>): string =>
  Object.entries(o)
    .map(([k, n]) => `${k} ${fmt(n)}`)
    .join(', ') || 'none';

/** The plain table: one figure per line, then PASS/FAIL per goal. */
export function formatTable(s: Summary): string {
  const { retries: r, calls, staleness: st, lost } = s;
  const rows: [string, string][] = [
    ['browsers', `${fmt(s.browsers)} sharing one token (${s.maxInFlight} in flight allowed)`],
    ['hours', `${s.hours} (interval ${s.intervalMin} min, seed ${s.seed})`],
    [
      'total calls',
      `${fmt(calls.total)} (ok ${fmt(calls.ok)}, busy ${fmt(calls.busy)}, token limit ${fmt(calls['daily-limit'])}, timeout ${fmt(calls.timeout)})`,
    ],
    [
      'success rate',
      `${pct(s.syncs.successRate, 3)} (${fmt(s.syncs.ok)} of ${fmt(s.syncs.attempted)} syncs)`,
    ],
    ['failed syncs', pairs(s.syncs.failed)],
    ['skipped alarm ticks', pairs(s.syncs.skipped)],
    [
      'busy retries per sync',
      `0: ${fmt(r['0'])}  1: ${fmt(r['1'])}  2: ${fmt(r['2'])}  3: ${fmt(r['3'])}  4+: ${fmt(r['4+'])}  gave up: ${fmt(r.gaveUp)}`,
    ],
    [
      'peak concurrency',
      `${s.concurrency.peakOffered} at the server at once, ${s.concurrency.peakAdmitted} admitted (limit ${s.concurrency.limit}); ${s.maxBrowserInFlight} per browser`,
    ],
    ['staleness p50', `${st.p50Min} min (${st.p50Intervals} intervals)`],
    ['staleness p95', `${st.p95Min} min (${st.p95Intervals} intervals)`],
    ['staleness max', `${st.maxMin} min`],
    [
      'calls per agent per day',
      `max ${s.callsPerAgentDay.max}, mean ${s.callsPerAgentDay.mean}: the ${s.hours} h shift's calls as measured, not extrapolated (left on 24 h at this rate: ${s.callsPerAgentDay.mean24hIfLeftOn})`,
    ],
    [
      'daily budget used',
      `${fmt(s.budget.used)} of ${fmt(s.budget.budget)} = licenses × 1,000 (${pct(s.budget.share, 1)})`,
    ],
    [
      'daily cap reached',
      `${fmt(s.dailyCap.browsersStopped)} browsers stopped syncing for the day at ${s.dailyCap.perBrowser} calls`,
    ],
    [
      'first sync (empty store)',
      `${s.firstSyncCalls.mean} calls on average, at most ${s.firstSyncCalls.max}`,
    ],
    [
      'syncs lost for good',
      `${lost.count} browsers not fresh at the end (${lost.afterFailure} after a failed sync, ${lost.dailyCap} stopped by the daily cap)${lost.count ? `, e.g. #${lost.browsers.join(', #')}` : ''}; ${s.recoveredAfterError} recovered after an error`,
    ],
    [
      'answers',
      `list ${fmt(s.answerAgents)} agents; service time counts all ${fmt(s.browsers)} (slowest ${s.maxServiceMs} ms)`,
    ],
    ['simulation', `${fmt(s.events)} timer events in ${(s.wallMs / 1000).toFixed(1)} s wall time`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const goals = s.goals.map((g) => `${g.pass ? 'PASS' : 'FAIL'}  ${g.goal}: ${g.detail}`);
  return [...rows.map(([k, v]) => k.padEnd(width) + v), '', ...goals].join('\n');
}

async function main(): Promise<void> {
  const { values: v } = parseArgs({
    options: {
      agents: { type: 'string' },
      hours: { type: 'string' },
      interval: { type: 'string' },
      seed: { type: 'string' },
      'max-in-flight': { type: 'string' },
      'full-answers': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (v.help) return void console.log(USAGE);
  const options: FleetOptions = {
    agents: Math.floor(numberArg('agents', v.agents, 300)),
    hours: numberArg('hours', v.hours, 8, 0.1),
    intervalMin: numberArg('interval', v.interval, 5),
    seed: Math.floor(numberArg('seed', v.seed, 1, 0)),
    maxInFlight: Math.floor(numberArg('max-in-flight', v['max-in-flight'], 2)),
    fullAnswers: v['full-answers'],
  };
  const started = performance.now();
  const result = await runFleet(options);
  const summary = summarize(result, performance.now() - started);
  console.log(v.json ? JSON.stringify(summary, null, 2) : formatTable(summary));
  if (summary.goals.some((g) => !g.pass)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
});
