/**
 * The text the reference reader (parse.ts) reads, as JSON: JSON.parse, plus the one thing beyond
 * JSON that wolkvox may send. json-bytes.ts holds the fast reader's JSON, which accepts the same.
 */
import { WolkvoxError } from './errors';
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COMMA,
  isWhitespace,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './json-bytes';

/** An answer refused as not an agents_kpi answer, saying why but never quoting it. */
export function malformed(why: string): WolkvoxError {
  return new WolkvoxError('malformed', `agents_kpi answer: ${why}`);
}

/**
 * JSON.parse failing as WolkvoxError('malformed'); the text is never echoed, it holds ID numbers.
 * One thing beyond JSON is read: a trailing comma before `]` or `}`. wolkvox's own published
 * sample ends `data` with one, so the live API may too, and refusing it would fail every sync.
 * It is looked for only once JSON.parse has failed: a valid answer pays nothing for it.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const fixed = withoutTrailingCommas(text);
    try {
      if (fixed !== null) return JSON.parse(fixed) as unknown;
    } catch {
      // Something else is wrong with it too: malformed, below.
    }
    throw malformed(`not valid JSON (${text.length} characters)`);
  }
}

/**
 * `text` without the commas that directly follow a value and precede (after whitespace only) a
 * `]` or `}`; null if it has none. Commas inside strings are left alone, and so is one with no
 * value before it (`[,]`, `{,}`): that is a missing element, not a trailing comma. Only commas are
 * removed, so anything else wrong with the text is still there for JSON.parse to refuse.
 */
function withoutTrailingCommas(text: string): string | null {
  const n = text.length;
  let out = '';
  let from = 0; // text[from, i) is still to be copied to out
  let inString = false;
  let last = 0; // the last character outside strings and whitespace
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    if (c !== COMMA) {
      if (!isWhitespace(c)) last = c;
      continue;
    }
    let next = i + 1;
    while (next < n && isWhitespace(text.charCodeAt(next))) next++;
    const closes = text.charCodeAt(next) === CLOSE_ARRAY || text.charCodeAt(next) === CLOSE_OBJECT;
    if (closes && last !== OPEN_ARRAY && last !== OPEN_OBJECT && last !== COMMA) {
      out += text.slice(from, i);
      from = i + 1;
    } else {
      last = c;
    }
  }
  return from === 0 ? null : out + text.slice(from);
}
