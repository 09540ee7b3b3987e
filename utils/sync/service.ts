/** The background's single door to the engine: every sync, whoever asks, goes through one queue. */
import type { SyncReply } from '../messages';
import { createQueue } from './queue';
import type { SyncConfig, SyncOutcome, SyncReason } from './engine';

export interface SyncEngine {
  run(reason: SyncReason, override?: SyncConfig): Promise<SyncOutcome>;
}

/** Wrap an engine so the alarm, "refresh now" and "test connection" never overlap. */
export function createSyncService(engine: SyncEngine, onDone: (outcome: SyncOutcome) => void) {
  const queue = createQueue<SyncOutcome>();
  const finish = (outcome: SyncOutcome): SyncOutcome => {
    onDone(outcome);
    return outcome;
  };
  return {
    /** Alarm tick: joins a running or waiting sync rather than queueing a second call. */
    tick: () => queue.joinOrRun(() => engine.run('alarm').then(finish)),
    /** "Refresh now": joins a running or waiting sync. */
    refresh: () => queue.joinOrRun(() => engine.run('user').then(finish)),
    /** "Save and test": waits its turn, then syncs with the candidate settings. */
    test: (config: SyncConfig) => queue.runAfter(() => engine.run('test', config).then(finish)),
    /**
     * Run `task` with no sync in flight (e.g. "forget everything", so no sync writes after it). A
     * refresh or tick asked meanwhile queues behind it rather than joining it.
     */
    exclusive: (task: () => Promise<void>): Promise<void> => queue.runAlone(task),
  };
}

export type SyncService = ReturnType<typeof createSyncService>;

/** What a page is told about a sync. */
export function toReply(outcome: SyncOutcome): SyncReply {
  switch (outcome.status) {
    case 'ok':
      return { ok: true, agentCount: outcome.agentCount, at: outcome.at };
    case 'failed':
      return { ok: false, error: outcome.error };
    case 'skipped':
      return { ok: false, error: 'not-configured' };
  }
}
