/** How colleagues' names appear on the leaderboard, per the privacy setting. Names are untrusted. */
import type { PrivacyMode } from './model';

// Longest name shown, in code points, ellipsis included.
const MAX_NAME_LENGTH = 80;

// Bidi_Control covers U+061C, U+200E–U+200F, U+202A–U+202E and U+2066–U+2069: each can reorder the
// text around a name. Other control characters (tabs, newlines, NUL) become spaces, then collapse.
const BIDI_CONTROL = /\p{Bidi_Control}/gu;
const OTHER_CONTROL = /\p{Cc}/gu;
const SPACES = /\s+/gu;
// A first character plus any combining marks NFC could not fold into it, so the initial stays whole.
const FIRST_LETTER = /^\P{M}\p{M}*/u;

// Plain, single-line, bidi-neutral text; capped only after the initial is taken from the last word.
function clean(name: string): string {
  return name
    .normalize('NFC')
    .replace(BIDI_CONTROL, '')
    .replace(OTHER_CONTROL, ' ')
    .replace(SPACES, ' ')
    .trim();
}

function cap(text: string): string {
  // Code units never undercount code points, so a short string needs no walk.
  if (text.length <= MAX_NAME_LENGTH) return text;
  let kept = '';
  let count = 0;
  for (const ch of text) {
    if (++count > MAX_NAME_LENGTH) return `${kept.trimEnd()}…`;
    if (count < MAX_NAME_LENGTH) kept += ch;
  }
  return text;
}

function firstNameAndInitial(text: string): string {
  const words = text.split(' ');
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  if (words.length < 2) return first;
  const initial = FIRST_LETTER.exec(last)?.[0] ?? '';
  return `${first} ${initial.toLocaleUpperCase('es')}.`;
}

/**
 * The name to show for an agent, or null when the UI should show its localized "Agent at #rank".
 * My own name is always shown in full; `rank` is only for the caller's fallback label.
 */
export function displayName(
  name: string,
  mode: PrivacyMode,
  opts: { isMe: boolean; rank: number },
): string | null {
  const text = clean(name);
  // A name that is empty once cleaned would show as a blank line; the fallback label is clearer.
  if (text === '') return null;
  if (opts.isMe) return cap(text);
  switch (mode) {
    case 'full':
      return cap(text);
    case 'initial':
      return cap(firstNameAndInitial(text));
    case 'anonymous':
    case 'own':
      return null;
  }
}

/** Whether the leaderboard may list colleagues at all (it may not in 'own' mode). */
export function mayShowOthers(mode: PrivacyMode): boolean {
  return mode !== 'own';
}
