/**
 * Virtual days for end-to-end tests: the whole browser (its service worker, alarms, pages) and the
 * simulator read one shifted wall clock, so midnight can pass in seconds without any test hook in
 * the extension.
 *
 * The browser's clock is shifted by libfaketime (Debian's `faketime` package), preloaded into every
 * Chromium process. It reads its offset from a file, re-read at most once a second, so a test can
 * move the clock forward while the browser runs. Monotonic clocks stay real, so Chromium's timers,
 * and Playwright's timeouts, keep real time.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';
import { CHROMIUM } from '../../scripts/chromium';
import { waitUntil } from './helpers';

const LIB_DIRS = ['x86_64-linux-gnu', 'aarch64-linux-gnu'].map((a) => `/usr/lib/${a}/faketime`);
/** The multithreaded build of libfaketime, where Debian installs it; null when not installed. */
export const FAKETIME_LIB =
  LIB_DIRS.map((d) => join(d, 'libfaketimeMT.so.1')).find((p) => existsSync(p)) ?? null;

/**
 * The Chromium binary itself: Debian's /usr/bin/chromium is a shell script, and a preloaded library
 * is better given to the browser than to a shell.
 */
export const CHROMIUM_BINARY =
  CHROMIUM === '/usr/bin/chromium' && existsSync('/usr/lib/chromium/chromium')
    ? '/usr/lib/chromium/chromium'
    : CHROMIUM;

declare const chrome: {
  alarms: {
    getAll(): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number }[]>;
    clearAll(): Promise<boolean>;
    create(name: string, info: { when: number; periodInMinutes?: number }): Promise<void>;
  };
};

/**
 * After a jump, let the alarms that came due fire. Chromium waits for its next alarm on the
 * monotonic clock, which a jump does not move, and keeps that wait when alarms are added; with
 * none left it stops, and the next one added is timed afresh against the wall clock. So: take
 * every alarm the extension set and set each again, same name, time and period.
 */
export async function nudgeAlarms(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const all = await chrome.alarms.getAll();
    await chrome.alarms.clearAll();
    for (const { name, scheduledTime, periodInMinutes } of all) {
      await chrome.alarms.create(name, { when: scheduledTime, periodInMinutes });
    }
  });
}

/** libfaketime re-reads the offset file at most this often. */
const REREAD_MS = 1000;

export class VirtualClock {
  private offsetSec = 0;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {}

  static async create(): Promise<VirtualClock> {
    const dir = await mkdtemp(join(tmpdir(), 'podio-clock-'));
    const clock = new VirtualClock(dir, join(dir, 'offset'));
    await clock.write();
    return clock;
  }

  /** The virtual time, in ms since the epoch: give it to the simulator as its clock. */
  readonly now = (): number => Date.now() + this.offsetSec * 1000;

  /** Environment for Chromium's processes. */
  env(): Record<string, string> {
    if (!FAKETIME_LIB) throw new Error('libfaketime is missing: apt-get install faketime');
    return {
      LD_PRELOAD: FAKETIME_LIB,
      FAKETIME_TIMESTAMP_FILE: this.file,
      FAKETIME_CACHE_DURATION: String(REREAD_MS / 1000),
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      // libfaketime's pthread_cond_timedwait rewrite deadlocks Chromium at start.
      FAKETIME_FORCE_MONOTONIC_FIX: '0',
    };
  }

  /**
   * Jump to `instant` (ms since the epoch). With `worker`, wait until the service worker's clock
   * shows it, then long enough for every other process to have re-read the offset.
   */
  async travel(instant: number, worker?: Worker): Promise<void> {
    this.offsetSec = Math.round((instant - Date.now()) / 1000);
    await this.write();
    if (!worker) return;
    await waitUntil(
      () => worker.evaluate(() => Date.now()),
      (t) => Math.abs(t - this.now()) < 5_000,
      'the browser clock to move',
    );
    await new Promise((resolve) => setTimeout(resolve, REREAD_MS + 100));
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private async write() {
    const n = this.offsetSec;
    await writeFile(this.file, `${n >= 0 ? '+' : ''}${n}\n`);
  }
}
