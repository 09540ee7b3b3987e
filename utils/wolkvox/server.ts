/** What a user may type as the wolkvox server, and the one kind of URL the token may travel to. */

export type ParsedServer = { ok: true; code: string; host: string; origin: string } | { ok: false };

// Server codes are digits; six is well beyond any code seen and keeps junk out of the host name.
const CODE = /^(?:wv)?(\d{1,6})$/i;
const HOST = /^wv(\d{1,6})\.wolkvox\.com$/i;
const API_HOST = /^wv\d+\.wolkvox\.com$/;

const REFUSED: ParsedServer = { ok: false };

function fromCode(code: string): ParsedServer {
  const host = `wv${code}.wolkvox.com`;
  return { ok: true, code, host, origin: `https://${host}` };
}

/**
 * What a paste brings along: full-width digits and letters (an IME's, normalised by NFKC) and
 * invisible format characters (zero-width spaces, direction marks) from chats and documents.
 */
export function cleanPaste(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .trim();
}

// A URL or a host as typed: an http(s) scheme or none, then the host up to the first / ? # or \.
// Only the code is kept from it, and the API origin is always built as https, so an `http://`
// link from an old bookmark is as good as an https one.
const ADDRESS = /^(?:https?:)?(?:\/\/)?([^/?#\\]*)(?:[/?#\\][\s\S]*)?$/i;

/**
 * Normalise `0032`, `wv0032`, `wv0032.wolkvox.com` or a URL on that host (`https://` or
 * `http://`, any path). Anything else, including credentials, a port or another host, is refused.
 */
export function parseServer(input: string): ParsedServer {
  const text = cleanPaste(input);
  const code = CODE.exec(text);
  if (code) return fromCode(code[1]!);
  // The host as typed: `user@`, `:port` or any other host fails HOST, which is anchored.
  const host = ADDRESS.exec(text)?.[1]?.replace(/\.$/, '');
  const match = host === undefined ? null : HOST.exec(host);
  return match ? fromCode(match[1]!) : REFUSED;
}

/** What a token can be: an HTTP header carries printable ASCII, and a token has no spaces. */
export function isTokenText(token: string): boolean {
  return /^[\x21-\x7e]+$/.test(token);
}

/** True only for an https URL on `wv<digits>.wolkvox.com`, default port, no credentials. */
export function isWolkvoxApiUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    API_HOST.test(parsed.hostname)
  );
}
