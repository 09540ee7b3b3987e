/**
 * The fast reader of an agents_kpi answer: from the bytes wolkvox sent straight to day columns,
 * with no text decoded and no JSON object built (JSON.parse of a month of 3,000 agents builds half
 * a million strings, and collecting them costs as much again).
 *
 * It reads answers as wolkvox writes them: figures as plain strings, keys once each, `agent_id`
 * before `stats`. Anything else (a figure sent as a JSON number or with an escape, a key written
 * twice or escaped, any invalid JSON) makes it give up and return null, and the caller reads the
 * answer the reference way, `parseJson` and `readAgentsKpi` (parse.ts), which defines the rules.
 * The whole document is still checked against JSON's grammar (with the one exception parseJson
 * makes too: a trailing comma), so an answer the reference refuses is never accepted here; tests
 * hold the two equal on random and damaged answers.
 */
import type { DayWindow, ParsedAnswer } from '../model';
import {
  ascii,
  bytesOf,
  ESCAPED,
  GIVE_UP,
  NON_ASCII,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  startsNumber,
} from './json-bytes';
import { parseAgentsKpi } from './parse';
import { StatReader } from './stat-bytes';

const KEY = {
  code: bytesOf('code'),
  error: bytesOf('error'),
  data: bytesOf('data'),
  agentId: bytesOf('agent_id'),
  agentName: bytesOf('agent_name'),
  stats: bytesOf('stats'),
};
const TWO_HUNDRED = bytesOf('200');
/** The `error` of an answer that carries figures: `null`, or an empty string. */
const NO_ERRORS = [bytesOf('null'), bytesOf('""')];
const MAX_AGENT_ID_LENGTH = 20;
/** The agent fields this reader looks at, as bits (to notice one written twice). */
const AGENT_ID = 1;
const AGENT_NAME = 2;
const STATS = 4;
/** What became of an agent's stats. */
const NO_STATS = 0;
const READ = 1;
const DUPLICATE = 2;
const BAD_STATS = 3;
/** Above this many bytes a name is decoded by TextDecoder, not by fromCharCode's arguments. */
const SHORT_NAME = 1024;

const utf8 = new TextDecoder();
/**
 * For a name's bytes: a decoder drops a byte-order mark at the start of each text it decodes, and
 * the reference decodes the whole answer at once, so a name starting with U+FEFF keeps it there.
 */
const utf8Inner = new TextDecoder('utf-8', { ignoreBOM: true });

/** The answer's rows, or null when the reference reader (JSON.parse) has to read it. */
export function readAgentsKpiBytes(bytes: Uint8Array, window: DayWindow): ParsedAnswer | null {
  try {
    return new ByteReader(bytes, window).answer();
  } catch (err) {
    // Giving up is the expected way out; anything else (a stack overflow on absurd nesting) is
    // also left to the reference reader, which decides what the answer is.
    if (err === GIVE_UP || err instanceof RangeError) return null;
    throw err;
  }
}

/** An answer's rows from its bytes: read fast, or the reference way where the fast reader gives up. */
export function parseAgentsKpiBytes(bytes: Uint8Array, window: DayWindow): ParsedAnswer {
  return readAgentsKpiBytes(bytes, window) ?? parseAgentsKpi(utf8.decode(bytes), window);
}

/** The envelope and the agents; each entry of an agent's `stats` is read by StatReader. */
class ByteReader extends StatReader {
  answer(): ParsedAnswer {
    const { b } = this;
    // TextDecoder drops a byte-order mark before JSON.parse sees the text: so does this.
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.i = 3;
    this.ws();
    if (b[this.i] !== OPEN_OBJECT) throw GIVE_UP;
    let code = false;
    let data = false;
    if (this.openObject()) {
      do {
        const key = this.key();
        if (this.keyIs(key, KEY.code)) {
          if (code) throw GIVE_UP;
          code = true;
          this.code();
        } else if (this.keyIs(key, KEY.error)) {
          this.noError();
        } else if (this.keyIs(key, KEY.data)) {
          if (data || b[this.i] !== OPEN_ARRAY) throw GIVE_UP;
          data = true;
          if (this.openArray())
            do this.agent();
            while (this.nextElement());
        } else {
          this.value();
        }
      } while (this.nextMember());
    }
    this.ws();
    if (this.i !== b.length || !code || !data) throw GIVE_UP;
    return this.out.done();
  }

  /** `code`: the string "200" or the number 200, as wolkvox writes it; anything else gives up. */
  private code(): void {
    const { b } = this;
    const quoted = b[this.i] === QUOTE;
    const start = quoted ? this.i + 1 : this.i;
    if (quoted && this.string() !== 0) throw GIVE_UP;
    if (!quoted) this.value();
    if (!this.spanIs(start, quoted ? this.i - 1 : this.i, TWO_HUNDRED)) throw GIVE_UP;
  }

  /**
   * `error`: null or empty, as in every answer that carries figures. A message gives up: the
   * reference way then tells a refusal sent with a 200 ("TOKEN LIMIT EXCEEDED") for what it is.
   */
  private noError(): void {
    const start = this.i;
    this.value();
    if (!NO_ERRORS.some((none) => this.spanIs(start, this.i, none))) throw GIVE_UP;
  }

  /** One entry of `data`, as readAgentsKpi reads it. */
  private agent(): void {
    const { b, out } = this;
    if (b[this.i] !== OPEN_OBJECT) {
      this.value();
      out.skipped.badAgent++;
      return;
    }
    let id: string | null | undefined; // undefined: no agent_id yet; null: one that does not read
    let name: unknown;
    let seen = 0;
    let stats = NO_STATS;
    if (this.openObject()) {
      do {
        const key = this.key();
        const field = this.keyIs(key, KEY.agentId)
          ? AGENT_ID
          : this.keyIs(key, KEY.agentName)
            ? AGENT_NAME
            : this.keyIs(key, KEY.stats)
              ? STATS
              : 0;
        // A key twice: JSON.parse keeps the last value, where this reader has read the first.
        if (seen & field) throw GIVE_UP;
        seen |= field;
        if (field === AGENT_ID) {
          id = this.agentId();
        } else if (field === AGENT_NAME) {
          if (b[this.i] === QUOTE) name = this.name();
          else this.value();
        } else if (field !== STATS) {
          this.value();
        } else if (id === undefined) {
          throw GIVE_UP; // stats before the id: their rows would have no agent yet
        } else if (id === null || b[this.i] !== OPEN_ARRAY) {
          this.value();
          stats = BAD_STATS;
        } else if (!out.beginAgent(id)) {
          this.value();
          stats = DUPLICATE;
        } else {
          if (this.openArray())
            do this.stat();
            while (this.nextElement());
          stats = READ;
        }
      } while (this.nextMember());
    }
    if (stats === READ) out.endAgent(name);
    else if (stats !== DUPLICATE) out.skipped.badAgent++;
  }

  /** `agent_id`: a string of 1–20 digits; null for another value; gives up on a number. */
  private agentId(): string | null {
    const { b } = this;
    if (b[this.i] !== QUOTE) {
      if (startsNumber(b[this.i])) throw GIVE_UP;
      this.value();
      return null;
    }
    const start = this.i + 1;
    const found = this.string();
    if (found & ESCAPED) throw GIVE_UP;
    const end = this.i - 1;
    if (found & NON_ASCII || end === start || end - start > MAX_AGENT_ID_LENGTH) return null;
    for (let k = start; k < end; k++) if (b[k]! < 0x30 || b[k]! > 0x39) return null;
    return ascii(b, start, end);
  }

  /** `agent_name`, decoded exactly as the text JSON.parse would have read. */
  private name(): string {
    const { b } = this;
    const start = this.i + 1;
    const found = this.string();
    const end = this.i - 1;
    if (found === 0 && end - start <= SHORT_NAME) return ascii(b, start, end);
    const text = utf8Inner.decode(b.subarray(start, end));
    return found & ESCAPED ? (JSON.parse(`"${text}"`) as string) : text;
  }
}
