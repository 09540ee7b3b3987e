/**
 * Spanish, English and Brazilian Portuguese: words from the catalogue, numbers grouped as each language writes them.
 * Also saves screenshots of popup, options and console badge for review.
 */
import type { Operation } from '../../scripts/simulator';
import { PERIODS, expected, grouped, middleAgent, population, type Period } from './expected';
import { expect, test } from './fixtures';
import { asPopup, configure, openConsole, saveScreenshot, toolbarTitle } from './helpers';

const LANGS = {
  es: {
    tabs: ['Hoy', 'Esta semana', 'Este mes'],
    sep: '.',
    options: 'Ajustes de Podio',
    save: 'Guardar y probar',
    of: 'de',
  },
  en: {
    tabs: ['Today', 'This week', 'This month'],
    sep: ',',
    options: 'Podio settings',
    save: 'Save and test',
    of: 'of',
  },
  'pt-BR': {
    tabs: ['Hoje', 'Esta semana', 'Este mês'],
    sep: '.',
    options: 'Configurações do Podio',
    save: 'Salvar e testar',
    of: 'de',
  },
} as const;

/** An agent and a period with four-digit points, where Spanish and English grouping differ most. */
function fourDigits(op: Operation): { me: string; period: Period } | null {
  for (const period of PERIODS) {
    const agent = population(op, period, '').find((t) => t.points >= 1000 && t.points < 10_000);
    if (agent) return { me: agent.id, period };
  }
  return null;
}

for (const [lang, words] of Object.entries(LANGS)) {
  test.describe(`in ${lang}`, () => {
    test.use({ lang });

    test('popup, options and console badge speak the language and group numbers', async ({
      sim,
      context,
      openPage,
      worker,
    }) => {
      const op = sim.operation;
      const me = middleAgent(op);
      const options = await openPage('options.html');
      await configure(options, me);
      await expect(options.getByRole('heading', { level: 1 })).toHaveText(words.options);
      await expect(options.getByTestId('save-settings')).toHaveText(words.save);
      await expect(options.getByTestId(`agent-option-${me}`)).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await saveScreenshot(options, lang, 'options');

      const popup = await asPopup(await openPage('popup.html'));
      await expect(popup.getByRole('tab')).toHaveText([...words.tabs]);
      for (const period of PERIODS) {
        const want = expected(op, me, period);
        await popup.getByTestId(`period-${period}`).click();
        await expect(popup.getByTestId('rank')).toHaveText(String(want.rank));
        // Exactly as the language groups thousands: "15.246" in Spanish, "15,246" in English.
        await expect(popup.getByTestId('points')).toHaveText(grouped(want.points, words.sep));
        await expect(popup.getByTestId('gap-to-next')).toContainText(
          grouped(want.gapToNext!, words.sep),
        );
        await expect
          .poll(() => toolbarTitle(worker))
          .toBe(
            `Podio: #${want.rank} ${words.of} ${want.count} · ${grouped(want.points, words.sep)} pts`,
          );
        await saveScreenshot(popup, lang, `popup-${period}`);
      }

      const agentbox = await openConsole(context);
      const month = expected(op, me, 'month');
      await expect(agentbox.getByTestId('badge-points')).toHaveText(
        grouped(month.points, words.sep),
      );
      await agentbox.getByTestId('badge-rank').click();
      await expect(agentbox.getByTestId('badge-details')).toContainText(words.tabs[2]);
      await saveScreenshot(agentbox, lang, 'badge');
    });

    test('the toolbar tooltip writes points as the popup does', async ({
      sim,
      openPage,
      worker,
    }) => {
      const pick = fourDigits(sim.operation);
      test.skip(pick === null, 'no agent has four-digit points in any period today');
      const { me, period } = pick!;
      const want = expected(sim.operation, me, period);
      const popup = await asPopup(await openPage('popup.html'));
      await configure(popup, me);
      await popup.getByTestId(`period-${period}`).click();
      await expect(popup.getByTestId('points')).toHaveText(grouped(want.points, words.sep));
      const shown = await popup.getByTestId('points').textContent();
      await expect
        .poll(() => toolbarTitle(worker))
        .toBe(`Podio: #${want.rank} ${words.of} ${want.count} · ${shown} pts`);
    });
  });
}
