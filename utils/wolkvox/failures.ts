/** Turning a wolkvox error answer into a WolkvoxError, without trusting its body to be JSON. */
import { WolkvoxError, type WolkvoxErrorKind } from './errors';

// The documented 403 messages, matched as case-insensitive substrings. Messages we build quote only
// these constants and the status, never the body, so nothing the server echoes can leak into logs.
const FORBIDDEN: readonly (readonly [string, WolkvoxErrorKind])[] = [
  ['VALIDATE TOKEN', 'bad-token'],
  ['TOKEN LIMIT EXCEEDED', 'daily-limit'],
  ['SIMULTANEOUS', 'busy'],
];

// An error body is a line or two; do not upper-case megabytes of something else.
const MAX_SCAN = 64 * 1024;

/** The WolkvoxError for a non-200 HTTP status and the body that came with it. */
export function classifyFailure(status: number, body: string): WolkvoxError {
  if (status === 401)
    return new WolkvoxError('missing-token', 'wolkvox answered 401: no token received', status);
  if (status === 400)
    return new WolkvoxError('bad-request', 'wolkvox answered 400: bad api or parameters', status);
  if (status !== 403) return new WolkvoxError('server', `wolkvox answered HTTP ${status}`, status);
  const envelope = tryJson(body);
  for (const text of [envelope?.error, envelope?.msg, body]) {
    const refusal = refusalIn(text);
    if (refusal) return refusal;
  }
  // A bare 403 is what wolkvox sends during maintenance (backups): temporary.
  return new WolkvoxError('maintenance', 'wolkvox answered 403 with no known message', status);
}

/**
 * For an HTTP 200 whose envelope carries an error `code` (as other wolkvox APIs do), the same error
 * its HTTP status would give; null when the envelope does not claim an error.
 */
export function failureInEnvelope(root: unknown): WolkvoxError | null {
  if (typeof root !== 'object' || root === null) return null;
  const { code, error, msg } = root as Record<string, unknown>;
  const status = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : NaN;
  const messages = [error, msg].filter((m): m is string => typeof m === 'string').join('\n');
  if (Number.isInteger(status) && status >= 400 && status <= 599) {
    return classifyFailure(status, messages);
  }
  // A 200 whose `error` names one of the documented refusals (a limit reached, a bad token) is
  // that refusal, not "0 agents": its empty data says nothing about the operation.
  return refusalIn(error);
}

/** The documented 403 refusal a message names, as its WolkvoxError; null when it names none. */
function refusalIn(text: unknown): WolkvoxError | null {
  if (typeof text !== 'string' || text === '') return null;
  const upper = text.slice(0, MAX_SCAN).toUpperCase();
  const known = FORBIDDEN.find(([needle]) => upper.includes(needle));
  return known ? new WolkvoxError(known[1], `wolkvox answered 403 ${known[0]}`, 403) : null;
}

function tryJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
