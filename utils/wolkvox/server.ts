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

/** Normalise `0032`, `wv0032`, `wv0032.wolkvox.com` or an `https://wv0032.wolkvox.com/...` URL. */
export function parseServer(input: string): ParsedServer {
  const text = input.trim();
  const bare = CODE.exec(text) ?? HOST.exec(text);
  if (bare) return fromCode(bare[1]!);
  if (!/^https:\/\//i.test(text)) return REFUSED;
  // Look at the authority as typed: the URL parser forgets an explicit :443 and an empty `@`.
  const authority = text.slice('https://'.length).split(/[/\\?#]/, 1)[0]!;
  if (authority.includes('@') || authority.includes(':')) return REFUSED;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return REFUSED;
  }
  if (!isWolkvoxApiUrl(url.href)) return REFUSED;
  const match = HOST.exec(url.hostname);
  return match ? fromCode(match[1]!) : REFUSED;
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
