/** Every way a call to wolkvox can fail, each with one user-facing message and one scheduler rule. */

export type WolkvoxErrorKind =
  | 'bad-server' // the server field is not a wolkvox server code
  | 'missing-token' // 401 PLEASE ENTER THE WOLKVOX-TOKEN (or no token saved)
  | 'bad-token' // 403 PLEASE VALIDATE TOKEN
  | 'daily-limit' // 403 TOKEN LIMIT EXCEEDED
  | 'busy' // 403 EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN
  | 'maintenance' // 403 with no specific message
  | 'bad-request' // 400 SOME PARAMETERS ARE REQUIRED / THE API YOU WANT TO CONSULT DOES NOT EXIST
  | 'server' // 5xx or an unexpected status
  | 'network' // fetch rejected: offline, DNS, TLS
  | 'timeout' // no answer within the timeout
  | 'malformed'; // not JSON, truncated, or not the documented envelope

/** What the sync engine does after an error of each kind. */
export type ErrorRule = 'stop' | 'pause-until-midnight' | 'retry' | 'backoff';

export const ERROR_RULES: Record<WolkvoxErrorKind, ErrorRule> = {
  'bad-server': 'stop',
  'missing-token': 'stop',
  'bad-token': 'stop',
  'daily-limit': 'pause-until-midnight',
  busy: 'retry',
  maintenance: 'backoff',
  'bad-request': 'backoff',
  server: 'backoff',
  network: 'backoff',
  timeout: 'backoff',
  malformed: 'backoff',
};

/** The i18n message key (in `public/_locales/<lang>/messages.json`) that explains each kind to a user. */
export const ERROR_MESSAGE_KEYS: Record<WolkvoxErrorKind, string> = {
  'bad-server': 'errBadServer',
  'missing-token': 'errMissingToken',
  'bad-token': 'errBadToken',
  'daily-limit': 'errDailyLimit',
  busy: 'errBusy',
  maintenance: 'errMaintenance',
  'bad-request': 'errBadRequest',
  server: 'errServer',
  network: 'errNetwork',
  timeout: 'errTimeout',
  malformed: 'errMalformed',
};

/** A failed call. The message is diagnostic English for developers and never holds the token. */
export class WolkvoxError extends Error {
  override readonly name = 'WolkvoxError';
  constructor(
    readonly kind: WolkvoxErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }

  get rule(): ErrorRule {
    return ERROR_RULES[this.kind];
  }

  get messageKey(): string {
    return ERROR_MESSAGE_KEYS[this.kind];
  }
}
