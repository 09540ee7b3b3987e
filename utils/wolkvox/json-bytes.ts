/**
 * JSON's grammar (RFC 8259) over bytes, as JSON.parse accepts it: a cursor that checks and passes
 * values without building them, for readers that pick out only what they need (parse-bytes.ts).
 * Anything JSON does not allow throws GIVE_UP, for the reader to hand the text to JSON.parse.
 * One exception, the same one parseJson (json-text.ts) makes: a trailing comma before `]` or `}`.
 */

/** Thrown to give up; the reader catches it. */
export const GIVE_UP = Symbol('give up');

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
const COLON = 0x3a;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;

/** What string() found in a string. */
export const ESCAPED = 1;
export const NON_ASCII = 2;

/** The bytes of an ASCII text. */
export const bytesOf = (ascii: string) => Uint8Array.from(ascii, (c) => c.charCodeAt(0));

/** A cursor over JSON bytes; subclasses read what they need and pass the rest with value(). */
export class JsonCursor {
  protected i = 0;
  /** Where the last key's bytes end (they start where key() said). */
  protected keyEnd = 0;

  constructor(protected readonly b: Uint8Array) {}

  /** Past the `{` at the cursor: false if the object is empty (and passed), else on a key. */
  protected openObject(): boolean {
    this.i++;
    this.ws();
    if (this.b[this.i] === CLOSE_OBJECT) {
      this.i++;
      return false;
    }
    if (this.b[this.i] !== QUOTE) throw GIVE_UP;
    return true;
  }

  /**
   * After a member's value: true on the next key, false past the closing `}` (a trailing comma
   * before it included, as parseJson reads one: checked only where a key was expected).
   */
  protected nextMember(): boolean {
    this.ws();
    const c = this.b[this.i++];
    if (c === CLOSE_OBJECT) return false;
    if (c !== COMMA) throw GIVE_UP;
    this.ws();
    if (this.b[this.i] === QUOTE) return true;
    if (this.b[this.i] !== CLOSE_OBJECT) throw GIVE_UP;
    this.i++;
    return false;
  }

  /** Past the `[` at the cursor: false if the array is empty (and passed), else on a value. */
  protected openArray(): boolean {
    this.i++;
    this.ws();
    if (this.b[this.i] === CLOSE_ARRAY) {
      this.i++;
      return false;
    }
    return true;
  }

  /**
   * After an element: true on the next one, false past the closing `]` (a trailing comma before
   * it included, as parseJson reads one: one comparison per element, none per byte).
   */
  protected nextElement(): boolean {
    this.ws();
    const c = this.b[this.i++];
    if (c === CLOSE_ARRAY) return false;
    if (c !== COMMA) throw GIVE_UP;
    this.ws();
    if (this.b[this.i] !== CLOSE_ARRAY) return true;
    this.i++;
    return false;
  }

  /** A key (the cursor on its quote) and its colon: its bytes are [start, keyEnd), returned. */
  protected key(): number {
    const start = this.i + 1;
    if (this.string() & ESCAPED) throw GIVE_UP;
    this.keyEnd = this.i - 1;
    this.ws();
    if (this.b[this.i] !== COLON) throw GIVE_UP;
    this.i++;
    this.ws();
    return start;
  }

  protected keyIs(start: number, name: Uint8Array): boolean {
    return this.spanIs(start, this.keyEnd, name);
  }

  protected spanIs(start: number, end: number, name: Uint8Array): boolean {
    if (end - start !== name.length) return false;
    for (let k = 0; k < name.length; k++) if (this.b[start + k] !== name[k]) return false;
    return true;
  }

  /** Any JSON value at the cursor, checked and passed. */
  protected value(): void {
    const c = this.b[this.i];
    if (c === QUOTE) {
      this.string();
    } else if (c === OPEN_OBJECT) {
      if (this.openObject()) {
        do {
          this.key();
          this.value();
        } while (this.nextMember());
      }
    } else if (c === OPEN_ARRAY) {
      if (this.openArray()) {
        do {
          this.value();
        } while (this.nextElement());
      }
    } else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else this.number();
  }

  /** A string (the cursor on its opening quote), passed; returns what it held (ESCAPED, …). */
  protected string(): number {
    const { b } = this;
    const n = b.length;
    let i = this.i + 1;
    let found = 0;
    for (;;) {
      if (i >= n) throw GIVE_UP;
      const c = b[i++]!;
      if (c === QUOTE) break;
      if (c < 0x20) throw GIVE_UP;
      if (c >= 0x80) {
        found |= NON_ASCII;
      } else if (c === BACKSLASH) {
        found |= ESCAPED;
        const e = b[i++];
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) if (!isHex(b[i++])) throw GIVE_UP; // \uXXXX
        } else if (!isEscape(e)) {
          throw GIVE_UP;
        }
      }
    }
    this.i = i;
    return found;
  }

  /** -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
  protected number(): void {
    const { b } = this;
    let i = this.i;
    if (b[i] === MINUS) i++;
    if (b[i] === 0x30) i++;
    else if (isDigit(b[i])) while (isDigit(b[i])) i++;
    else throw GIVE_UP;
    if (b[i] === 0x2e) {
      i++;
      if (!isDigit(b[i])) throw GIVE_UP;
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === MINUS) i++;
      if (!isDigit(b[i])) throw GIVE_UP;
      while (isDigit(b[i])) i++;
    }
    this.i = i;
  }

  protected literal(word: string): void {
    for (let k = 0; k < word.length; k++) {
      if (this.b[this.i + k] !== word.charCodeAt(k)) throw GIVE_UP;
    }
    this.i += word.length;
  }

  /** JSON's whitespace: space, tab, line feed, carriage return (isWhitespace, inlined). */
  protected ws(): void {
    const { b } = this;
    for (;;) {
      const c = b[this.i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.i++;
    }
  }
}

/** The ASCII bytes [start, end) as a string. */
export function ascii(b: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
export const isWhitespace = (c: number | undefined) =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export const startsNumber = (c: number | undefined) => c === MINUS || isDigit(c);
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

function isHex(c: number | undefined): boolean {
  if (c === undefined) return false;
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** The characters after a backslash that JSON allows: " \ / b f n r t (u is checked apart). */
function isEscape(c: number | undefined): boolean {
  return (
    c === QUOTE ||
    c === BACKSLASH ||
    c === 0x2f ||
    c === 0x62 ||
    c === 0x66 ||
    c === 0x6e ||
    c === 0x72 ||
    c === 0x74
  );
}
