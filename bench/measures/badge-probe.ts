/**
 * The probe installed in AgentBox's main world: layout shifts, the window's load, and when the
 * badge's shadow host and its `badge-rank` appear and are painted (a performance mark, so a trace
 * can place it, and a console line, so the bench can wait without injecting anything). Then one
 * traced visit, and its phases read from the trace and the probe's marks.
 */
import type { BrowserContext } from '@playwright/test';
import { CPU_PROFILER, parseTrace, scriptStart, type TraceEvent } from '../lib/trace';
import { summarize, type Summary } from '../stats';

export const PAINTED = 'podio-badge-painted';

/** Page-clock times (performance.now) and the layout-shift sum of one visit. */
export interface Marks {
  cls: number;
  shifts: number;
  load?: number;
  host?: number;
  rank?: number;
  rankFrame?: number;
}

export async function installBadgeProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript((painted: string) => {
    if (location.hostname !== 'agentbox.wolkvox.com') return;
    const m: Marks = { cls: 0, shifts: 0 };
    (globalThis as unknown as { podioBadge: Marks }).podioBadge = m;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[]) {
        if (e.hadRecentInput) continue;
        m.cls += e.value;
        m.shifts++;
      }
    }).observe({ type: 'layout-shift', buffered: true });
    addEventListener('load', () => (m.load = performance.now()));
    const watchShadow = (root: ShadowRoot) => {
      const check = () => {
        if (m.rank !== undefined || !root.querySelector('[data-testid=badge-rank]')) return;
        m.rank = performance.now();
        requestAnimationFrame(() => {
          // The task after the rAF callback runs once the frame has been produced.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            m.rankFrame = performance.now();
            performance.mark(painted);
            // A waitForFunction would inject Playwright's script on the badge's critical path.
            console.debug(painted);
          };
          channel.port2.postMessage(0);
        });
      };
      new MutationObserver(check).observe(root, { childList: true, subtree: true });
      check();
    };
    new MutationObserver(() => {
      const host = m.host === undefined ? document.querySelector('podio-badge') : null;
      if (!host?.shadowRoot) return;
      m.host = performance.now();
      watchShadow(host.shadowRoot);
    }).observe(document, { childList: true, subtree: true });
  }, PAINTED);
}

/** Read the marks of the page's visit. */
export const readMarks = () => (globalThis as unknown as { podioBadge: Marks }).podioBadge;

export const AGENTBOX = 'https://agentbox.wolkvox.com/';
/** How long after the badge (or load, without the extension) layout shifts are still collected. */
const SETTLE_MS = 1200;

/** Where the content script's time goes, in ms from its start (EvaluateScript on the trace). */
export interface BadgePhases {
  /** The script's synchronous evaluation. */
  evaluateMs: number;
  /** Its shadow host in the page. */
  hostMs: number;
  /** `badge-rank` in the shadow root (its figures read from storage.local, drawn). */
  rankMs: number;
  /** That frame painted. */
  paintedMs: number;
}

export const SCRIPT = '/content-scripts/agentbox.js';

/** The content script's start and the painted mark in a trace. */
export function span(events: readonly TraceEvent[], script = SCRIPT) {
  const start = scriptStart(events, script);
  const painted = events.find((e) => e.name === PAINTED);
  if (!start || !painted) throw new Error('the trace lacks the content script or the badge mark');
  return { start, painted };
}

/** The phases of one visit, from its trace and the probe's marks (page clock, tied by the mark). */
export function phases(events: readonly TraceEvent[], m: Marks, script = SCRIPT): BadgePhases {
  const { start, painted } = span(events, script);
  // The mark carries its page-clock time too: that ties the two clocks together.
  const pageToTrace = painted.ts / 1000 - (painted.args?.data?.startTime ?? m.rankFrame!);
  const fromStart = (pageMs: number) => pageMs + pageToTrace - start.ts / 1000;
  return {
    evaluateMs: (start.dur ?? 0) / 1000,
    hostMs: fromStart(m.host!),
    rankMs: fromStart(m.rank!),
    paintedMs: (painted.ts - start.ts) / 1000,
  };
}

type Visit = Marks & { events?: TraceEvent[] };

export const summarizePhases = (visits: readonly BadgePhases[]) =>
  Object.fromEntries(
    (['evaluateMs', 'hostMs', 'rankMs', 'paintedMs'] as const).map((k) => [
      k,
      summarize(visits.map((p) => p[k])),
    ]),
  ) as Record<keyof BadgePhases, Summary>;

/** One visit to AgentBox; with `badge`, traced until the badge is painted. */
export async function visit(
  context: BrowserContext,
  badge: boolean,
  profile = false,
): Promise<Visit> {
  const page = await context.newPage();
  const tracer = badge ? context.browser() : null;
  const categories = ['devtools.timeline', 'blink.user_timing', ...(profile ? [CPU_PROFILER] : [])];
  await tracer?.startTracing(page, { categories });
  const painted = tracer
    ? page.waitForEvent('console', { predicate: (m) => m.text() === PAINTED, timeout: 15_000 })
    : null;
  await page.goto(AGENTBOX); // resolves on load
  await painted;
  await page.waitForTimeout(SETTLE_MS);
  const marks = await page.evaluate(readMarks);
  const trace = await tracer?.stopTracing();
  await page.close();
  return trace ? { ...marks, events: parseTrace(trace) } : marks;
}
