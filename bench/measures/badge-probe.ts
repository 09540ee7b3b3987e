/**
 * The probe installed in AgentBox's main world: layout shifts, the window's load, and when the
 * badge's shadow host and its `badge-rank` appear and are painted (a performance mark, so a trace
 * can place it, and a console line, so the bench can wait without injecting anything).
 */
import type { BrowserContext } from '@playwright/test';

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
