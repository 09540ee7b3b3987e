import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { WolkvoxErrorKind } from '../../utils/wolkvox/errors';
import { WolkvoxError } from '../../utils/wolkvox/errors';
import { fetchAgentsKpi, type FetchAgentsKpiOptions } from '../../utils/wolkvox/client';
import { rowsOf } from '../../utils/day-records';

// Through a variable: Vite rewrites a literal `new URL(…, import.meta.url)` into an asset import.
const here = import.meta.url;
const fixture = (name: string) =>
  readFileSync(new URL(`../../../shared/fixtures/${name}`, here), 'utf8');

const TOKEN = 'tok-5ecr3t-0a1b2c3d4e5f';
const ORIGIN = 'https://wv0032.wolkvox.com';
// 2023-01-31 10:20:30 in Bogotá.
const NOW = Date.parse('2023-01-31T15:20:30Z');

function fakeFetch(respond: () => Response | Promise<Response>) {
  return vi.fn<typeof fetch>(async () => respond());
}

function options(fetch: typeof globalThis.fetch, over: Partial<FetchAgentsKpiOptions> = {}) {
  return {
    origin: ORIGIN,
    token: TOKEN,
    window: { from: '20230101', to: '20230131' },
    now: NOW,
    timeZone: 'America/Bogota',
    fetch,
    ...over,
  };
}

/** The WolkvoxError a call rejects with, after checking it never mentions the token. */
async function failure(promise: Promise<unknown>): Promise<WolkvoxError> {
  const err = await promise.then(
    () => expect.unreachable('the call should fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WolkvoxError);
  expect(String(err)).not.toContain(TOKEN);
  expect((err as WolkvoxError).message).not.toContain(TOKEN);
  return err as WolkvoxError;
}

describe('fetchAgentsKpi request', () => {
  it('sends exactly what the API expects, to the operation host only', async () => {
    const fetch = fakeFetch(() => new Response(fixture('agents_kpi_doc_sample.json')));
    await fetchAgentsKpi(options(fetch));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(
      'https://wv0032.wolkvox.com/api/v2/gamification.php?api=agents_kpi&date_ini=20230101000000&date_end=20230131102030',
    );
    expect(new Headers(init?.headers).get('wolkvox-token')).toBe(TOKEN);
    expect(init).toMatchObject({
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('ends a past window at 23:59:59', async () => {
    const fetch = fakeFetch(() => new Response('{"code":"200","data":[]}'));
    await fetchAgentsKpi(options(fetch, { window: { from: '20230110', to: '20230120' } }));
    expect(fetch.mock.calls[0]![0]).toBe(
      'https://wv0032.wolkvox.com/api/v2/gamification.php?api=agents_kpi&date_ini=20230110000000&date_end=20230120235959',
    );
  });

  it('returns the parsed answer and its size in bytes', async () => {
    const body = JSON.stringify({
      code: 200,
      data: [{ agent_id: '7', agent_name: 'José', agent_dni: '55', stats: [] }],
    });
    const result = await fetchAgentsKpi(options(fakeFetch(() => new Response(body))));
    expect(result.agents).toEqual([{ id: '7', name: 'José' }]);
    expect(result.bytes).toBe(new TextEncoder().encode(body).length);
    expect(result.bytes).toBe(body.length + 1);
  });

  it('parses the documentation sample', async () => {
    const result = await fetchAgentsKpi(
      options(fakeFetch(() => new Response(fixture('agents_kpi_doc_sample.json')))),
    );
    expect(rowsOf(result.days)).toHaveLength(29);
    expect(rowsOf(result.days).find((r) => r.date === '20230123')?.points).toBe(428);
    expect(JSON.stringify(result)).not.toContain('9274658220');
  });

  it('names the rows it refused, so the store can keep their stored figures', async () => {
    const stat = { date: '20230102', points: '12a', hits: '0', calls: '0', aht_time: '00:00:00' };
    const body = JSON.stringify({
      code: '200',
      data: [{ agent_id: '7', agent_name: 'A', stats: [stat] }],
    });
    const result = await fetchAgentsKpi(options(fakeFetch(() => new Response(body))));
    expect(result.days).toEqual([]);
    expect(result.refused).toEqual([{ agentId: '7', date: '20230102' }]);
  });

  it.each([
    'https://evil.com',
    'http://wv0032.wolkvox.com',
    'https://wv0032.wolkvox.com.evil.com',
    'https://x@wv0032.wolkvox.com',
    'https://wv0032.wolkvox.com:8443',
    'https://agentbox.wolkvox.com',
    'https://evil.com#',
  ])('never calls %s with the token', async (origin) => {
    const fetch = fakeFetch(() => new Response('{"code":"200","data":[]}'));
    const err = await failure(fetchAgentsKpi(options(fetch, { origin })));
    expect(err.kind).toBe('bad-server');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends a pasted token without its surrounding whitespace', async () => {
    const fetch = fakeFetch(() => new Response('{"code":"200","data":[]}'));
    await fetchAgentsKpi(options(fetch, { token: ` ${TOKEN}\n` }));
    expect(new Headers(fetch.mock.calls[0]![1]?.headers).get('wolkvox-token')).toBe(TOKEN);
  });

  it.each(['', ' \n'])('does not spend a call without a token (%j)', async (token) => {
    const fetch = fakeFetch(() => new Response('{"code":"200","data":[]}'));
    const err = await failure(fetchAgentsKpi(options(fetch, { token })));
    expect(err.kind).toBe('missing-token');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a token a header cannot carry, without quoting it', async () => {
    const fetch = fakeFetch(() => new Response('{"code":"200","data":[]}'));
    const token = `${TOKEN}\nX-Evil: 1`;
    const err = await failure(fetchAgentsKpi(options(fetch, { token })));
    expect(err.kind).toBe('bad-token');
    expect(err.message).not.toContain('X-Evil');
    expect(fetch).not.toHaveBeenCalled();
  });
});

const envelope = (code: number, error: string) => JSON.stringify({ code, error, msg: error });

describe('fetchAgentsKpi error answers', () => {
  it.each<[number, string, WolkvoxErrorKind]>([
    [400, envelope(400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST'), 'bad-request'],
    [400, envelope(400, 'SOME PARAMETERS ARE REQUIRED'), 'bad-request'],
    [401, envelope(401, 'PLEASE ENTER THE WOLKVOX-TOKEN'), 'missing-token'],
    [401, '', 'missing-token'],
    [403, envelope(403, 'PLEASE VALIDATE TOKEN'), 'bad-token'],
    [403, envelope(403, 'TOKEN LIMIT EXCEEDED'), 'daily-limit'],
    [403, envelope(403, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)'), 'busy'],
    [403, JSON.stringify({ code: '403', error: null, msg: 'TOKEN LIMIT EXCEEDED' }), 'daily-limit'],
    [403, JSON.stringify({ code: '403', error: 'Please validate token' }), 'bad-token'],
    [403, 'PLEASE VALIDATE TOKEN', 'bad-token'],
    [403, 'Token limit exceeded', 'daily-limit'],
    [403, '<html><body>EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS</body></html>', 'busy'],
    [403, '', 'maintenance'],
    [403, envelope(403, ''), 'maintenance'],
    [403, '<html><body>Forbidden</body></html>', 'maintenance'],
    [403, '{"code":"403","error":"SOMETHING ELSE"}', 'maintenance'],
    [404, 'Not Found', 'server'],
    [429, '', 'server'],
    [500, 'Internal Server Error', 'server'],
    [502, '<html>Bad gateway</html>', 'server'],
    [503, '', 'server'],
    [204, '', 'server'],
  ])('HTTP %i %j → %s', async (status, body, kind) => {
    const fetch = fakeFetch(() => new Response(status === 204 ? null : body, { status }));
    const err = await failure(fetchAgentsKpi(options(fetch)));
    expect(err.kind).toBe(kind);
    expect(err.status).toBe(status);
  });

  it.each<[string, WolkvoxErrorKind]>([
    [envelope(403, 'TOKEN LIMIT EXCEEDED'), 'daily-limit'],
    [JSON.stringify({ code: '403', error: 'PLEASE VALIDATE TOKEN', msg: '' }), 'bad-token'],
    [envelope(401, 'PLEASE ENTER THE WOLKVOX-TOKEN'), 'missing-token'],
    [envelope(400, 'SOME PARAMETERS ARE REQUIRED'), 'bad-request'],
    // A 200 whose `error` names a documented refusal, with no data: that refusal, not 0 agents.
    [JSON.stringify({ code: '200', error: 'TOKEN LIMIT EXCEEDED', data: [] }), 'daily-limit'],
    [JSON.stringify({ code: 200, error: 'please validate token', data: [] }), 'bad-token'],
  ])('HTTP 200 with the error envelope %s → %s', async (body, kind) => {
    const err = await failure(fetchAgentsKpi(options(fakeFetch(() => new Response(body)))));
    expect(err.kind).toBe(kind);
  });

  it('HTTP 200 with figures and an error naming a refusal → that refusal, not the figures', async () => {
    const sample = JSON.parse(fixture('agents_kpi_doc_sample.json')) as object;
    const body = JSON.stringify({ ...sample, error: 'TOKEN LIMIT EXCEEDED' });
    const err = await failure(fetchAgentsKpi(options(fakeFetch(() => new Response(body)))));
    expect(err.kind).toBe('daily-limit');
  });

  it.each([
    ['HTML', '<!DOCTYPE html><html><body>Mantenimiento</body></html>'],
    ['plain text', 'OK'],
    ['truncated JSON', fixture('agents_kpi_doc_sample.json').slice(0, 500)],
    ['an empty body', ''],
    ['an envelope without data', '{"code":"200","error":null,"msg":"0 records were found"}'],
  ])('HTTP 200 with %s → malformed', async (_label, body) => {
    const err = await failure(fetchAgentsKpi(options(fakeFetch(() => new Response(body)))));
    expect(err.kind).toBe('malformed');
  });
});

describe('an answer whose body breaks off', () => {
  it('is malformed (wolkvox answered), not a network failure', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"code":"200","error":null,"data":[{"agent'));
        controller.error(new TypeError('network error'));
      },
    });
    const err = await failure(fetchAgentsKpi(options(fakeFetch(() => new Response(body)))));
    expect(err.kind).toBe('malformed');
    expect(err.message).not.toContain(TOKEN);
  });
});

describe('fetchAgentsKpi network and time', () => {
  it('maps a rejected fetch to network', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    expect((await failure(fetchAgentsKpi(options(fetch)))).kind).toBe('network');
  });

  it('maps a fetch that throws synchronously to network', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() => {
      throw new TypeError('boom');
    });
    expect((await failure(fetchAgentsKpi(options(fetch)))).kind).toBe('network');
  });

  it('times out a fetch that never answers, aborting it', async () => {
    let signal: AbortSignal | undefined;
    const fetch = vi.fn<typeof globalThis.fetch>(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
    );
    const err = await failure(fetchAgentsKpi(options(fetch, { timeoutMs: 50 })));
    expect(err.kind).toBe('timeout');
    expect(signal?.aborted).toBe(true);
  });

  it('times out even when the fetch ignores the signal', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() => new Promise<Response>(() => {}));
    expect((await failure(fetchAgentsKpi(options(fetch, { timeoutMs: 50 })))).kind).toBe('timeout');
  });

  it('times out while the body is still arriving', async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"code":"200","data":['));
      },
    });
    const fetch = fakeFetch(() => new Response(stalled));
    expect((await failure(fetchAgentsKpi(options(fetch, { timeoutMs: 50 })))).kind).toBe('timeout');
  });

  it('stops when the caller aborts, with the caller’s reason', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() => new Promise<Response>(() => {}));
    const caller = new AbortController();
    const reason = new Error('user left');
    const call = fetchAgentsKpi(options(fetch, { signal: caller.signal }));
    caller.abort(reason);
    await expect(call).rejects.toBe(reason);
  });

  it('does not call at all with an already aborted signal', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() => new Promise<Response>(() => {}));
    const reason = new Error('gone');
    const call = fetchAgentsKpi(options(fetch, { signal: AbortSignal.abort(reason) }));
    await expect(call).rejects.toBe(reason);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('fetchAgentsKpi: an answer with no agents', () => {
  it('is 0 agents when its error is null or names no refusal', async () => {
    for (const error of [null, '', 'NO RECORDS']) {
      const body = JSON.stringify({ code: '200', error, msg: '0 records were found', data: [] });
      const answer = await fetchAgentsKpi(options(fakeFetch(() => new Response(body))));
      expect(answer.agents).toEqual([]);
    }
  });
});
