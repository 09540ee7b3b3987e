/**
 * Past days that wolkvox will not serve (a window too big to answer in time, a proxy's 5xx) hold
 * back neither today's figures nor the alarm; the popup says how many days of the period are
 * missing, and the figures are whole once those days arrive.
 */
import { expected, middleAgent } from './expected';
import { expect, test } from './fixtures';
import { configure, fireAlarmAndSettle, send, syncStateOf } from './helpers';

test('past windows failing: today stays fresh, the popup counts the missing days, then all is whole', async ({
  sim,
  openPage,
  worker,
}) => {
  const op = sim.operation;
  const me = middleAgent(op);
  const today = op.today();
  sim.setFault({ kind: '5xx', status: 503, pastOnly: true });

  // Save and test: today answers, every past window gets a 503. Connected all the same.
  const options = await openPage('options.html');
  expect(await configure(options, me)).toMatchObject({ ok: true, agentCount: op.agents.length });
  const past = sim.log.filter((e) => e.query.date_end!.slice(0, 8) < today);
  expect(past.length).toBeGreaterThan(0);
  expect(past.every((e) => e.status === 503)).toBe(true);
  const state = await syncStateOf(options);
  expect(state).toMatchObject({ lastError: null, backoffLevel: 0 });
  expect(state.pastMissing!.length).toBeGreaterThan(0);

  const popup = await openPage('popup.html');
  await expect(popup.getByTestId('rank')).toHaveText(String(expected(op, me, 'today').rank));
  await expect(popup.getByTestId('sync-error')).toHaveCount(0);
  // This month before today: the days the month's figures lack (none on the 1st).
  const monthDaysBefore = Number(today.slice(6, 8)) - 1;
  await popup.getByTestId('period-month').click();
  if (monthDaysBefore > 0) {
    await expect(popup.getByTestId('missing-days')).toHaveText(
      monthDaysBefore === 1
        ? 'Falta 1 día de este periodo en las cifras: Podio lo pedirá de nuevo.'
        : `Faltan ${monthDaysBefore} días de este periodo en las cifras: Podio los pedirá de nuevo.`,
    );
  }

  // The next alarm refreshes today at once; the past days wait for their own backoff.
  const asked = sim.log.length;
  await fireAlarmAndSettle(worker);
  const tick = sim.log.slice(asked);
  expect(tick.map((e) => [e.query.date_ini!.slice(0, 8), e.status])).toEqual([[today, 200]]);
  expect(await syncStateOf(options)).toMatchObject({ lastError: null, backoffLevel: 0 });

  // wolkvox serves the past again; Save and test asks for it at once, and the month is whole.
  sim.setFault(null);
  expect(await send(options, { type: 'saveConnection', server: '0032' })).toMatchObject({
    ok: true,
  });
  expect((await syncStateOf(options)).pastMissing).toEqual([]);
  await expect(popup.getByTestId('missing-days')).toHaveCount(0);
  const month = expected(op, me, 'month');
  await expect(popup.getByTestId('rank')).toHaveText(String(month.rank));
});
