/**
 * First run from a fresh profile: the options page opens by itself, the agent connects, finds
 * themselves and sees their rank in the popup.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { SERVER, TOKEN, expect, test } from './fixtures';
import { expected, PERIODS } from './expected';
import { asPopup, localStorageArea } from './helpers';

/** The options tab Podio opened on install. */
async function installTab(context: BrowserContext, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/options.html`;
  await expect.poll(() => context.pages().some((p) => p.url() === url)).toBe(true);
  return context.pages().find((p) => p.url() === url)!;
}

/** The extension numbers of the agents the picker lists. */
function listed(options: Page): Promise<string[]> {
  return options
    .locator('[data-testid^="agent-option-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice(13)));
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

test('onboarding: connect, find yourself, see your rank', async ({
  sim,
  context,
  extensionId,
  openPage,
}) => {
  const op = sim.operation;
  const options = await installTab(context, extensionId);
  await expect(options.getByTestId('agents-empty')).toBeVisible();

  // A host that is not wolkvox: refused beside the field, nothing sent anywhere.
  await options.getByTestId('server-input').fill('https://wv0032.wolkvox.com.evil.example/');
  await options.getByTestId('token-input').fill(TOKEN);
  await options.getByTestId('save-settings').click();
  const serverError = options.getByTestId('server-error');
  await expect(serverError).toHaveText(
    'Escribe un código como 0032, wv0032, wv0032.wolkvox.com o https://wv0032.wolkvox.com.',
  );
  await expect(options.getByTestId('server-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(options.getByTestId('server-input')).toHaveAttribute(
    'aria-describedby',
    /\bserver-error\b/,
  );
  await expect(options.getByTestId('server-input')).toBeFocused();
  expect(sim.log).toHaveLength(0);

  // The server as an agent may paste it; the token is kept.
  await options.getByTestId('server-input').fill(`wv${SERVER}.wolkvox.com`);
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('connection-status')).toHaveText(
    `Conectado: ${op.agents.length} agentes`,
  );
  await expect(serverError).toHaveCount(0);
  expect(sim.log.length).toBeGreaterThan(0);
  expect(await listed(options)).toHaveLength(op.agents.length);

  // Search by part of a name, accents and case ignored…
  const me = op.agents.find((a) => /[áéíóúñ]/i.test(a.name.split(' ')[0]!))!;
  const query = fold(me.name.split(' ')[0]!).toUpperCase();
  await options.getByTestId('agent-search').fill(query);
  const byName = op.agents.filter((a) => fold(a.name).includes(fold(query))).map((a) => a.id);
  await expect.poll(async () => (await listed(options)).sort()).toEqual(byName.sort());
  expect(byName.length).toBeLessThan(op.agents.length);

  // …and by extension number.
  await options.getByTestId('agent-search').fill(me.id);
  await expect.poll(() => listed(options)).toEqual([me.id]);
  await options.getByTestId('agent-search').fill('99999');
  await expect.poll(() => listed(options)).toEqual([]);
  const prefix = me.id.slice(0, 3);
  await options.getByTestId('agent-search').fill(prefix);
  const byPrefix = op.agents.filter((a) => a.id.includes(prefix)).map((a) => a.id);
  await expect.poll(async () => (await listed(options)).sort()).toEqual(byPrefix.sort());
  await options.getByTestId('agent-search').fill(me.id);

  // Choosing is saving.
  await options.getByTestId(`agent-option-${me.id}`).click();
  await expect(options.getByTestId(`agent-option-${me.id}`)).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(options.getByTestId('agent-selected')).toHaveText(
    // The name sits in first-strong isolates (U+2068 … U+2069), as the sentence shows it.
    `Eres \u2068${me.name}\u2069 (extensión ${me.id}).`,
  );
  await expect(options.getByTestId('agent-search-saved')).toHaveText('Guardado');
  await expect
    .poll(async () => (await localStorageArea(options)).settings)
    .toMatchObject({ server: SERVER, hasToken: true, agentId: me.id });

  // The popup shows my standing today.
  const want = expected(op, me.id, 'today');
  const popup = await asPopup(await openPage('popup.html'));
  await expect(popup.getByTestId('period-today')).toHaveAttribute('aria-selected', 'true');
  await expect(popup.getByTestId('rank')).toHaveText(String(want.rank));
  await expect(popup.getByTestId('agent-count')).toHaveText(String(want.count));
  await expect(popup.locator('.board-row.me')).toContainText(me.name);
});

test('a fresh popup asks to connect and leads to the options page', async ({
  context,
  extensionId,
  openPage,
}) => {
  const options = await installTab(context, extensionId);
  await options.close();
  const popup = await openPage('popup.html');
  await expect(popup.getByTestId('state-not-configured')).toBeVisible();
  const opened = context.waitForEvent('page', (p) => p.url().includes('/options.html'));
  await popup.getByRole('button', { name: 'Abrir ajustes' }).click();
  await expect(await opened).toHaveTitle('Ajustes de Podio');
});

test.describe('an operation of one agent', () => {
  test.use({ simOptions: { agents: 1 } });

  test('counts in the singular and ranks them first', async ({
    sim,
    context,
    extensionId,
    openPage,
  }) => {
    const [only] = sim.operation.agents;
    const options = await installTab(context, extensionId);
    await options.getByTestId('server-input').fill(SERVER);
    await options.getByTestId('token-input').fill(TOKEN);
    await options.getByTestId('save-settings').click();
    await expect(options.getByTestId('connection-status')).toHaveText('Conectado: 1 agente');
    await options.getByTestId(`agent-option-${only!.id}`).click();
    await expect(options.getByTestId('agent-search-saved')).toHaveText('Guardado');
    // Alone, they are first in any period in which they scored (the simulator's day may be their
    // day off: then the first period with points; on a month of absences, none).
    const popup = await asPopup(await openPage('popup.html'));
    const scored = PERIODS.find((p) => expected(sim.operation, only!.id, p).points > 0);
    if (!scored) {
      await expect(popup.getByTestId('state-no-activity')).toBeVisible();
      return;
    }
    await popup.getByTestId(`period-${scored}`).click();
    await expect(popup.getByTestId('rank')).toHaveText('1');
    await expect(popup.getByTestId('agent-count')).toHaveText('1');
    await expect(popup.getByTestId('first-place')).toBeVisible();
    await expect(popup.getByTestId('gap-to-next')).toHaveCount(0);
  });
});
