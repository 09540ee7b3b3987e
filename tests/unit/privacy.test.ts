import { describe, expect, it } from 'vitest';
import type { PrivacyMode } from '../../utils/model';
import { displayName, mayShowOthers } from '../../utils/privacy';

const other = { isMe: false, rank: 4 };
const me = { isMe: true, rank: 4 };
const BIDI = '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
const codePoints = (s: string) => Array.from(s).length;

describe('displayName by mode', () => {
  it.each([
    ['full', 'María José Pérez', 'María José Pérez'],
    ['initial', 'María José Pérez', 'María P.'],
    ['initial', 'Menphy Halland', 'Menphy H.'],
    ['initial', 'Cher', 'Cher'], // a single word stays
    ['initial', '  ana   de la\tcruz \n', 'ana C.'], // trims, collapses, capitalizes the initial
    ['initial', 'José Ñúñez', 'José Ñ.'],
    ['initial', 'Ana X\u0301yz', 'Ana X\u0301.'], // a mark with no precomposed form stays on its letter
    ['anonymous', 'María José Pérez', null],
    ['own', 'María José Pérez', null],
  ] as const)('%s: %j → %j', (mode, name, expected) => {
    expect(displayName(name, mode, other)).toBe(expected);
  });

  it.each(['full', 'initial', 'anonymous', 'own'] as const)(
    'shows my own full name in %s mode',
    (mode) => {
      expect(displayName('  María José   Pérez ', mode, me)).toBe('María José Pérez');
    },
  );

  it.each([
    ['full', ''],
    ['full', ' \t\n '],
    ['initial', BIDI],
  ] as const)('falls back (null) in %s mode when nothing is left of %j', (mode, name) => {
    expect(displayName(name, mode, other)).toBeNull();
    expect(displayName(name, mode, me)).toBeNull();
  });

  it('keeps a name whose decomposed accents NFC can compose', () => {
    expect(displayName('Jose\u0301 E\u0301rika', 'initial', other)).toBe('José É.');
  });
});

describe('displayName with hostile names', () => {
  it('returns markup as inert text, unchanged', () => {
    const name = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    expect(displayName(name, 'full', other)).toBe(name);
    expect(displayName('<script>x()</script> Pérez', 'initial', other)).toBe(
      '<script>x()</script> P.',
    );
  });

  it.each(['full', 'initial'] as const)('strips bidi controls in %s mode', (mode) => {
    const got = displayName(`Ana\u202E zerép\u202C \u2067Gómez\u2069${BIDI}`, mode, other);
    expect(got).toBe(mode === 'full' ? 'Ana zerép Gómez' : 'Ana G.');
  });

  it('turns control characters into single spaces', () => {
    expect(displayName('Ana\u0000\u0007Pérez\r\n', 'full', other)).toBe('Ana Pérez');
  });

  it.each([
    ['one 10 kB word', 'A'.repeat(10_000)],
    ['10 kB of words', 'Ana '.repeat(2_500)],
    ['10 kB of emoji', '😀'.repeat(5_000)],
    ['10 kB of bidi overrides', `\u202E${'x'.repeat(9_999)}`],
  ])('caps %s at 80 code points with an ellipsis', (_label, name) => {
    for (const opts of [other, me]) {
      const got = displayName(name, 'full', opts) ?? '';
      expect(codePoints(got)).toBeLessThanOrEqual(80);
      expect(got.endsWith('…')).toBe(true);
      expect(got).not.toMatch(/\s…$/); // no dangling space before the ellipsis
      expect(got).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
  });

  it('cuts between code points, never inside a surrogate pair', () => {
    const got = displayName('😀'.repeat(100), 'full', other) ?? '';
    expect(got).toBe(`${'😀'.repeat(79)}…`);
  });

  it('leaves a name of exactly 80 code points whole', () => {
    const name = 'Ñ'.repeat(40) + '😀'.repeat(40);
    expect(displayName(name, 'full', other)).toBe(name);
  });

  it('caps in initial mode too, and still takes the initial from the real last word', () => {
    expect(displayName(`${'X'.repeat(10_000)} Pérez`, 'initial', other)).toBe(`${'X'.repeat(79)}…`);
    expect(displayName(`Ana ${'y '.repeat(5_000)}Pérez`, 'initial', other)).toBe('Ana P.');
  });
});

describe('mayShowOthers', () => {
  it.each([
    ['full', true],
    ['initial', true],
    ['anonymous', true],
    ['own', false],
  ] as [PrivacyMode, boolean][])('%s → %s', (mode, expected) => {
    expect(mayShowOthers(mode)).toBe(expected);
  });
});
