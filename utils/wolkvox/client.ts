/** One agents_kpi call: the token goes only to wolkvox, and every failure becomes a WolkvoxError. */
import type { DayWindow, ParsedAnswer } from '../model';
import { WolkvoxError } from './errors';
import { classifyFailure, failureInEnvelope } from './failures';
import { parseJson, readAgentsKpi } from './parse';
import { readAgentsKpiBytes } from './parse-bytes';
import { isWolkvoxApiUrl } from './server';
import { agentsKpiUrl, windowQuery } from './url';

/**
 * How long one call may take, answer body included, before it counts as a timeout. wolkvox allows
 * itself 60 s, but an extension's service worker may be stopped after 30 s with no event or
 * extension call: a longer wait would need a keep-alive, and halving (utils/sync/windows.ts)
 * already brings a slow past window under this.
 */
export const DEFAULT_TIMEOUT_MS = 25_000;

/** What fetchAgentsKpi needs; everything is handed in so tests control clock, zone and network. */
export interface FetchAgentsKpiOptions {
  /** `https://wv<code>.wolkvox.com`, from parseServer. */
  origin: string;
  token: string;
  window: DayWindow;
  now: Date | number;
  /** The operation's IANA time zone: wolkvox reads dates as its wall-clock time. */
  timeZone: string;
  fetch: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Fetch and parse agents_kpi for a window; rejects with WolkvoxError (or the caller's abort reason). */
export async function fetchAgentsKpi(
  opts: FetchAgentsKpiOptions,
): Promise<ParsedAnswer & { bytes: number }> {
  const url = agentsKpiUrl(opts.origin, windowQuery(opts.window, opts.now, opts.timeZone));
  if (!isWolkvoxApiUrl(url)) {
    throw new WolkvoxError('bad-server', 'refused: the origin is not https://wv<code>.wolkvox.com');
  }
  // A pasted token often carries a stray space or newline; the header would drop it anyway.
  const token = opts.token.trim();
  // An empty token would still spend one of the operation's daily calls on a certain 401.
  if (token === '') throw new WolkvoxError('missing-token', 'no token to send');
  // Checked here rather than left to Headers: the platform's own error would quote the value (the
  // token), and not every implementation refuses a line break that could smuggle in a header.
  if (/[^\t\x20-\x7e]/.test(token)) {
    throw new WolkvoxError('bad-token', 'the token holds characters a header cannot carry');
  }

  // Like fetch itself: a caller that has already given up gets its reason back, and no call is made.
  if (opts.signal?.aborted) throw opts.signal.reason;

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const external = opts.signal;
  const onExternalAbort = () => controller.abort(external?.reason);
  external?.addEventListener('abort', onExternalAbort, { once: true });
  // Raced against both the fetch and the body, so a fetch or stream that ignores the signal
  // cannot outlive the timeout.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new Error('aborted')));
  });
  aborted.catch(() => {});

  try {
    const response = await Promise.race([
      opts.fetch(url, {
        method: 'GET',
        headers: { 'wolkvox-token': token },
        credentials: 'omit',
        cache: 'no-store',
        // A redirect could carry the token to another host: refuse to follow one.
        redirect: 'error',
        signal: controller.signal,
      }),
      aborted,
    ]);
    // The headers arrived: a body that breaks off now is a cut-short answer, not a lost network.
    const buffer = await Promise.race([response.arrayBuffer(), aborted]).catch((err: unknown) => {
      if (timedOut || external?.aborted) throw err;
      throw new WolkvoxError('malformed', 'agents_kpi answer cut short', response.status);
    });
    if (response.status === 200) {
      // The answer as wolkvox writes it is read straight from its bytes; anything unusual, the
      // reference way below (which also tells an error envelope or an HTML page for what it is).
      // It gives up on an `error` that holds a message, which may name a refusal sent with a 200.
      const fast = readAgentsKpiBytes(new Uint8Array(buffer), opts.window);
      if (fast) return { ...fast, bytes: buffer.byteLength };
    }
    const text = new TextDecoder().decode(buffer);
    if (response.status !== 200) throw classifyFailure(response.status, text);
    if (/^\s*</.test(text.slice(0, 256))) {
      throw new WolkvoxError('malformed', 'agents_kpi answer: HTML, not JSON', 200);
    }
    const root = parseJson(text);
    const failure = failureInEnvelope(root);
    if (failure) throw failure;
    const parsed = readAgentsKpi(root, opts.window);
    // `refused` too: without it the store cannot keep the figures of a row sent unreadable.
    return { ...parsed, bytes: buffer.byteLength };
  } catch (err) {
    if (err instanceof WolkvoxError) throw err;
    if (timedOut) throw new WolkvoxError('timeout', `no complete answer within ${timeoutMs} ms`);
    if (external?.aborted) throw external.reason;
    throw new WolkvoxError(
      'network',
      'the request failed (offline, DNS, TLS or a refused redirect)',
    );
  } finally {
    clearTimeout(timer);
    external?.removeEventListener('abort', onExternalAbort);
  }
}
