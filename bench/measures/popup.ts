/**
 * Popup open to rank: from navigation to `[data-testid=rank]` painted, this month, 3,000 agents.
 * Baseline: the same popup.html, same browser and data, with the token flag off, so it draws its
 * one-section "not configured" state. Both read the same storage and database; the difference is
 * the ranked view. The two are interleaved, A B A B, so load on the machine hits both alike.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { patchSettings, setLocal, sleep, type BenchBrowser } from '../lib/browser';
import { summarize, type Summary } from '../stats';

const SELECTORS = {
  rank: '[data-testid=rank]',
  notConfigured: '[data-testid=state-not-configured]',
} as const;
type Key = keyof typeof SELECTORS;
type Marks = Partial<Record<Key | `${Key}Frame`, number>>;

/** In every popup.html: note when each selector first appears and when that frame was painted. */
export async function installPopupProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript((selectors: Record<string, string>) => {
    if (location.protocol !== 'chrome-extension:' || location.pathname !== '/popup.html') return;
    const marks: Record<string, number> = {};
    const afterPaint = (key: string) =>
      requestAnimationFrame(() => {
        // The task after the rAF callback runs once the frame has been produced.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          marks[`${key}Frame`] = performance.now();
          // Told through the console: a waitForFunction would inject Playwright's script into
          // the page while it renders, and be measured with it.
          console.debug(`podio-bench:${key}`);
        };
        channel.port2.postMessage(0);
      });
    const check = () => {
      for (const [key, selector] of Object.entries(selectors)) {
        if (marks[key] !== undefined || !document.querySelector(selector)) continue;
        marks[key] = performance.now();
        afterPaint(key);
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
    (globalThis as unknown as { podioMarks: Record<string, number> }).podioMarks = marks;
  }, SELECTORS);
}

async function openOnce(b: BenchBrowser, key: Key): Promise<Marks> {
  const page: Page = await b.context.newPage();
  const painted = page.waitForEvent('console', {
    predicate: (m) => m.text() === `podio-bench:${key}`,
    timeout: 15_000,
  });
  await page.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await painted;
  const marks = await page.evaluate(
    () => (globalThis as unknown as { podioMarks: Marks }).podioMarks,
  );
  await page.close();
  return marks;
}

export interface PopupResult {
  /** Navigation → rank painted. */
  rank: Summary;
  /** Navigation → rank in the DOM. */
  rankDom: Summary;
  baseline: Summary;
  baselineDom: Summary;
  ratio: number;
}

/** Needs a configured, synced extension; `control` is an extension page to flip settings from. */
export async function measurePopup(
  b: BenchBrowser,
  control: Page,
  reps: number,
): Promise<PopupResult> {
  await setLocal(control, { period: 'month' });
  const rank: Marks[] = [];
  const base: Marks[] = [];
  // One unmeasured open of each warms the disk cache, as any popup after the first would find it.
  for (let i = -1; i < reps; i++) {
    await patchSettings(control, { hasToken: false });
    await sleep(250); // let the worker's settings watcher finish
    const b1 = await openOnce(b, 'notConfigured');
    await patchSettings(control, { hasToken: true });
    await sleep(250);
    const r1 = await openOnce(b, 'rank');
    if (i < 0) continue;
    base.push(b1);
    rank.push(r1);
  }
  const pick = (list: Marks[], k: keyof Marks) => summarize(list.map((m) => m[k]!));
  const result = {
    rank: pick(rank, 'rankFrame'),
    rankDom: pick(rank, 'rank'),
    baseline: pick(base, 'notConfiguredFrame'),
    baselineDom: pick(base, 'notConfigured'),
  };
  return { ...result, ratio: result.rank.median / result.baseline.median };
}
