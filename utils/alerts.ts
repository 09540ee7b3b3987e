/**
 * Rank alerts, pure: what changed between two leaderboards of one period for the agent, and whether
 * (and what) to notify given the throttle state and the clock.
 */
import type { DayKey, PeriodKind, PrivacyMode } from './model';
import { byCount } from './i18n';
import { displayName } from './privacy';

/** Who held which place: all a comparison of two leaderboards needs. */
type Placed = { id: string; rank: number };

/** At most one notification per this many milliseconds; what happens meanwhile is grouped. */
export const THROTTLE_MS = 15 * 60_000;
export const TIERS = [3, 10] as const;
/** Names of passers kept for one notification; the rest are counted. */
const MAX_NAMES = 3;

/** One change, with the agent's rank before (`from`) and after (`to`) the sync that saw it. */
export type AlertEvent = { from: number; to: number } & (
  | { kind: 'up' }
  | { kind: 'passed'; by: string | null }
  | { kind: 'enter' | 'leave'; tier: (typeof TIERS)[number] }
);

/** Events since the last notification, folded: first rank, latest rank, who passed. */
export interface PendingAlert {
  from: number;
  to: number;
  /** Passers' names as the privacy setting `privacy` wrote them. */
  names: string[];
  /** Passers not named (privacy, or past MAX_NAMES). */
  others: number;
  // Absent from holds stored before they were kept (see heldStill).
  /** When the first of these events was held. */
  since?: number;
  /** The privacy setting the names were written under. */
  privacy?: PrivacyMode;
  /** The agent whose ranks these are. */
  agentId?: string | null;
}

/** Whose alerts they are, in which period, and how colleagues may be named: the settings now. */
export interface AlertScope {
  period: PeriodKind;
  agentId: string | null;
  privacy: PrivacyMode;
}

/**
 * A hold older than this is dropped, not told: it normally goes out at the throttle's end, or at
 * the first sync after it (one interval at most, 30 minutes) if the flush alarm was lost. Anything
 * older was held while alerts were off or the computer slept, and is no longer news.
 */
export const HOLD_MAX_MS = THROTTLE_MS + 30 * 60_000;

export interface AlertState {
  lastNotifiedAt: number | null;
  pending: PendingAlert | null;
  /** The operation day of the last sync: the first sync of a day never notifies. */
  lastSyncDay: DayKey | null;
  /** The period `pending` was seen in; absent in states stored before it was kept. */
  period?: PeriodKind;
}

export const INITIAL_ALERT_STATE: AlertState = {
  lastNotifiedAt: null,
  pending: null,
  lastSyncDay: null,
};

/** A catalogue key and its substitutions. */
export interface Message {
  key: string;
  subs: string[];
}

/** Events for `me` from the previous to the next board of the same period window. */
export function diffBoards(
  prev: readonly Placed[],
  next: readonly Placed[],
  me: string,
  names: ReadonlyMap<string, string>,
  privacy: PrivacyMode,
): AlertEvent[] {
  const before = new Map(prev.map((e) => [e.id, e.rank]));
  const from = before.get(me);
  const to = next.find((e) => e.id === me)?.rank;
  if (from === undefined || to === undefined) return [];
  const events: AlertEvent[] = [];
  if (to < from) events.push({ kind: 'up', from, to });
  for (const e of next) {
    if (e.rank >= to) break;
    // Level with or behind me before (or not on the board at all), ahead of me now.
    const was = before.get(e.id) ?? Infinity;
    if (e.id !== me && was >= from) {
      const by = displayName(names.get(e.id) ?? '', privacy, { isMe: false, rank: e.rank });
      events.push({ kind: 'passed', from, to, by });
    }
  }
  for (const tier of TIERS) {
    if (from > tier && to <= tier) events.push({ kind: 'enter', tier, from, to });
    if (from <= tier && to > tier) events.push({ kind: 'leave', tier, from, to });
  }
  return events;
}

/** Fold new events into what is pending. */
export function foldEvents(pending: PendingAlert | null, events: readonly AlertEvent[]) {
  let out = pending;
  for (const e of events) {
    out = out ? { ...out, to: e.to } : { from: e.from, to: e.to, names: [], others: 0 };
    if (e.kind !== 'passed') continue;
    if (e.by !== null && out.names.includes(e.by)) continue;
    if (e.by !== null && out.names.length < MAX_NAMES)
      out = { ...out, names: [...out.names, e.by] };
    else out = { ...out, others: out.others + 1 };
  }
  return out;
}

/** The lines of a notification for what is pending; empty when nothing is worth telling. */
export function alertLines(p: PendingAlert): Message[] {
  const lines: Message[] = [];
  const [from, to] = [String(p.from), String(p.to)];
  if (p.to < p.from) lines.push({ key: 'alertMovedUp', subs: [to, from] });
  if (p.to > p.from) lines.push({ key: 'alertMovedDown', subs: [to, from] });
  if (p.names.length > 0) {
    const key = byCount(p.names.length + p.others, 'alertPassedByOne', 'alertPassedBy');
    lines.push({ key, subs: [p.names.join(', ')] });
  }
  if (p.others > 0)
    lines.push({
      key: p.names.length > 0 ? 'alertPassedMore' : 'alertPassedCount',
      subs: [String(p.others)],
    });
  // Entering the top 3 says more than entering the top 10; leaving the top 10 more than the top 3.
  const entered = TIERS.find((t) => p.from > t && p.to <= t);
  const left = [...TIERS].reverse().find((t) => p.from <= t && p.to > t);
  if (entered) lines.push({ key: 'alertEnteredTop', subs: [String(entered)] });
  if (left) lines.push({ key: 'alertLeftTop', subs: [String(left)] });
  return lines;
}

/**
 * What of the held changes may still be told under `scope` at `now`: nothing if they grew stale or
 * are another agent's or another period's; without names if the privacy setting changed since.
 */
function heldStill(state: AlertState, now: number, scope?: AlertScope): PendingAlert | null {
  const held = state.pending;
  if (held === null) return null;
  // A hold stored before `since` was kept began after the last notification: a safe lower bound.
  const since = held.since ?? state.lastNotifiedAt ?? now;
  if (now - since > HOLD_MAX_MS) return null;
  if (scope === undefined) return held;
  // A state stored before periods or agents were kept is taken as the current one's.
  if (state.period !== undefined && state.period !== scope.period) return null;
  if (held.agentId !== undefined && held.agentId !== scope.agentId) return null;
  // Names written under another (or an unknown) setting may be ones it now hides: count them.
  if (held.privacy !== scope.privacy && held.names.length > 0) {
    return { ...held, names: [], others: held.others + held.names.length };
  }
  return held;
}

/**
 * What this sync (or the flush) means for alerts: the new state, and the lines to notify (null:
 * stay quiet). The first sync of a day compares against yesterday's boards: it only starts the day.
 */
export function decideAlert(
  state: AlertState,
  events: readonly AlertEvent[],
  now: number,
  today: DayKey,
  scope?: AlertScope,
): { state: AlertState; notify: Message[] | null } {
  const base = scope === undefined ? state : { ...state, period: scope.period };
  if (state.lastSyncDay !== today) {
    return { state: { ...base, pending: null, lastSyncDay: today }, notify: null };
  }
  const held = heldStill(state, now, scope);
  const folded = foldEvents(held, events);
  // What is held now was written under the current settings, and began when its first event did.
  const pending = folded && {
    ...folded,
    since: held ? (held.since ?? state.lastNotifiedAt ?? now) : now,
    ...(scope && { privacy: scope.privacy, agentId: scope.agentId }),
  };
  const throttled = state.lastNotifiedAt !== null && now - state.lastNotifiedAt < THROTTLE_MS;
  if (pending === null || throttled) return { state: { ...base, pending }, notify: null };
  const lines = alertLines(pending);
  // Changes that cancelled out (up, then back down with nobody passing) are not news.
  if (lines.length === 0) return { state: { ...base, pending: null }, notify: null };
  return { state: { ...base, pending: null, lastNotifiedAt: now }, notify: lines };
}

/** When changes held back by the throttle may be told: the throttle's end; null if none wait. */
export function flushAt(state: AlertState): number | null {
  if (state.pending === null || state.lastNotifiedAt === null) return null;
  return state.lastNotifiedAt + THROTTLE_MS;
}
