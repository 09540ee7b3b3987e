// The HTTPS server: routes by Host header like the real hosts Chromium is mapped to
// (--host-resolver-rules="MAP *.wolkvox.com 127.0.0.1:PORT"), plus /__sim/* control routes.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { handleAgentBox } from './agentbox';
import { handleApi, type ApiState, type LogEntry } from './api';
import { createOperation, type Operation } from './data';
import { handleControl, json, type Controls } from './control';
import { FaultSlot, type Fault } from './faults';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  agents?: number;
  seed?: number;
  timeZone?: string;
  /** Tokens the API accepts; default ['demo-token']. */
  tokens?: string[];
  /** Requests per token in flight at once; default 1 (the agents_kpi page's rule). */
  maxInFlight?: number;
  /** Calls per token per operation day; default 60,000. */
  dailyBudget?: number;
  /** Added to every API answer; default 0. */
  latencyMs?: number;
  hostileNames?: boolean;
  /** Clock for the operation's "today"; default the real one. */
  now?: () => Date;
}

export interface Simulator {
  readonly port: number;
  /** `https://127.0.0.1:PORT`; send `Host: wvNNNN.wolkvox.com` to reach the API. */
  readonly origin: string;
  /** Chromium's `--host-resolver-rules` value that maps the wolkvox hosts here. */
  readonly hostResolverRules: string;
  readonly operation: Operation;
  /** Sets (or with null clears) the fault; clearing also drops hung requests. */
  setFault(fault: Fault | null): void;
  advance(): void;
  readonly log: readonly LogEntry[];
  /** Most simultaneous requests seen for one valid token, counting the arriving one. */
  readonly peakInFlight: number;
  resetLog(): void;
  setTokens(tokens: string[]): void;
  close(): Promise<void>;
}

const API_HOST = /^wv\d+\.wolkvox\.com$/;

let certificate: Promise<{ key: string; cert: string }> | undefined;

// One certificate per process: generating it is the slowest part of a start.
function getCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: '*.wolkvox.com' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: '*.wolkvox.com' },
          { type: 2, value: 'wolkvox.com' },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then((p) => ({ key: p.private, cert: p.cert }));
  return certificate;
}

/** Starts the simulator over HTTPS on 127.0.0.1. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const operation = createOperation({
    agents: options.agents ?? 60,
    seed: options.seed ?? 1,
    timeZone: options.timeZone,
    hostileNames: options.hostileNames,
    now: options.now,
  });
  const timers = new Set<NodeJS.Timeout>();
  const state: ApiState = {
    op: operation,
    faults: new FaultSlot(),
    tokens: new Set(options.tokens ?? ['demo-token']),
    maxInFlight: options.maxInFlight ?? 1,
    dailyBudget: options.dailyBudget ?? 60_000,
    latencyMs: options.latencyMs ?? 0,
    log: [],
    inFlight: new Map(),
    budget: { day: '', used: new Map() },
    peak: { value: 0 },
    hung: new Set(),
    sleep: (ms) =>
      ms <= 0
        ? Promise.resolve()
        : new Promise((resolve) => {
            const t = setTimeout(() => {
              timers.delete(t);
              resolve();
            }, ms);
            timers.add(t);
          }),
  };

  const setFault = (fault: Fault | null): void => {
    if (fault === null) for (const res of state.hung) res.destroy();
    state.faults.set(fault);
  };

  const resetLog = (): void => {
    state.log.length = 0;
    state.peak.value = 0;
  };
  const advance = (): { today: string; advances: number } => {
    operation.advance();
    return { today: operation.today(), advances: operation.advances };
  };
  const controls: Controls = { state, setFault, advance, resetLog };

  const { key, cert } = await getCertificate();
  const server: Server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', 'https://simulator.invalid');
    const route = (): Promise<void> | void => {
      if (url.pathname.startsWith('/__sim/'))
        return handleControl(controls, req, res, url.pathname);
      if (API_HOST.test(host)) return handleApi(state, req, res, url, host);
      if (host === 'agentbox.wolkvox.com' && req.method === 'GET') {
        return handleAgentBox(res, url.pathname);
      }
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Unknown host');
    };
    Promise.resolve()
      .then(route)
      .catch((error: unknown) => {
        if (!res.headersSent) json(res, 500, { error: String(error) });
        else res.destroy();
      });
  });
  // A client that drops mid-answer (truncation, timeouts) is expected, not a crash.
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    hostResolverRules: `MAP *.wolkvox.com 127.0.0.1:${port}`,
    operation,
    setFault,
    advance: () => void advance(),
    get log() {
      return state.log;
    },
    get peakInFlight() {
      return state.peak.value;
    },
    resetLog,
    setTokens(tokens) {
      state.tokens = new Set(tokens);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const res of state.hung) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
