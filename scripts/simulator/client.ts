// A tiny HTTPS client for tests, the fleet simulation and benchmarks: it reaches the simulator on
// 127.0.0.1 while presenting the wolkvox host name, as Chromium does under the resolver rules.
import { request, type Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  path: string;
  method?: string;
  /** Host header and TLS server name; default `wv0032.wolkvox.com`. */
  host?: string;
  /** Sent as `wolkvox-token` when given. */
  token?: string;
  body?: string;
  /** Rejects (and aborts) after this long; default none. */
  timeoutMs?: number;
  /** Connection pooling; default a fresh connection per request. */
  agent?: Agent;
}

export interface SimResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The agents_kpi path for two 14-digit stamps. */
export function agentsKpiPath(dateIni: string, dateEnd: string, api = 'agents_kpi'): string {
  const q = new URLSearchParams({ api, date_ini: dateIni, date_end: dateEnd });
  return `/api/v2/gamification.php?${q.toString()}`;
}

/** Sends one request to the simulator on `port`; rejects on a dropped or timed-out connection. */
export function simRequest(port: number, options: SimRequest): Promise<SimResponse> {
  const host = options.host ?? 'wv0032.wolkvox.com';
  const headers: Record<string, string> = { host };
  if (options.token !== undefined) headers['wolkvox-token'] = options.token;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        servername: host,
        headers,
        rejectUnauthorized: false,
        agent: options.agent ?? false,
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
        res.on('end', () => {
          if (!res.complete) return reject(new Error('response incomplete'));
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}
