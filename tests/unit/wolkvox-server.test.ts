import { describe, expect, it } from 'vitest';
import { isWolkvoxApiUrl, parseServer } from '../../utils/wolkvox/server';

describe('parseServer', () => {
  it.each([
    ['0032', '0032'],
    ['wv0032', '0032'],
    ['WV0032', '0032'],
    ['wv0032.wolkvox.com', '0032'],
    ['WV0032.Wolkvox.COM', '0032'],
    ['https://wv0032.wolkvox.com', '0032'],
    ['https://wv0032.wolkvox.com/', '0032'],
    ['HTTPS://WV0032.WOLKVOX.COM/', '0032'],
    ['https://wv0032.wolkvox.com/api/v2/gamification.php?api=agents_kpi&date_ini=1', '0032'],
    ['  \t0032\n', '0032'],
    ['  https://wv0032.wolkvox.com  ', '0032'],
    ['7', '7'],
    ['wv123456', '123456'],
    // A link from an old bookmark or an email: only the code is kept, and the API is always https.
    ['http://wv0032.wolkvox.com', '0032'],
    ['http://wv0032.wolkvox.com/', '0032'],
    ['wv0032.wolkvox.com/', '0032'],
    ['wv0032.wolkvox.com/api/v2/gamification.php?api=agents_kpi', '0032'],
    ['//wv0032.wolkvox.com', '0032'],
    ['https://wv0032.wolkvox.com.', '0032'],
    ['wv0032.wolkvox.com#top', '0032'],
    // What pastes bring along: full-width forms (NFKC) and invisible format characters.
    ['\uff10\uff10\uff13\uff12', '0032'],
    ['wv\uff10\uff10\uff13\uff12', '0032'],
    ['\uff57\uff56\uff10\uff10\uff13\uff12', '0032'],
    ['\u200b0032\u200b', '0032'],
    ['\u200ewv0032.wolkvox.com\u200f', '0032'],
    ['\ufeffhttps://wv0032.wolkvox.com/', '0032'],
    ['0\u200d032', '0032'],
  ])('accepts %j as server %s', (input, code) => {
    expect(parseServer(input)).toEqual({
      ok: true,
      code,
      host: `wv${code}.wolkvox.com`,
      origin: `https://wv${code}.wolkvox.com`,
    });
  });

  it.each([
    '',
    '   ',
    'wv',
    '1234567',
    '00a2',
    'wv00 32',
    '-32',
    'wv0032.wolkvox.com.evil.com',
    'https://wv0032.wolkvox.com.evil.com',
    'evil.com/wv0032.wolkvox.com',
    'https://evil.com/wv0032.wolkvox.com',
    'https://evil.com?wv0032.wolkvox.com',
    'https://evil.com#wv0032.wolkvox.com',
    'https://evil.com\\@wv0032.wolkvox.com',
    'wolkvox.com',
    'https://wolkvox.com',
    'agentbox.wolkvox.com',
    'https://agentbox.wolkvox.com',
    'ftp://wv0032.wolkvox.com',
    'https://x@wv0032.wolkvox.com',
    'https://x:y@wv0032.wolkvox.com',
    'https://@wv0032.wolkvox.com',
    'https://wv0032.wolkvox.com@evil.com',
    'https://wv0032.wolkvox.com:8443',
    'https://wv0032.wolkvox.com:443',
    'https://wvabc.wolkvox.com',
    'https://wv.wolkvox.com',
    'https://xwv0032.wolkvox.com',
    'http://wv0032.wolkvox.com:80',
    'http://x@wv0032.wolkvox.com',
    'wv0032.wolkvox.com:443',
    'wss://wv0032.wolkvox.com',
    'javascript:wv0032.wolkvox.com',
    'https:///wv0032.wolkvox.com',
    'https://wv0032.wolkvox.com..',
    'wv0032.wolkvox.com\\@evil.com'.replace('\\', ''),
    'evil.com\\wv0032.wolkvox.com',
    'https://evil.com\\wv0032.wolkvox.com',
    '\u200b',
    'wv\u00a00032',
  ])('refuses %j', (input) => {
    expect(parseServer(input)).toEqual({ ok: false });
  });
});

describe('isWolkvoxApiUrl', () => {
  it.each([
    ['https://wv0032.wolkvox.com/api/v2/gamification.php?api=agents_kpi', true],
    ['https://wv7.wolkvox.com/', true],
    ['https://WV0032.WOLKVOX.COM/x', true],
    ['https://wv0032.wolkvox.com:443/x', true],
    ['http://wv0032.wolkvox.com/x', false],
    ['https://wv0032.wolkvox.com:8443/x', false],
    ['https://u@wv0032.wolkvox.com/x', false],
    ['https://u:p@wv0032.wolkvox.com/x', false],
    ['https://wv0032.wolkvox.com.evil.com/x', false],
    ['https://evil.com/wv0032.wolkvox.com', false],
    ['https://agentbox.wolkvox.com/', false],
    ['https://wvx.wolkvox.com/', false],
    ['wv0032.wolkvox.com/x', false],
    ['not a url', false],
    ['', false],
  ])('%j → %s', (url, expected) => {
    expect(isWolkvoxApiUrl(url)).toBe(expected);
  });
});
