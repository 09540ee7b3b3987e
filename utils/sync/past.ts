/**
 * The past days of a sync (this week, this month, the sparkline): asked after today, window by
 * window, on their own terms. A past window that fails (too big to answer in time, most often)
 * backs off alone and is asked smaller next time, while every tick keeps refreshing today.
 */
import type { DayWindow, ParsedAnswer } from '../model';
import { WolkvoxError, type WolkvoxErrorKind } from '../wolkvox/errors';
import { transientDelay } from './backoff';
import { CapReached } from './call';
import { PAST_CLEAR, type FullState } from './state';
import { halvedCap } from './windows';

/**
 * Failures of a past window that its size can explain: no answer in time, a server error, a
 * refused range, a cut-short body, a connection dropped (today answered seconds before, so the
 * network is up: a big answer is what broke it). They back off the past days alone and shrink the
 * next window. Every other kind (token, daily limit, busy, maintenance) is handled as for today.
 */
const WINDOW_FAILURES: ReadonlySet<WolkvoxErrorKind> = new Set<WolkvoxErrorKind>([
  'timeout',
  'server',
  'bad-request',
  'malformed',
  'network',
]);

/** How the past windows of one sync went. */
export interface PastRun {
  /** The window that failed in a way its size explains; null when none did. */
  failed: { window: DayWindow; error: WolkvoxError } | null;
  /** Whether any past window was answered. */
  progress: boolean;
}

/**
 * Ask for `windows` in turn, handing each answer to `answered`. Failures the window's size
 * explains end the loop quietly, as does the daily cap; any other failure is thrown, for the
 * engine to handle as it would for today.
 */
export async function fetchPast(
  windows: DayWindow[],
  call: (window: DayWindow) => Promise<ParsedAnswer>,
  answered: (window: DayWindow, answer: ParsedAnswer) => void,
): Promise<PastRun> {
  let failed: PastRun['failed'] = null;
  let progress = false;
  for (const window of windows) {
    let answer: ParsedAnswer;
    try {
      answer = await call(window);
    } catch (err) {
      // The cap reached after today's figures: they stand; the past waits for tomorrow's calls.
      if (err instanceof CapReached) break;
      if (err instanceof WolkvoxError && WINDOW_FAILURES.has(err.kind)) {
        // A single day cannot be asked for smaller: once per sync, go on to the older days
        // rather than let one day wolkvox will not serve keep them all missing.
        const single = window.from === window.to && !failed;
        failed = { window, error: err };
        if (single) continue;
        break;
      }
      // Anything else is about the token or the server, not this window: handled as before.
      throw err;
    }
    answered(window, answer);
    progress = true;
  }
  return { failed, progress };
}

/**
 * What the past windows leave in the state at `at`: a failure backs them off and halves the next
 * window; every needed day in hand (`complete`) clears both.
 */
export function afterPast(
  state: FullState,
  run: PastRun,
  complete: boolean,
  at: number,
  intervalMs: number,
  random: () => number,
): FullState {
  const { failed } = run;
  if (!failed) return complete ? { ...state, ...PAST_CLEAR } : state;
  // Progress made this sync earns a quick retry; the same window failing again waits longer.
  const level = (run.progress ? 0 : state.pastBackoffLevel) + 1;
  return {
    ...state,
    pastError: { kind: failed.error.kind, at, status: failed.error.status },
    pastBackoffLevel: level,
    pastBackoffUntil: at + transientDelay(level, intervalMs, random),
    pastMaxDays: halvedCap(failed.window),
  };
}
