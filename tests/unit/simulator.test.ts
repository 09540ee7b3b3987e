// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  agentsKpiPath,
  createOperation,
  simRequest,
  startSimulator,
  toWire,
  type Simulator,
  type SimRequest,
} from '../../scripts/simulator';

// Noon in Bogotá on 2024-03-15: "today" is 20240315 whatever the machine's clock says.
const NOW = new Date('2024-03-15T17:00:00Z');
const TODAY = '20240315';
const TOKEN = 'tok-secret-1234';

interface Envelope {
  code: string;
  error: string | null;
  msg: string;
  data: {
    agent_id: string;
    agent_name: string;
    agent_dni: string;
    stats: Record<string, unknown>[];
  }[];
}

let sim: Simulator;
const call = (o: Partial<SimRequest> = {}) =>
  simRequest(sim.port, {
    path: agentsKpiPath('20240301000000', '20240320235959'),
    token: TOKEN,
    ...o,
  });

beforeAll(async () => {
  sim = await startSimulator({ agents: 60, seed: 7, tokens: [TOKEN], now: () => NOW });
});
afterEach(() => {
  sim.setFault(null);
  sim.resetLog();
});
afterAll(() => sim.close());

describe('agents_kpi answers', () => {
  it('returns the documented envelope with string numbers, newest first, up to today', async () => {
    const res = await call();
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as Envelope;
    expect(body).toMatchObject({ code: '200', error: null });
    expect(body.data).toHaveLength(60);
    const records = body.data.reduce((n, a) => n + a.stats.length, 0);
    expect(body.msg).toBe(`${records} records were found`);
    expect(records).toBeLessThan(60 * 15); // some days are missing
    for (const agent of body.data) {
      expect(agent.agent_dni).toMatch(/^\d{10}$/);
      const dates = agent.stats.map((s) => s.date as string);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(dates.every((d) => d >= '20240301' && d <= TODAY)).toBe(true);
      for (const s of agent.stats) {
        expect(Object.values(s).every((v) => typeof v === 'string')).toBe(true);
        expect(s.aht_time).toMatch(/^\d{2,}:\d{2}:\d{2}$/);
        expect(s.occupancy).toMatch(/^\d{1,2} %$/);
        const truth = sim.operation.statsFor(agent.agent_id, s.date as string);
        expect(truth && toWire(truth)).toEqual(s);
      }
    }
  });

  it.each([
    [
      'a wrong api',
      { path: agentsKpiPath('20240301000000', '20240302000000', 'agents') },
      400,
      'THE API YOU WANT TO CONSULT DOES NOT EXIST',
    ],
    [
      'a wrong path',
      { path: '/api/v2/other.php?api=agents_kpi' },
      400,
      'THE API YOU WANT TO CONSULT DOES NOT EXIST',
    ],
    [
      'a control route under the API path',
      { path: '/api/v2/__sim/log' },
      400,
      'THE API YOU WANT TO CONSULT DOES NOT EXIST',
    ],
    [
      'missing dates',
      { path: '/api/v2/gamification.php?api=agents_kpi' },
      400,
      'SOME PARAMETERS ARE REQUIRED',
    ],
    [
      'an impossible date',
      { path: agentsKpiPath('20240231000000', '20240301000000') },
      400,
      'SOME PARAMETERS ARE REQUIRED',
    ],
    [
      'an end before the start',
      { path: agentsKpiPath('20240302000000', '20240301000000') },
      400,
      'SOME PARAMETERS ARE REQUIRED',
    ],
    ['no token', { token: undefined }, 401, 'PLEASE ENTER THE WOLKVOX-TOKEN'],
    ['a wrong token', { token: 'nope' }, 403, 'PLEASE VALIDATE TOKEN'],
    [
      'a range over 31 days',
      { path: agentsKpiPath('20240101000000', '20240201000000') },
      400,
      'THE DATE RANGE CANNOT EXCEED 31 DAYS',
    ],
  ] as const)('answers %s with the documented error', async (_name, request, status, message) => {
    const res = await call(request);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toEqual({
      code: String(status),
      error: message,
      msg: message,
      data: null,
    });
  });

  it('accepts exactly 31 days', async () => {
    expect((await call({ path: agentsKpiPath('20240101000000', '20240131235959') })).status).toBe(
      200,
    );
  });

  it('never logs the token value', async () => {
    await call();
    await call({ token: 'wrong-secret-9876' });
    await call({ path: `${agentsKpiPath('20240301000000', '20240302000000')}&token=${TOKEN}` });
    const log = JSON.stringify(sim.log);
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain('wrong-secret-9876');
    expect(sim.log.map((e) => e.token)).toEqual(['valid', 'invalid', 'valid']);
  });
});

describe('limits', () => {
  it('refuses more than 60,000 records (agents × days)', async () => {
    const big = await startSimulator({ agents: 2000, now: () => NOW });
    try {
      const request = (end: string) =>
        simRequest(big.port, { path: agentsKpiPath('20240101000000', end), token: 'demo-token' });
      const over = await request('20240131000000'); // 2000 × 31 = 62,000
      expect(over.status).toBe(400);
      expect(JSON.parse(over.body).msg).toBe('THE QUERY EXCEEDS 60000 RECORDS');
      expect((await request('20240130000000')).status).toBe(200); // 2000 × 30 = 60,000
    } finally {
      await big.close();
    }
  });

  it('spends the daily budget per token', async () => {
    const small = await startSimulator({ agents: 3, dailyBudget: 2, now: () => NOW });
    try {
      const req = { path: agentsKpiPath('20240301000000', '20240301235959'), token: 'demo-token' };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await simRequest(small.port, req)).status);
      expect(statuses).toEqual([200, 200, 403]);
      const last = await simRequest(small.port, req);
      expect(JSON.parse(last.body).msg).toBe('TOKEN LIMIT EXCEEDED');
    } finally {
      await small.close();
    }
  });

  it('refuses a second simultaneous request with the same token', async () => {
    const slow = await startSimulator({ agents: 3, latencyMs: 150, now: () => NOW });
    try {
      const req = { path: agentsKpiPath('20240301000000', '20240301235959'), token: 'demo-token' };
      const [a, b] = await Promise.all([simRequest(slow.port, req), simRequest(slow.port, req)]);
      expect([a.status, b.status].sort()).toEqual([200, 403]);
      const busy = a.status === 403 ? a : b;
      expect(JSON.parse(busy.body).msg).toBe(
        'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)',
      );
      expect(slow.peakInFlight).toBe(2);
      expect(slow.log.map((e) => e.inFlightAtStart).sort()).toEqual([0, 1]);
      expect((await simRequest(slow.port, req)).status).toBe(200); // the slot was released
    } finally {
      await slow.close();
    }
  });
});

describe('faults', () => {
  it('applies a fault with times: 1 once, then clears it', async () => {
    sim.setFault({ kind: '5xx', status: 502, times: 1 });
    expect((await call()).status).toBe(502);
    expect((await call()).status).toBe(200);
    expect(sim.log.map((e) => e.fault)).toEqual(['5xx', null]);
  });

  it('applies a pastOnly fault to windows ending before today only, counting only those', async () => {
    const today = sim.operation.today();
    sim.setFault({ kind: '5xx', status: 503, pastOnly: true, times: 1 });
    const todayPath = agentsKpiPath(`${today}000000`, `${today}235959`);
    const pastPath = agentsKpiPath('20240301000000', '20240310235959');
    expect((await call({ path: todayPath })).status).toBe(200);
    expect((await call({ path: pastPath })).status).toBe(503);
    expect((await call({ path: pastPath })).status).toBe(200);
  });

  it('serves invalid JSON, HTML, maintenance, wrong types and duplicates on demand', async () => {
    sim.setFault({ kind: 'malformed', times: 1 });
    const malformed = await call();
    expect(malformed.body).toContain('"data":[,');
    expect(() => JSON.parse(malformed.body)).toThrow();
    sim.setFault({ kind: 'trailing-comma', times: 1 });
    const published = await call();
    expect(published.body.endsWith(',]}')).toBe(true);
    expect(() => JSON.parse(published.body)).toThrow();

    sim.setFault({ kind: 'html', status: 200, times: 1 });
    const html = await call();
    expect([html.status, html.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);

    sim.setFault({ kind: 'maintenance', times: 1 });
    const maintenance = await call();
    expect([maintenance.status, JSON.parse(maintenance.body).msg]).toEqual([403, '']);

    sim.setFault({ kind: 'wrong-types', times: 1 });
    const wrong = JSON.parse((await call()).body) as Envelope;
    expect(wrong.data.some((a) => a.stats.some((s) => s.points === 'N/A'))).toBe(true);

    sim.setFault({ kind: 'duplicates', times: 1 });
    const dup = JSON.parse((await call()).body) as Envelope;
    const ids = dup.data.map((a) => a.agent_id);
    expect(new Set(ids).size).toBeLessThan(ids.length);
    expect(dup.data.some((a) => a.stats.some((s) => (s.date as string) > '20240320'))).toBe(true);
  });

  it('truncates and hangs; a hung request ends when the fault is cleared', async () => {
    sim.setFault({ kind: 'truncated', times: 1 });
    await expect(call()).rejects.toThrow();
    sim.setFault({ kind: 'hang' });
    await expect(call({ timeoutMs: 100 })).rejects.toThrow('timeout');
    sim.setFault(null);
    expect((await call()).status).toBe(200); // the aborted request freed its slot
    expect(sim.log.map((e) => e.status)).toEqual([200, 0, 200]);
  });

  it('is switchable over HTTP on any host, but not under the API path', async () => {
    const post = await simRequest(sim.port, {
      path: '/__sim/fault',
      method: 'POST',
      host: 'agentbox.wolkvox.com',
      body: JSON.stringify({ kind: 'busy', times: 1 }),
    });
    expect(post.status).toBe(200);
    expect(JSON.parse((await call()).body).msg).toContain('SIMULTANEOUS');
    const log = JSON.parse((await simRequest(sim.port, { path: '/__sim/log' })).body);
    expect(log.log).toHaveLength(1);
    const bad = await simRequest(sim.port, { path: '/__sim/fault', method: 'POST', body: '{}' });
    expect(bad.status).toBe(400);
  });
});

describe('operation data', () => {
  it('is deterministic for a seed', () => {
    const a = createOperation({ agents: 40, seed: 3, now: () => NOW });
    const b = createOperation({ agents: 40, seed: 3, now: () => NOW });
    const c = createOperation({ agents: 40, seed: 4, now: () => NOW });
    expect(b.agents).toEqual(a.agents);
    for (let d = 0; d < 10; d++) {
      expect(b.dayStats(addDays(TODAY, -d))).toEqual(a.dayStats(addDays(TODAY, -d)));
    }
    expect(c.dayStats('20240310')).not.toEqual(a.dayStats('20240310'));
  });

  it('has ties, idle agents and missing days on ordinary days', () => {
    const op = createOperation({ agents: 60, seed: 1, now: () => NOW });
    for (let d = 0; d < 10; d++) {
      const rows = op.dayStats(addDays(TODAY, -d));
      const points = rows.map((r) => r.stats.points).filter((p) => p > 0);
      expect(new Set(points).size).toBeLessThan(points.length);
      expect(rows.length).toBeLessThan(60);
      expect(rows.some((r) => r.stats.points === 0)).toBe(true);
    }
    expect(op.agents.some((a) => /[áéíóúñãç]/i.test(a.name))).toBe(true);
  });

  it('moves today only on advance, and restarts it when the date rolls over', () => {
    let now = NOW;
    const op = createOperation({ agents: 20, seed: 1, now: () => now });
    const before = op.dayStats(TODAY);
    expect(op.dayStats(TODAY)).toEqual(before);
    op.advance();
    const after = op.dayStats(TODAY);
    const sum = (rows: typeof before) => rows.reduce((n, r) => n + r.stats.points, 0);
    expect(sum(after)).toBeGreaterThan(sum(before));
    expect(op.statsFor('1001', addDays(TODAY, 1))).toBeNull();
    now = new Date('2024-03-16T05:30:00Z'); // 00:30 in Bogotá
    expect([op.today(), op.advances]).toEqual(['20240316', 0]);
  });

  it('puts hostile names on a few agents when asked', () => {
    const names = createOperation({ agents: 20, seed: 1, hostileNames: true }).agents.map(
      (a) => a.name,
    );
    expect(names).toContain('<script>alert(1)</script>');
    expect(names.some((n) => n.includes('\u202E'))).toBe(true);
    expect(names.some((n) => n.length === 10_000)).toBe(true);
  });
});

describe('hosts', () => {
  it('serves the AgentBox stand-in on agentbox.wolkvox.com only', async () => {
    const page = await simRequest(sim.port, { path: '/', host: 'agentbox.wolkvox.com' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>wolkvox Agent</title>');
    expect(page.body).not.toMatch(/(src|href)="https?:/);
    expect((await simRequest(sim.port, { path: '/', host: 'example.com' })).status).toBe(404);
  });
});
