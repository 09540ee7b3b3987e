/**
 * Admin deployment: Chromium started with a managed policy for Podio sees the organisation's
 * settings applied and shown as "set by your organisation". The policy file is written under
 * Chromium's system policy folder for a copy of the extension with its own id, so tests running
 * beside this one (with Podio's real id) are not affected.
 */
import { generateKeyPairSync, createHash } from 'node:crypto';
import { access, constants, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchBrowser, serviceWorker, settleInstall } from '../../scripts/chromium';
import { expect, test } from './fixtures';
import { localStorageArea } from './helpers';

const POLICY_DIR = '/etc/chromium/policies/managed';

/** A fresh key pair's public key and the extension id Chromium derives from it. */
function freshKey(): { key: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  return { key: der.toString('base64'), id };
}

async function policyFolderWritable(): Promise<boolean> {
  try {
    await mkdir(POLICY_DIR, { recursive: true });
    await access(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

test('a managed policy configures Podio and locks what it sets', async ({ sim, profile }) => {
  test.skip(!(await policyFolderWritable()), `needs write access to ${POLICY_DIR} (run as root)`);
  const agent = sim.operation.agents[4]!;
  const { key, id } = freshKey();
  const dir = await mkdtemp(join(tmpdir(), 'podio-managed-ext-'));
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, key }));
  const policyFile = join(POLICY_DIR, `podio-test-${id}.json`);
  await writeFile(
    policyFile,
    JSON.stringify({
      '3rdparty': {
        extensions: {
          [id]: {
            server: 'wv0032.wolkvox.com',
            token: 'demo-token',
            agentIdRule: `fixed:${agent.id}`,
            privacy: 'initial',
            intervalMin: 15,
            lockedSettings: ['badgeEnabled'],
          },
        },
      },
    }),
  );
  try {
    const context = await launchBrowser(profile, { port: sim.port, extensionDir: dir });
    try {
      const worker = await serviceWorker(context);
      expect(new URL(worker.url()).host).toBe(id);
      await settleInstall(context);
      const options = await context.newPage();
      await options.goto(`chrome-extension://${id}/options.html`);

      // The policy's values are in force…
      await expect
        .poll(async () => (await localStorageArea(options)).settings)
        .toMatchObject({ server: '0032', hasToken: true, agentId: agent.id, privacy: 'initial' });
      // …and shown read-only, as the organisation's.
      await expect(options.getByTestId('server-input')).toHaveValue('0032');
      await expect(options.getByTestId('server-input')).toBeDisabled();
      await expect(options.getByTestId('server-managed')).toBeVisible();
      await expect(options.getByTestId('token-input')).toBeDisabled();
      await expect(options.getByTestId('privacy-select')).toBeDisabled();
      await expect(options.getByTestId('interval-select')).toHaveValue('15');
      await expect(options.getByTestId('badge-toggle')).toBeDisabled();
      await expect(options.getByTestId('agent-search-managed')).toBeVisible();

      // The policy's token works, and Podio syncs on its own: nobody presses "Save and test".
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${id}/popup.html`);
      await expect(popup.getByTestId('rank')).toHaveText(/^\d+$/);
      expect(sim.log.filter((call) => call.status === 200).length).toBeGreaterThan(0);
      expect(sim.log.every((call) => call.token === 'valid')).toBe(true);

      // A local change to a managed value does not stick.
      await options.evaluate(async () => {
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...settings, privacy: 'full' } });
      });
      await expect
        .poll(
          async () => ((await localStorageArea(options)).settings as { privacy: string }).privacy,
        )
        .toBe('initial');
    } finally {
      await context.close();
    }
  } finally {
    await rm(policyFile, { force: true });
    await rm(dir, { recursive: true, force: true });
  }
});

declare const chrome: {
  storage: {
    local: {
      get(key: string): Promise<{ settings: Record<string, unknown> }>;
      set(v: object): Promise<void>;
    };
  };
};
