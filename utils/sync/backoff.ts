/** Waiting rules for a token shared by a whole operation: spread out, never hammer. */

/** Full-jitter exponential backoff: a random wait in [0, min(cap, base·2^attempt)). */
export function fullJitter(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** Retries of a "simultaneous requests" 403 within one sync: bounded in count and total time. */
export const BUSY_RETRY = { tries: 4, baseMs: 1_000, capMs: 8_000, totalMs: 20_000 } as const;

/** Transient failures (maintenance, 5xx, network, timeout): skip ticks for a growing, jittered while. */
export function transientDelay(level: number, intervalMs: number, random: () => number): number {
  const ceiling = Math.min(60 * 60_000, intervalMs * 2 ** Math.max(0, level - 1));
  // Half fixed, half random: always at least half a step, so the next tick really is later.
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}
