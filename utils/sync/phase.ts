/**
 * When each browser of an operation calls: a random phase of the interval per install, drawn to
 * the millisecond (whole seconds left 300 browsers colliding in the same second every interval),
 * and drawn again whenever wolkvox refuses a call because another browser holds the token.
 * The fleet simulation (scripts/fleet) measured both: see the README's fleet table.
 */
import type { SyncOutcome } from './engine';

/** Phases are spread over this span (the longest interval). */
export const OFFSET_SPAN_MS = 30 * 60_000;

/** A fresh phase for this install. */
export function drawOffsetMs(random: () => number): number {
  return Math.floor(random() * OFFSET_SPAN_MS);
}

/** The next instant after `now` on this install's phase of the interval. */
export function nextTick(now: number, intervalMin: number, offsetMs: number): number {
  const period = intervalMin * 60_000;
  const phase = offsetMs % period;
  const base = Math.floor((now - phase) / period) * period + phase;
  return base > now ? base : base + period;
}

/** A sync that met a "simultaneous requests" refusal: this phase is crowded, move. */
export function shouldRephase(outcome: SyncOutcome): boolean {
  return outcome.status !== 'skipped' && outcome.busy > 0;
}
