/**
 * Keep the badge's host in the console. A single-page console may re-render its whole body
 * (`body.innerHTML = …`) or swap the body element, which takes the host with it; without this the
 * badge would be gone until the agent reloads the console.
 */

/** Re-attachments within WINDOW_MS after which the badge gives way: the page keeps removing it. */
const MAX_REATTACH = 5;
const WINDOW_MS = 10_000;

/**
 * Append `host` to the body, and again whenever it is taken out. Watches only the direct children
 * of `<html>` and of the body, never the console's subtree. Returns the function that stops it.
 */
export function keepAttached(host: Element, now: () => number = Date.now): () => void {
  const recent: number[] = [];
  let body: HTMLElement | null = null;
  const observer = new MutationObserver(() => check());
  const watch = () => {
    observer.disconnect();
    observer.observe(document.documentElement, { childList: true });
    body = document.body;
    if (body) observer.observe(body, { childList: true });
  };
  const check = () => {
    if (document.body !== body) watch();
    if (host.isConnected || !document.body) return;
    const t = now();
    while (recent.length && t - recent[0]! > WINDOW_MS) recent.shift();
    if (recent.length >= MAX_REATTACH) return observer.disconnect();
    recent.push(t);
    document.body.append(host);
  };
  (document.body ?? document.documentElement).append(host);
  watch();
  return () => observer.disconnect();
}
