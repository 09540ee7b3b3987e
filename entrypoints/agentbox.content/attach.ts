/**
 * Where the badge's host lives in the console, and keeping it there.
 *
 * The host is a child of `<html>`, beside the body rather than in it: a single-page console may
 * re-render its whole body (`body.innerHTML = …`) or swap the body element, which would take the
 * host with it; and a body that is transformed, filtered or zoomed (`transform: translateZ(0)` is
 * an old speed-up) would make the fixed pill fixed to the body instead of the window. Children of
 * `<html>` after the body are rendered and in the accessibility tree like any other.
 */

/** Re-attachments within WINDOW_MS after which the badge gives way: the page keeps removing it. */
const MAX_REATTACH = 5;
const WINDOW_MS = 10_000;

/**
 * Append `host` to `<html>`, and again whenever it is taken out. Watches only the direct children
 * of `<html>`, never the console's subtree. Returns the function that stops it.
 */
export function keepAttached(host: Element, now: () => number = Date.now): () => void {
  const root = document.documentElement;
  const recent: number[] = [];
  const observer = new MutationObserver(() => {
    if (host.isConnected) return;
    const t = now();
    while (recent.length && t - recent[0]! > WINDOW_MS) recent.shift();
    if (recent.length >= MAX_REATTACH) return observer.disconnect();
    recent.push(t);
    root.append(host);
  });
  root.append(host);
  observer.observe(root, { childList: true });
  return () => observer.disconnect();
}
