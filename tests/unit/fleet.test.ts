// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { runFleet, type FleetResult } from '../../scripts/fleet/fleet';

const totalCalls = (r: FleetResult) => r.browsers.reduce((n, b) => n + b.calls, 0);

describe('fleet simulation: 20 browsers, one token, a 2-hour shift', () => {
  let run: FleetResult;
  beforeAll(async () => {
    run = await runFleet({ agents: 20, hours: 2, seed: 7 });
  });

  it('never has more than 2 requests admitted at once, nor 2 from one browser', () => {
    expect(run.server.peakAdmitted).toBeGreaterThanOrEqual(1);
    expect(run.server.peakAdmitted).toBeLessThanOrEqual(2);
    for (const b of run.browsers) expect(b.maxInFlight).toBe(1);
  });

  it('stays within the daily budget, and the server saw every call a browser made', () => {
    expect(run.server.answers['daily-limit']).toBe(0);
    expect(run.server.usedByDay.size).toBe(1);
    for (const used of run.server.usedByDay.values()) {
      expect(used).toBeLessThanOrEqual(run.server.budget);
    }
    expect(run.server.budget).toBe(20 * 1000);
    expect(run.server.requests).toBe(totalCalls(run));
  });

  it('gives every browser a successful sync, the first one fetching the past month too', () => {
    for (const b of run.browsers) {
      expect(b.ok).toBeGreaterThan(0);
      expect(b.lastSuccessAt).not.toBeNull();
      expect(b.firstSyncCalls).toBeGreaterThanOrEqual(2);
    }
  });

  it('is reproducible from its seed', async () => {
    const again = await runFleet({ agents: 20, hours: 2, seed: 7 });
    expect(again.browsers.map((b) => b.calls)).toEqual(run.browsers.map((b) => b.calls));
    expect(again.server.answers).toEqual(run.server.answers);
  });
});

describe('fleet simulation under the agents_kpi page rule (one request at a time)', () => {
  it('admits one request at a time and still syncs every browser', async () => {
    const run = await runFleet({ agents: 20, hours: 1, seed: 3, maxInFlight: 1 });
    expect(run.server.peakAdmitted).toBe(1);
    for (const b of run.browsers) expect(b.lastSuccessAt).not.toBeNull();
  });
});
