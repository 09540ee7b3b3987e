/**
 * The floor the badge's time is measured against: an extension whose content script reads one
 * storage.local key and draws the rank, one `<b>`, in a shadow root, on the same page, traced by
 * the same probe.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, serviceWorker } from '../../scripts/chromium';
import type { Simulator } from '../../scripts/simulator';
import { NAME_SHIM, sleep, TMP } from '../lib/browser';
import { installBadgeProbe, phases, visit, type BadgePhases } from './badge-probe';

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

const FLOOR_FILES = {
  'manifest.json': JSON.stringify({
    manifest_version: 3,
    name: 'badge floor',
    version: '1',
    permissions: ['storage'],
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['https://agentbox.wolkvox.com/*'], js: ['floor.js'] }],
  }),
  'background.js': `chrome.runtime.onInstalled.addListener(() =>
    chrome.storage.local.set({ face: { rank: 12 } }));`,
  'floor.js': `const stored = chrome.storage.local.get('face');
const host = document.createElement('podio-badge');
const shadow = host.attachShadow({ mode: 'open' });
document.body.append(host);
stored.then(({ face }) => {
  const b = document.createElement('b');
  b.dataset.testid = 'badge-rank';
  b.style.cssText = 'position:fixed;left:16px;bottom:16px';
  b.textContent = '#' + face.rank;
  shadow.append(b);
});`,
};

export async function measureFloor(sim: Simulator, reps: number): Promise<BadgePhases[]> {
  const dir = join(TMP, 'badge-floor');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(FLOOR_FILES)) await writeFile(join(dir, name), text);
  const profile = await mkdtemp(join(tmpdir(), 'podio-bench-floor-'));
  const context = await launchBrowser(profile, { port: sim.port, extensionDir: dir });
  try {
    const worker = await serviceWorker(context);
    for (let t = 0; t < 100; t++) {
      const { face } = await worker.evaluate(() => chrome.storage.local.get('face'));
      if (face) break;
      await sleep(20);
    }
    await context.addInitScript({ content: NAME_SHIM });
    await installBadgeProbe(context);
    const out: BadgePhases[] = [];
    for (let i = -1; i < reps; i++) {
      const { events, ...marks } = await visit(context, true);
      if (i >= 0) out.push(phases(events!, marks, '/floor.js'));
    }
    return out;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
