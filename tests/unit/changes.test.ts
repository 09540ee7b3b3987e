import { describe, expect, it } from 'vitest';
import { changesSince, type LastLook } from '../../utils/changes';

const look = (over: Partial<LastLook> = {}): LastLook => ({
  agentId: '1001',
  from: '20261101',
  rank: 5,
  points: 100,
  hits: 2,
  calls: 10,
  loginSec: 3600,
  at: 1000,
  ...over,
});

describe('changesSince', () => {
  it('reports gains per figure and places gained', () => {
    const next = look({ rank: 3, points: 160, hits: 3, calls: 14, loginSec: 4500, at: 2000 });
    expect(changesSince(look(), next)).toEqual({
      points: 60,
      hits: 1,
      calls: 4,
      loginSec: 900,
      places: 2,
      since: 1000,
    });
  });

  it.each<[string, LastLook | undefined, LastLook]>([
    ['no earlier look', undefined, look()],
    ['nothing changed', look(), look({ at: 5000 })],
    ['only seconds of login', look(), look({ loginSec: 3630 })],
    ['another agent', look(), look({ agentId: '1002', points: 500 })],
    ['another week or month', look(), look({ from: '20261201', points: 5 })],
  ])('nothing to show: %s', (_name, prev, next) => {
    expect(changesSince(prev, next)).toBeNull();
  });

  it('reports a lost place even with no new points', () => {
    expect(changesSince(look(), look({ rank: 6 }))).toMatchObject({ places: -1, points: 0 });
  });
});
