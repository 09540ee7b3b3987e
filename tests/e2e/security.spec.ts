/**
 * Security and privacy: no ID number and no plaintext token at rest, a content script that can only
 * ask for its badge, a console page that can neither message Podio nor restyle its badge, pages
 * that render hostile names without a CSP violation, and a manifest that asks for nothing more.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../../scripts/chromium';
import type { Simulator } from '../../scripts/simulator';
import { expected, middleAgent } from './expected';
import { SERVER, TOKEN, expect, test } from './fixtures';
import {
  configure,
  deferAlarm,
  localStorageArea,
  openConsole,
  send,
  storageAreas,
  storedDays,
} from './helpers';

/** Every record of every IndexedDB store, binary values decoded as text so nothing hides in them. */
function indexedDbText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('podio');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const bytes = (x: ArrayBuffer | ArrayBufferView) =>
      x instanceof ArrayBuffer
        ? new Uint8Array(x)
        : new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
    const text = (b: Uint8Array) =>
      `${new TextDecoder('utf-8').decode(b)} ${new TextDecoder('utf-16le').decode(b)} ${Array.from(b).join(',')}`;
    const parts: string[] = [];
    for (const name of Array.from(db.objectStoreNames)) {
      const [keys, values] = await Promise.all(
        ['getAllKeys', 'getAll'].map(
          (method) =>
            new Promise<unknown[]>((resolve, reject) => {
              const store = db.transaction(name).objectStore(name) as unknown as Record<
                string,
                () => IDBRequest<unknown[]>
              >;
              const req = store[method]!();
              req.onsuccess = () => resolve(req.result);
              req.onerror = () => reject(req.error);
            }),
        ),
      );
      parts.push(
        name,
        JSON.stringify({ keys, values }, (_k, v: unknown) =>
          v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? text(bytes(v)) : v,
        ),
      );
    }
    db.close();
    return parts.join('\n');
  });
}

/** The agents whose ID number appears in `text`, as a whole number. */
function dnisIn(text: string, sim: Simulator): string[] {
  return sim.operation.agents
    .filter((a) => new RegExp(`(?<!\\d)${a.dni}(?!\\d)`).test(text))
    .map((a) => a.id);
}

/** The execution context of Podio's content script in `page` (its isolated world). */
async function contentScriptWorld(page: Page, context: BrowserContext, extensionId: string) {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  // Enabling reports the contexts that already exist.
  await cdp.send('Runtime.enable');
  await expect
    .poll(() =>
      worlds.some((w) => w.auxData?.type === 'isolated' && w.origin.includes(extensionId)),
    )
    .toBe(true);
  const world = worlds.filter(
    (w) => w.auxData?.type === 'isolated' && w.origin.includes(extensionId),
  )[0]!;
  return {
    cdp,
    /** Evaluate `expression` in the content script's world and return its (awaited) value. */
    async run<T = unknown>(expression: string): Promise<T> {
      const out = await cdp.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (out.exceptionDetails) throw new Error(out.exceptionDetails.exception?.description);
      return out.result.value as T;
    },
  };
}

/** Configure an agent, sync, and keep the alarm out of the way. */
async function synced(
  sim: Simulator,
  openPage: (path: string) => Promise<Page>,
  worker: Parameters<typeof deferAlarm>[0],
  me = middleAgent(sim.operation),
) {
  const options = await openPage('options.html');
  expect(await configure(options, me)).toMatchObject({ ok: true });
  expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true });
  await deferAlarm(worker);
  return { options, me };
}

/** The console page with Podio's badge drawn. */
async function consoleWithBadge(context: BrowserContext): Promise<Page> {
  const page = await openConsole(context);
  await expect(page.locator('podio-badge').locator('.pill')).toBeVisible();
  return page;
}

test('no ID number and no plaintext token in any storage area or IndexedDB store', async ({
  sim,
  context,
  worker,
  openPage,
}) => {
  const { options } = await synced(sim, openPage, worker);
  // Every surface that may write something: the popup, the console badge, the options page.
  const popup = await openPage('popup.html');
  await expect(popup.getByTestId('rank')).toBeVisible();
  await consoleWithBadge(context);

  const areas = JSON.stringify(await storageAreas(options));
  const db = await indexedDbText(options);
  const pageStorage = await options.evaluate(() => JSON.stringify({ ...localStorage }));
  for (const [where, text] of [
    ['storage areas', areas],
    ['IndexedDB', db],
    ['extension localStorage', pageStorage],
  ] as const) {
    expect(text.includes(TOKEN), `plaintext token in ${where}`).toBe(false);
    expect(dnisIn(text, sim), `ID numbers in ${where}`).toEqual([]);
  }
  // The sealed token stays usable only through a key that cannot be exported.
  const key = await options.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('podio');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const stores = Array.from(db.objectStoreNames);
    const keys: { extractable: boolean; algorithm: string }[] = [];
    for (const name of stores) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const v of all) {
        if (v instanceof CryptoKey)
          keys.push({ extractable: v.extractable, algorithm: v.algorithm.name });
      }
    }
    db.close();
    return keys;
  });
  expect(key).toEqual([{ extractable: false, algorithm: 'AES-GCM' }]);
});

test.describe('the content script may only ask for its badge', () => {
  test('every other request is refused, makes no call and changes nothing', async ({
    sim,
    context,
    worker,
    extensionId,
    openPage,
  }) => {
    const { options, me } = await synced(sim, openPage, worker);
    const page = await consoleWithBadge(context);
    const world = await contentScriptWorld(page, context, extensionId);
    const ask = (message: object) =>
      world.run(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);

    // The badge's own request: the face it draws, and nothing else.
    const badge = await ask({ type: 'getBadge' });
    expect(Object.keys(badge as object)).toEqual(['face']);
    expect(badge).toMatchObject({ face: { rank: expected(sim.operation, me, 'today').rank } });
    expect(JSON.stringify(badge).includes(TOKEN)).toBe(false);
    expect(dnisIn(JSON.stringify(badge), sim)).toEqual([]);

    const before = {
      log: sim.log.length,
      local: await localStorageArea(options),
      days: await storedDays(options),
    };
    for (const message of [
      { type: 'syncNow' },
      { type: 'saveConnection', server: '0099', token: 'stolen-token' },
      { type: 'forgetEverything' },
      { type: 'exportToken' },
      { type: 'getBadge ' },
    ]) {
      expect(await ask(message), JSON.stringify(message)).toEqual({ ok: false, error: 'refused' });
    }
    expect(sim.log.length, 'requests to wolkvox').toBe(before.log);
    expect(await localStorageArea(options)).toEqual(before.local);
    expect(await storedDays(options)).toEqual(before.days);
    // The token the content script tried to replace still works.
    expect(await ask({ type: 'getBadge' })).toMatchObject({ face: { rank: expect.any(Number) } });
    const logBefore = sim.log.length;
    expect(await send(options, { type: 'syncNow' })).toMatchObject({ ok: true });
    expect(sim.log.slice(logBefore).map((e) => [e.host, e.token])).toEqual([
      [`wv${SERVER}.wolkvox.com`, 'valid'],
    ]);

    // What a content script can read holds nothing secret, and Podio's database is not in reach.
    const readable = await world.run<string>('chrome.storage.local.get(null).then(JSON.stringify)');
    expect(readable.includes(TOKEN)).toBe(false);
    expect(dnisIn(readable, sim)).toEqual([]);
    const databases = await world.run<string[]>(
      'indexedDB.databases().then((list) => list.map((d) => d.name))',
    );
    expect(databases).not.toContain('podio');
  });

  test('the console page itself cannot message Podio', async ({
    sim,
    context,
    worker,
    extensionId,
    openPage,
  }) => {
    await synced(sim, openPage, worker);
    const page = await consoleWithBadge(context);
    const logBefore = sim.log.length;
    const outcome = await page.evaluate(async (id) => {
      // Whatever the page posts to itself, the content script does not listen.
      window.postMessage({ type: 'syncNow' }, '*');
      window.postMessage({ type: 'forgetEverything' }, '*');
      const runtime = (
        globalThis as unknown as {
          chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } };
        }
      ).chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return 'no runtime';
      try {
        await runtime.sendMessage(id, { type: 'syncNow' });
        return 'answered';
      } catch {
        return 'refused';
      }
    }, extensionId);
    expect(['no runtime', 'refused']).toContain(outcome);
    await expect(page.locator('podio-badge').locator('.pill')).toBeVisible();
    expect(sim.log.length).toBe(logBefore);
  });
});

test('the content-script bundle holds no token-handling code', async () => {
  const bundle = await readFile(join(EXTENSION_DIR, 'content-scripts', 'agentbox.js'), 'utf8');
  for (const needle of ['wolkvox-token', 'saveToken', 'loadToken', 'AES-GCM', 'indexedDB']) {
    expect(bundle.includes(needle), needle).toBe(false);
  }
});

test.describe('a hostile console page', () => {
  test('reads the open shadow DOM at most, and its CSS cannot restyle the badge', async ({
    sim,
    context,
    worker,
    openPage,
  }) => {
    const { me } = await synced(sim, openPage, worker);
    const page = await context.newPage();
    // The page's own scripts run first and tamper with everything they can reach.
    await page.addInitScript(() => {
      const w = window as unknown as { podioSpy: { messages: string[]; appended: number } };
      w.podioSpy = { messages: [], appended: 0 };
      window.addEventListener('message', (e) => w.podioSpy.messages.push(JSON.stringify(e.data)));
      const append = Element.prototype.append;
      Element.prototype.append = function (...nodes) {
        w.podioSpy.appended += 1;
        return append.apply(this, nodes);
      };
      Element.prototype.attachShadow = function () {
        throw new Error('no shadow roots on this page');
      };
    });
    await page.goto('https://agentbox.wolkvox.com/');
    const host = page.locator('podio-badge');
    const pill = host.locator('.pill');
    await expect(pill).toBeVisible();
    await expect(host.getByTestId('badge-rank')).toHaveText(
      String(expected(sim.operation, me, 'today').rank),
    );

    const reach = await page.evaluate(() => {
      const el = document.querySelector('podio-badge')!;
      const w = window as unknown as {
        podioSpy: { messages: string[]; appended: number };
        browser?: unknown;
      };
      return {
        // The badge's figures are in an open shadow root: readable, by design.
        readable: el.shadowRoot?.querySelector('[data-testid="badge-rank"]')?.textContent ?? null,
        // Nothing of the content script's own objects shows on the element or the window.
        expandos: Object.keys(el),
        browser: typeof w.browser,
        spy: w.podioSpy,
      };
    });
    expect(reach.readable).toBe(String(expected(sim.operation, me, 'today').rank));
    expect(reach.expandos).toEqual([]);
    expect(reach.browser).toBe('undefined');
    // The page's patched DOM methods were never used to draw the badge.
    expect(reach.spy.appended).toBe(0);
    // Nothing is posted to the page: no figures, and not the extension id either (WXT's
    // "content script started" notice carries it unless the entrypoint opts out).
    for (const m of reach.spy.messages) {
      expect(m.includes(String(expected(sim.operation, me, 'today').points))).toBe(false);
    }
    expect.soft(reach.spy.messages, 'messages posted to the console page').toEqual([]);

    // Styles aimed at the badge from the page: its host, its inner class names, its tags.
    await page.addStyleTag({
      content: `
        podio-badge { color: red !important; font: 40px/3 serif !important;
          letter-spacing: 9px !important; text-transform: uppercase !important;
          visibility: hidden !important; opacity: 0 !important; }
        .podio, .pill, podio-badge .pill, b, span, button {
          color: red !important; font-size: 40px !important; padding: 30px !important;
          background: red !important; display: none !important; }`,
    });
    await expect(pill).toBeVisible();
    const style = await page.evaluate(() => {
      const root = document.querySelector('podio-badge')!.shadowRoot!;
      const read = (selector: string) => {
        const s = getComputedStyle(root.querySelector(selector)!);
        return {
          color: s.color,
          fontSize: s.fontSize,
          fontFamily: s.fontFamily.split(',')[0]!.trim(),
          letterSpacing: s.letterSpacing,
          textTransform: s.textTransform,
          visibility: s.visibility,
          opacity: s.opacity,
          display: s.display,
        };
      };
      const pill = getComputedStyle(root.querySelector('.pill')!);
      return {
        pill: read('.pill'),
        rank: read('[data-testid="badge-rank"]'),
        padding: pill.padding,
        background: pill.backgroundColor,
      };
    });
    const own = {
      color: 'rgb(26, 29, 33)',
      fontSize: '13px',
      fontFamily: 'system-ui',
      letterSpacing: 'normal',
      textTransform: 'none',
      visibility: 'visible',
      opacity: '1',
    };
    expect(style.pill).toEqual({ ...own, display: 'flex' });
    expect(style.rank).toEqual({ ...own, display: 'inline' });
    expect(style.padding).toBe('6px 12px');
    expect(style.background).toBe('rgb(255, 255, 255)');
  });
});

test.describe('hostile agent names', () => {
  test.use({ simOptions: { hostileNames: true } });

  test('render as text on the popup and options pages, with no CSP violation', async ({
    sim,
    context,
    worker,
    extensionId,
    openPage,
  }) => {
    const me = '1003';
    expect(sim.operation.agents.find((a) => a.id === me)?.name).toBe('<script>alert(1)</script>');
    await synced(sim, openPage, worker, me);

    for (const path of ['popup.html', 'options.html']) {
      const page = await watchedPage(context, `chrome-extension://${extensionId}/${path}`);
      if (path === 'popup.html') {
        await expect(page.page.getByTestId('rank')).toBeVisible();
        for (const tab of await page.page.getByRole('tab').all()) {
          await tab.click();
          await expect(page.page.getByRole('tabpanel')).toBeVisible();
        }
      } else {
        await expect(page.page.getByTestId('server-input')).toHaveValue(SERVER);
      }
      await expect(page.page.getByText('<script>alert(1)</script>').first()).toBeAttached();
      expect(await page.page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.violations(), `CSP violations on ${path}`).toEqual([]);
      expect(page.dialogs, `dialogs on ${path}`).toEqual([]);
      expect(page.errors, `errors on ${path}`).toEqual([]);
    }
  });
});

/** An extension page that records CSP violations, dialogs and uncaught errors from its start. */
async function watchedPage(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(url);
  return {
    page,
    dialogs,
    errors,
    violations: () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

/** Every script and page of the build, by path. */
async function builtFiles(dir = EXTENSION_DIR): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|html)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
  }
  return out;
}

test('the manifest asks for nothing more and loads no remote code', async () => {
  const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    permissions?: string[];
    optional_permissions?: string[];
    host_permissions?: string[];
    externally_connectable?: unknown;
    content_security_policy?: { extension_pages?: string; sandbox?: string };
    content_scripts?: { matches: string[] }[];
    web_accessible_resources?: { resources: string[]; matches: string[] }[];
  };
  // notifications: rank alerts (opt-in); it carries no install warning.
  expect([...(manifest.permissions ?? [])].sort()).toEqual([
    'alarms',
    'idle',
    'notifications',
    'storage',
  ]);
  expect(manifest.optional_permissions ?? []).toEqual([]);
  expect(manifest.host_permissions).toEqual(['https://*.wolkvox.com/*']);
  expect(manifest.externally_connectable).toBeUndefined();
  const csp = Object.values(manifest.content_security_policy ?? {}).join(' ');
  expect(csp).not.toMatch(/https?:|wss?:|\*|'unsafe-eval'|'unsafe-inline'|data:|blob:/);
  expect(manifest.content_scripts?.flatMap((c) => c.matches)).toEqual([
    'https://agentbox.wolkvox.com/*',
  ]);
  for (const w of manifest.web_accessible_resources ?? []) {
    expect(w.matches).toEqual(['https://agentbox.wolkvox.com/*']);
    expect(w.resources.every((r) => r.endsWith('.css'))).toBe(true);
  }

  // XML namespaces are names, not addresses: Preact compares against them.
  const NAMESPACES = new Set([
    'http://www.w3.org/1998/Math/MathML',
    'http://www.w3.org/1999/xhtml',
    'http://www.w3.org/2000/svg',
    'http://www.w3.org/1999/xlink',
    'http://www.w3.org/XML/1998/namespace',
  ]);
  const files = await builtFiles();
  expect(files.size).toBeGreaterThan(3);
  for (const [path, text] of files) {
    const plain = [...text.matchAll(/http:\/\/[^\s"'`)]+/g)].map((m) => m[0]);
    expect(
      plain.filter((u) => !NAMESPACES.has(u)),
      `http URLs in ${path}`,
    ).toEqual([]);
    expect(text, path).not.toMatch(/importScripts\s*\(|\beval\s*\(|new Function\s*\(/);
    expect(text, path).not.toMatch(/import\s*\(\s*["'`]https?:/);
    if (path.endsWith('.html')) {
      // Pages load their scripts and styles from the package only.
      const sources = [...text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(
        sources.filter((s) => /^[a-z]+:|^\/\//i.test(s)),
        `remote sources in ${path}`,
      ).toEqual([]);
    }
  }
});
