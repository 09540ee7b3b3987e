// /__sim/* routes, so the demo and out-of-process tools can steer a running simulator. They live at
// the root of every host and never under the API path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiState } from './api';
import { parseFault, type Fault } from './faults';

/** What the control routes may do to the simulator. */
export interface Controls {
  state: ApiState;
  setFault(fault: Fault | null): void;
  advance(): { today: string; advances: number };
  resetLog(): void;
}

/** Writes a JSON answer. */
export function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

async function readFault(req: IncomingMessage): Promise<Fault | null> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 65_536) return null;
  }
  try {
    return parseFault(JSON.parse(body));
  } catch {
    return null;
  }
}

/** Answers GET /__sim/log, POST /__sim/advance, POST|DELETE /__sim/fault, POST /__sim/reset-log. */
export async function handleControl(
  c: Controls,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  switch (`${req.method ?? ''} ${path}`) {
    case 'GET /__sim/log':
      return json(res, 200, { peakInFlight: c.state.peak.value, log: c.state.log });
    case 'POST /__sim/advance':
      return json(res, 200, c.advance());
    case 'DELETE /__sim/fault':
      c.setFault(null);
      return json(res, 200, { fault: null });
    case 'POST /__sim/fault': {
      const fault = await readFault(req);
      if (!fault) return json(res, 400, { error: 'not a fault' });
      c.setFault(fault);
      return json(res, 200, { fault });
    }
    case 'POST /__sim/reset-log':
      c.resetLog();
      return json(res, 200, { ok: true });
    default:
      return json(res, 404, { error: 'unknown control route' });
  }
}
