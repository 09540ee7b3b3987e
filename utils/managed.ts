/**
 * Settings an operation's IT pushes by browser policy (`storage.managed`, schema in
 * public/managed_schema.json). Managed values win over local ones; managed and locked settings show
 * as "set by your organisation" and cannot be changed on the options page.
 */
import { browser } from 'wxt/browser';
import type { PrivacyMode } from './model';
import {
  INTERVALS,
  managedItem,
  settingsItem,
  syncConfig,
  type IntervalMin,
  type Settings,
} from './settings';
import type { SyncConfig } from './sync/types';
import { loadToken, saveToken } from './vault';
import { cleanPaste, isTokenText, parseServer } from './wolkvox/server';

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
  if (typeof raw.token === 'string') {
    // A token pasted into a policy brings along what a paste into the form does: cleaned the same
    // way, or every sync would send it raw and be refused as a bad token.
    const token = cleanPaste(raw.token);
    if (isTokenText(token)) policy.token = token;
  }
  const rule =
    typeof raw.agentIdRule === 'string' ? /^fixed:(\d{1,20})$/.exec(raw.agentIdRule.trim()) : null;
  if (rule) policy.agentId = rule[1];
  if (INTERVALS.includes(raw.intervalMin as IntervalMin))
    policy.intervalMin = raw.intervalMin as IntervalMin;
  if (PRIVACY.includes(raw.privacy as PrivacyMode)) policy.privacy = raw.privacy as PrivacyMode;
  if (typeof raw.badgeEnabled === 'boolean') policy.badgeEnabled = raw.badgeEnabled;
  if (Array.isArray(raw.lockedSettings)) {
    const asked = raw.lockedSettings as unknown[];
    // Locked without a valid value of the policy's own, these would be empty fields the agent
    // may not fill: Podio could never connect. Left open, the agent can still set them up.
    const given: Partial<Record<Manageable, string>> = {
      server: policy.server,
      token: policy.token,
      agentId: policy.agentId,
    };
    policy.locked = MANAGEABLE.filter(
      (name) => asked.includes(name) && (!(name in given) || given[name] !== undefined),
    );
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

/** A policy that brought another server or token, and the sync configuration it leaves in force. */
export interface ConnectionChange {
  config: SyncConfig;
  /** The server moved from another operation's: its figures and its agent are not this one's. */
  otherServer: boolean;
  /**
   * Write the policy's token and settings. The handler runs it in the sync queue, in one task with
   * the reset that follows: a sync must never read the new server beside the old one's figures.
   */
  apply: () => Promise<void>;
}

let onConnection: ((change: ConnectionChange) => void) | null = null;

/**
 * Have `react` told whenever enforcing the policy changes the server or the token in force. The
 * background's handlers (utils/handlers.ts) restart syncing through their queue with it; they bind
 * it while the background starts, before the first policy read can answer.
 */
export function onPolicyConnection(react: ((change: ConnectionChange) => void) | null): void {
  onConnection = react;
}

let enforcing: Promise<void> = Promise.resolve();
/** The server and token a queued `apply` will write: asked again meanwhile, nothing is queued twice. */
let pending: string | null = null;

/** Background: bring local settings and the vault in line with the policy. Idempotent. */
export function enforcePolicy(): Promise<void> {
  // One at a time: two at once (a policy change and the settings write it causes) would both see
  // the old token and restart syncing twice.
  const run = enforcing.then(enforceNow);
  enforcing = run.catch(() => undefined);
  return run;
}

async function enforceNow(): Promise<void> {
  const policy = await readPolicy();
  const stored = await loadToken();
  const settings = await settingsItem.getValue();
  const tokenChanged = policy.token !== undefined && stored !== policy.token;
  const serverChanged = policy.server !== undefined && policy.server !== settings.server;
  const otherServer = serverChanged && settings.server !== null;
  const names = managedNames(policy);
  const current = await managedItem.getValue();
  if (JSON.stringify(current) !== JSON.stringify(names)) await managedItem.setValue(names);

  /** The token and the settings as the policy has them; the settings read when written. */
  const write = async () => {
    if (tokenChanged) await saveToken(policy.token!);
    const now = await settingsItem.getValue();
    const next = applyPolicy(now, policy);
    // Written with the server, as "Save and test" does: the extension number chosen on the old
    // operation is somebody else's on the new one.
    if (otherServer && policy.agentId === undefined) next.agentId = null;
    if (JSON.stringify(next) !== JSON.stringify(now)) await settingsItem.setValue(next);
  };
  const config = configOf(applyPolicy(settings, policy), policy.token ?? stored);
  if (!(tokenChanged || serverChanged) || !config || !onConnection) return write();
  const target = JSON.stringify([policy.server, policy.token]);
  if (pending === target) return;
  pending = target;
  onConnection({
    config,
    otherServer,
    apply: async () => {
      try {
        await write();
      } finally {
        pending = null;
      }
    },
  });
}

/** What a sync under these settings and this token would use, or null while one is missing. */
function configOf(settings: Settings, token: string | null): SyncConfig | null {
  const server = settings.server === null ? null : parseServer(settings.server);
  return server?.ok && token ? syncConfig(settings, server.origin, token) : null;
}

/** Enforce the policy now and whenever the organisation changes it. Call from the background's main. */
export function registerPolicy(): void {
  // First thing: the policy may bring the server, the token and the agent.
  void enforcePolicy();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void enforcePolicy();
  });
}
