/**
 * The base of the fast reader (parse-bytes.ts): the collector its rows go to, and the reading of
 * one entry of `stats`, the part run once per row. parse-bytes.ts adds the envelope and the agents
 * on top, as a subclass, so the per-row reading stays plain methods of one class.
 */
import type { DayWindow } from '../model';
import { eachDay } from '../periods';
import { AnswerCollector, rowsPerDay } from './collector';
import { readCountBytes, readDurationBytes, readPercentBytes } from './fields';
import {
  ascii,
  BACKSLASH,
  bytesOf,
  GIVE_UP,
  JsonCursor,
  OPEN_OBJECT,
  QUOTE,
  startsNumber,
} from './json-bytes';

/** A stat's fields, by index: the date, then the figures in COLUMNS order. */
const STAT_KEYS = [
  'date',
  'points',
  'hits',
  'calls',
  'aht_time',
  'acw_time',
  'occupancy',
  'login_time',
].map(bytesOf);
const DATE = 0;
/** The text around a stat's values as wolkvox writes it: `{"date":"`, `","points":"`, …, `"}`. */
const CANONICAL = [
  ...['date', 'points', 'hits', 'calls', 'aht_time', 'acw_time', 'occupancy', 'login_time'].map(
    (key, f) => bytesOf(`${f === 0 ? '{' : '",'}"${key}":"`),
  ),
  bytesOf('"}'),
];
/** What a stat field held: nothing yet, a plain string, or some other JSON value. */
const ABSENT = 0;
const PLAIN = 1;
const OTHER = 2;
/** Rows reserved per day at most, before the number of agents is known: one per 100 bytes. */
const BYTES_PER_ROW = 100;

export abstract class StatReader extends JsonCursor {
  protected readonly out: AnswerCollector;
  /** Each window day as the number its YYYYMMDD digits spell, to its slot. */
  private readonly slotOfNumber: Map<number, number>;
  // The current stat's fields: what each held and where its string's bytes are.
  private readonly kinds = new Uint8Array(STAT_KEYS.length);
  private readonly starts = new Int32Array(STAT_KEYS.length);
  private readonly ends = new Int32Array(STAT_KEYS.length);

  constructor(b: Uint8Array, window: DayWindow) {
    super(b);
    const dates = eachDay(window);
    const rows = rowsPerDay(Math.ceil(b.length / BYTES_PER_ROW), dates.length);
    this.out = new AnswerCollector(dates, rows);
    this.slotOfNumber = new Map(dates.map((date, slot) => [Number(date), slot]));
  }

  /** One entry of `stats`: its fields located first, then read as readAgentsKpi reads them. */
  protected stat(): void {
    const { b, out, kinds, starts, ends } = this;
    if (b[this.i] !== OPEN_OBJECT) {
      this.value();
      out.notInWindow(undefined);
      return;
    }
    kinds.fill(ABSENT);
    let field = -1;
    if (this.canonicalStat()) {
      kinds.fill(PLAIN);
    } else if (this.openObject()) {
      do {
        field = this.statKey(this.key(), field);
        if (field < 0) {
          this.value();
          continue;
        }
        if (kinds[field] !== ABSENT) throw GIVE_UP;
        if (b[this.i] !== QUOTE) {
          if (startsNumber(b[this.i])) throw GIVE_UP;
          this.value();
          kinds[field] = OTHER;
          continue;
        }
        starts[field] = this.i + 1;
        // Escaped or non-ASCII text in a date or a figure is for the reference reader to judge.
        if (this.string() !== 0) throw GIVE_UP;
        ends[field] = this.i - 1;
        kinds[field] = PLAIN;
      } while (this.nextMember());
    }

    if (kinds[DATE] !== PLAIN) return out.notInWindow(undefined);
    const slot = this.slotOf(starts[DATE]!, ends[DATE]!);
    if (slot === undefined) {
      // Only eight characters can be a day (isDayKey): no string made of a longer one.
      const eight = ends[DATE]! - starts[DATE]! === 8;
      return out.notInWindow(eight ? ascii(b, starts[DATE]!, ends[DATE]!) : undefined);
    }
    if (!out.claim(slot)) return;
    out.row(
      slot,
      kinds[1] === PLAIN ? readCountBytes(b, starts[1]!, ends[1]!) : -1,
      kinds[2] === PLAIN ? readCountBytes(b, starts[2]!, ends[2]!) : -1,
      kinds[3] === PLAIN ? readCountBytes(b, starts[3]!, ends[3]!) : -1,
      kinds[4] === PLAIN ? readDurationBytes(b, starts[4]!, ends[4]!) : -1,
      kinds[5] === PLAIN ? readDurationBytes(b, starts[5]!, ends[5]!) : -1,
      kinds[6] === PLAIN ? readPercentBytes(b, starts[6]!, ends[6]!) : -1,
      kinds[7] === PLAIN ? readDurationBytes(b, starts[7]!, ends[7]!) : -1,
    );
  }

  /**
   * A stat exactly as wolkvox writes it (its eight keys in order, no whitespace, every value a
   * plain printable ASCII string) is matched as one run of bytes, the values' places noted. False,
   * with the cursor where it was, for anything else: the general path reads that.
   */
  private canonicalStat(): boolean {
    const { b, starts, ends } = this;
    let i = this.i;
    for (let f = 0; f < CANONICAL.length; f++) {
      const text = CANONICAL[f]!;
      for (let k = 0; k < text.length; k++) if (b[i + k] !== text[k]) return false;
      i += text.length;
      if (f === STAT_KEYS.length) break; // the closing "}
      starts[f] = i;
      for (;;) {
        const c = b[i]!;
        if (c === QUOTE) break;
        // Printable ASCII only (undefined, past the end, fails too); the rest is for string().
        if (!(c >= 0x20 && c < 0x7f) || c === BACKSLASH) return false;
        i++;
      }
      ends[f] = i;
    }
    this.i = i;
    return true;
  }

  /** The window slot of the date in [start, end), or undefined if it is not a window day. */
  private slotOf(start: number, end: number): number | undefined {
    if (end - start !== 8) return undefined;
    let n = 0;
    for (let k = start; k < end; k++) {
      const d = this.b[k]! - 0x30;
      if (d < 0 || d > 9) return undefined;
      n = n * 10 + d;
    }
    return this.slotOfNumber.get(n);
  }

  /**
   * Which stat field the key at `start` names (an index of STAT_KEYS), or -1. wolkvox writes them
   * in one order, so the field after `previous` is tried first.
   */
  private statKey(start: number, previous: number): number {
    const next = previous + 1;
    if (next < STAT_KEYS.length && this.keyIs(start, STAT_KEYS[next]!)) return next;
    for (let f = 0; f < STAT_KEYS.length; f++) if (this.keyIs(start, STAT_KEYS[f]!)) return f;
    return -1;
  }
}
