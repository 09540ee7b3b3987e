/**
 * The Firefox build (.output/firefox-mv2) in Debian's Firefox ESR, driven over WebDriver BiDi by
 * puppeteer-core: Playwright drives only its own patched Firefox, which this machine cannot download.
 * Firefox has no --host-resolver-rules, so a local CONNECT proxy sends the real wolkvox hosts to the
 * simulator, and the session accepts its self-signed certificate: the code under test calls
 * `https://wv0032.wolkvox.com/...` as it does for an agent.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { TIME_ZONE } from '../../scripts/chromium';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';
export const FIREFOX_FOUND = existsSync(FIREFOX);
/** The real executable (Debian's /usr/bin/firefox-esr is a link), beside its libraries. */
const FIREFOX_REAL = FIREFOX_FOUND ? realpathSync(FIREFOX) : FIREFOX;
const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv2');
export const GECKO_ID = 'podio@podio-extension.org';
/** Fixed by pref, so the extension's pages have a known origin. */
export const EXTENSION_ORIGIN = 'moz-extension://0d6f1c2e-5b8a-4c3d-9e7f-1a2b3c4d5e6f';

/** A proxy that tunnels HTTPS for *.wolkvox.com to the simulator and refuses everything else. */
export async function startWolkvoxProxy(simulatorPort: number): Promise<Server> {
  const proxy = createServer((client) => {
    client.on('error', () => client.destroy());
    client.once('data', (head) => {
      const target = /^CONNECT ([a-z0-9.-]+):443 HTTP/i.exec(head.toString('latin1'))?.[1];
      // Firefox's own HTTPS services (remote settings, telemetry) are refused: nothing leaves the
      // machine. Plain HTTP does not come here (no HTTP proxy is set) and has nowhere to go.
      if (!target?.endsWith('.wolkvox.com'))
        return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      const upstream = connect(simulatorPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
    });
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  return proxy;
}

/** Whether this Firefox can show its UI in `locale` (en-US is built in; others need firefox-esr-l10n-*). */
export function hasLanguagePack(locale: string): boolean {
  if (locale === 'en-US') return true;
  const packs = join(dirname(FIREFOX_REAL), 'browser', 'extensions');
  return existsSync(packs) && readdirSync(packs).some((f) => f.startsWith(`langpack-${locale}@`));
}

/**
 * A Firefox that reads `policies` as an organisation's policies.json, without touching the
 * machine's: Firefox looks for distribution/policies.json beside its own executable, so this is a
 * folder of links to the installed Firefox with a copy of its executable and that one file.
 * Returns the executable to launch; the caller removes its folder.
 */
export async function firefoxWithPolicies(policies: object): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podio-firefox-policies-'));
  const install = dirname(FIREFOX_REAL);
  const executable = join(dir, basename(FIREFOX_REAL));
  try {
    for (const name of await readdir(install)) {
      if (name === 'distribution' || name === basename(FIREFOX_REAL)) continue;
      await symlink(join(install, name), join(dir, name));
    }
    // A copy, not a link: Firefox finds its folder from the executable's real path.
    await copyFile(FIREFOX_REAL, executable);
    await mkdir(join(dir, 'distribution'));
    await writeFile(join(dir, 'distribution', 'policies.json'), JSON.stringify(policies));
    return executable;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Firefox ESR with Podio installed as a temporary add-on. `locale` needs its language pack
 * (firefox-esr-l10n-*); en-US is built in. `executablePath` is another Firefox, e.g. one with
 * policies (firefoxWithPolicies).
 */
export async function launchFirefox(
  proxyPort: number,
  locale: string,
  executablePath = FIREFOX,
): Promise<Browser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(`no Firefox build in ${EXTENSION_DIR}: run npm run build:firefox first`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    acceptInsecureCerts: true,
    env: { ...process.env, TZ: TIME_ZONE },
    extraPrefsFirefox: {
      'intl.locale.requested': locale,
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'extensions.webextensions.uuids': JSON.stringify({
        [GECKO_ID]: EXTENSION_ORIGIN.slice('moz-extension://'.length),
      }),
    },
  });
  try {
    const id = await browser.installExtension(EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`installed ${id}, expected ${GECKO_ID}`);
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Where a page is: Puppeteer's url() misses navigations inside moz-extension pages. */
export const locationOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');

/** The tab showing one of the extension's pages (e.g. the options page opened on install). */
export async function extensionTab(browser: Browser, path: string, timeoutMs = 10_000) {
  const url = `${EXTENSION_ORIGIN}/${path}`;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    for (const page of await browser.pages()) if ((await locationOf(page)) === url) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab shows ${url}`);
}

/** The text of the first element matching `selector`, or null when there is none. */
export const textOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** Save a screenshot for review under test-results/screenshots/firefox-<locale>/<name>.png. */
export async function firefoxScreenshot(page: Page, locale: string, name: string) {
  const dir = resolve('test-results/screenshots', `firefox-${locale}`);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: resolve(dir, `${name}.png`) });
}
