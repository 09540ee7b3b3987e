/** What the numbers were measured on, and whether the build they measured is current. */
import { readdir, stat } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR } from '../../scripts/chromium';

const ROOT = resolve(import.meta.dirname, '../..');

export async function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()}`,
    // Other work on the machine shifts absolute times; the ratios are what the goals judge.
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function newest(dir: string): Promise<{ path: string; mtimeMs: number }> {
  let best = { path: '', mtimeMs: 0 };
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { mtimeMs } = await stat(path);
    if (mtimeMs > best.mtimeMs) best = { path, mtimeMs };
  }
  return best;
}

/** Whether any shipped source is newer than the build in .output/chrome-mv3. */
export async function freshness() {
  const built = (await stat(join(EXTENSION_DIR, 'manifest.json'))).mtimeMs;
  const candidates = await Promise.all(
    ['utils', 'entrypoints', 'components', 'public'].map((d) => newest(join(ROOT, d))),
  );
  const top = candidates.sort((a, b) => b.mtimeMs - a.mtimeMs)[0]!;
  return {
    stale: top.mtimeMs > built,
    newestSource: `${top.path.slice(ROOT.length + 1)} ${new Date(top.mtimeMs).toISOString()}`,
  };
}
