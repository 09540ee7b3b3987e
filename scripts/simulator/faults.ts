// Fault modes: ways the real service (or the network in front of it) can misbehave. A fault with
// `times: n` applies to the next n API requests, then clears itself.
import { addDays } from './calendar';
import { ERRORS, errorBody, type WireAgent } from './envelope';

type FaultShape =
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' }
  | { kind: '5xx'; status?: 500 | 502 | 503 }
  | { kind: 'maintenance' }
  | { kind: 'malformed' }
  | { kind: 'trailing-comma' }
  | { kind: 'html'; status?: 200 | 502 }
  | { kind: 'truncated' }
  | { kind: 'huge'; mb: number }
  | { kind: 'wrong-types' }
  | { kind: 'duplicates' }
  | { kind: 'busy' }
  | { kind: 'daily-limit' }
  | { kind: 'bad-token' };

/**
 * `times`: the next n requests it applies to; `pastOnly`: only requests for a window that ends
 * before the operation's today (a past window too big to answer, while today still answers).
 */
export type Fault = FaultShape & { times?: number; pastOnly?: boolean };
export type FaultKind = Fault['kind'];

const KINDS: readonly FaultKind[] = [
  'latency',
  'hang',
  '5xx',
  'maintenance',
  'malformed',
  'trailing-comma',
  'html',
  'truncated',
  'huge',
  'wrong-types',
  'duplicates',
  'busy',
  'daily-limit',
  'bad-token',
];

/** Validates a fault from untrusted JSON (the HTTP control route); null when it is not one. */
export function parseFault(value: unknown): Fault | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const num = (key: string): boolean => v[key] === undefined || typeof v[key] === 'number';
  if (!KINDS.includes(v.kind as FaultKind) || !num('times') || !num('status')) return null;
  if (v.pastOnly !== undefined && typeof v.pastOnly !== 'boolean') return null;
  if (v.kind === 'latency' && typeof v.ms !== 'number') return null;
  if (v.kind === 'huge' && typeof v.mb !== 'number') return null;
  return v as Fault;
}

/** Holds the current fault and hands it out request by request. */
export class FaultSlot {
  private fault: Fault | null = null;
  private left = Infinity;

  set(fault: Fault | null): void {
    this.fault = fault;
    this.left = fault?.times ?? Infinity;
  }

  get current(): Fault | null {
    return this.fault;
  }

  /** The fault for the next API request, counting it against `times`. */
  take(pastWindow = false): Fault | null {
    const fault = this.fault;
    if (fault?.pastOnly && !pastWindow) return null;
    if (fault && --this.left <= 0) this.fault = null;
    return fault;
  }
}

const TITLES: Record<number, string> = {
  200: 'wolkvox - Estamos en mantenimiento',
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
};

/** An error page as the proxy in front of the PHP service, or a maintenance page, would serve. */
export function htmlPage(status: number): string {
  const title = TITLES[status] ?? `${status} Error`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

/** Rows the parser must reject: non-numeric points, a number where a string belongs, bad dates. */
export function wrongTypes(data: WireAgent[]): unknown[] {
  return data.map((agent, i) => {
    if (i > 3 || agent.stats.length === 0) return agent;
    const [first, ...rest] = agent.stats;
    const broken: Record<string, unknown>[] = [
      { ...first, points: 'N/A' },
      { ...first, date: '2023-13-45' },
      { ...first, points: Number(first?.points ?? 0), hits: null },
      { ...first, occupancy: 'mucho', aht_time: '1:2' },
    ];
    return { ...agent, stats: [broken[i], ...rest] };
  });
}

/**
 * A repeated agent entry and a day outside the asked window (1499 points the day after it, on the
 * first agent listed with a day in the answer, so there is always one to copy when anyone worked).
 */
export function duplicates(data: WireAgent[], dayEnd: string): WireAgent[] {
  const [, second] = data;
  const at = data.findIndex((agent) => agent.stats.length > 0);
  if (!data[0]) return data;
  const out = data.map((agent, i) =>
    i === at
      ? {
          ...agent,
          stats: [{ ...agent.stats[0]!, date: addDays(dayEnd, 1), points: '1499' }, ...agent.stats],
        }
      : agent,
  );
  return second ? [...out, second] : out;
}

/** Extra agents until the answer weighs about `mb` megabytes, each with a long name. */
export function padding(mb: number, days: string[]): WireAgent[] {
  const stats = days.map((date) => ({
    date,
    points: '0',
    hits: '0',
    calls: '0',
    aht_time: '00:00:00',
    acw_time: '00:00:00',
    occupancy: '0 %',
    login_time: '00:00:00',
  }));
  const name = 'Agente de relleno con un nombre muy largo para inflar la respuesta '.repeat(40);
  const one = JSON.stringify({ agent_id: '900000', agent_name: name, agent_dni: '0', stats });
  const count = Math.ceil((mb * 1024 * 1024) / one.length);
  return Array.from({ length: count }, (_, i) => ({
    agent_id: String(900_000 + i),
    agent_name: name,
    agent_dni: '0',
    stats,
  }));
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/** A complete answer, as a fault may impose it. */
export type Reply = { status: number; body: string; type: string; message: string };

/** The answer a fault imposes whatever the request, or null when the fault only alters one. */
export function replacement(fault: Fault | null): Reply | null {
  const err = (e: { status: number; message: string }): Reply => ({
    ...e,
    body: errorBody(e),
    type: JSON_TYPE,
  });
  const html = (status: number): Reply => ({
    status,
    body: htmlPage(status),
    type: 'text/html; charset=utf-8',
    message: `HTML ${status}`,
  });
  switch (fault?.kind) {
    case '5xx':
      return html(fault.status ?? 503);
    case 'html':
      return html(fault.status ?? 502);
    case 'maintenance':
      return err(ERRORS.maintenance);
    case 'busy':
      return err(ERRORS.busy);
    case 'daily-limit':
      return err(ERRORS.dailyLimit);
    case 'bad-token':
      return err(ERRORS.badToken);
    default:
      return null;
  }
}
