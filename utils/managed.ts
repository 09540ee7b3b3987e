/**
 * Settings an operation's IT pushes by browser policy (`storage.managed`, schema in
 * public/managed_schema.json). Managed values win over local ones; managed and locked settings show
 * as "set by your organisation" and cannot be changed on the options page.
 */
import { browser } from 'wxt/browser';
import type { PrivacyMode } from './model';
import { INTERVALS, managedItem, settingsItem, type IntervalMin, type Settings } from './settings';
import { loadToken, saveToken } from './vault';
import { parseServer } from './wolkvox/server';

/** Settings a policy may set or lock, by the names the options page uses. */
export const MANAGEABLE = [
  'server',
  'token',
  'agentId',
  'intervalMin',
  'timeZone',
  'privacy',
  'badgeEnabled',
] as const;
export type Manageable = (typeof MANAGEABLE)[number];

export interface Policy {
  server?: string;
  token?: string;
  agentId?: string;
  intervalMin?: IntervalMin;
  privacy?: PrivacyMode;
  badgeEnabled?: boolean;
  locked: Manageable[];
}

const PRIVACY: readonly PrivacyMode[] = ['full', 'initial', 'anonymous', 'own'];

/** Read a raw managed-storage object, keeping only well-formed values (a bad one is ignored). */
export function parsePolicy(raw: Record<string, unknown>): Policy {
  const policy: Policy = { locked: [] };
  if (typeof raw.server === 'string') {
    const server = parseServer(raw.server);
    if (server.ok) policy.server = server.code;
  }
  if (typeof raw.token === 'string' && raw.token.trim() !== '') policy.token = raw.token.trim();
  const rule =
    typeof raw.agentIdRule === 'string' ? /^fixed:(\d{1,20})$/.exec(raw.agentIdRule.trim()) : null;
  if (rule) policy.agentId = rule[1];
  if (INTERVALS.includes(raw.intervalMin as IntervalMin))
    policy.intervalMin = raw.intervalMin as IntervalMin;
  if (PRIVACY.includes(raw.privacy as PrivacyMode)) policy.privacy = raw.privacy as PrivacyMode;
  if (typeof raw.badgeEnabled === 'boolean') policy.badgeEnabled = raw.badgeEnabled;
  if (Array.isArray(raw.lockedSettings)) {
    policy.locked = MANAGEABLE.filter((name) => (raw.lockedSettings as unknown[]).includes(name));
  }
  return policy;
}

/** The settings with the policy's values in force. */
export function applyPolicy(settings: Settings, policy: Policy): Settings {
  const next = { ...settings };
  if (policy.server !== undefined) next.server = policy.server;
  if (policy.token !== undefined) next.hasToken = true;
  if (policy.agentId !== undefined) next.agentId = policy.agentId;
  if (policy.intervalMin !== undefined) next.intervalMin = policy.intervalMin;
  if (policy.privacy !== undefined) next.privacy = policy.privacy;
  if (policy.badgeEnabled !== undefined) next.badgeEnabled = policy.badgeEnabled;
  return next;
}

/** Which settings the options page must show as set by the organisation. */
export function managedNames(policy: Policy): Manageable[] {
  const set = MANAGEABLE.filter((name) => name !== 'timeZone' && policy[name] !== undefined);
  return [...new Set([...set, ...policy.locked])];
}

/** The policy in force, or an empty one where the browser has no managed storage (Firefox without policies). */
export async function readPolicy(): Promise<Policy> {
  try {
    return parsePolicy(await browser.storage.managed.get(null));
  } catch {
    return { locked: [] };
  }
}

/** Background: bring local settings and the vault in line with the policy. Idempotent. */
export async function enforcePolicy(): Promise<void> {
  const policy = await readPolicy();
  if (policy.token !== undefined && (await loadToken()) !== policy.token)
    await saveToken(policy.token);
  const settings = await settingsItem.getValue();
  const next = applyPolicy(settings, policy);
  if (JSON.stringify(next) !== JSON.stringify(settings)) await settingsItem.setValue(next);
  const names = managedNames(policy);
  const current = await managedItem.getValue();
  if (JSON.stringify(current) !== JSON.stringify(names)) await managedItem.setValue(names);
}

/** Enforce the policy now and whenever the organisation changes it. Call from the background's main. */
export function registerPolicy(): void {
  // First thing: the policy may bring the server, the token and the agent.
  void enforcePolicy();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void enforcePolicy();
  });
}
