// @vitest-environment node
/**
 * The translation catalogues against each other and against the code: the same keys and
 * placeholders in every language, no empty or broken message, no key the code never asks for and
 * no key the code asks for that is missing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGE_KEYS } from '../../utils/wolkvox/errors';

const ROOT = process.cwd();
const LOCALES_DIR = join(ROOT, 'public', '_locales');
/** `default_locale` in wxt.config.ts: the reference every other catalogue is held to. */
const DEFAULT_LOCALE = 'es';
const REQUIRED_LOCALES = ['es', 'en', 'pt_BR'];

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalogue = Record<string, Entry>;

const locales = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const catalogues: Record<string, Catalogue> = Object.fromEntries(
  locales.map((l) => [
    l,
    JSON.parse(readFileSync(join(LOCALES_DIR, l, 'messages.json'), 'utf8')) as Catalogue,
  ]),
);
const reference = catalogues[DEFAULT_LOCALE] ?? {};
const allKeys = [...new Set(Object.values(catalogues).flatMap((c) => Object.keys(c)))].sort();

/** Every file under `dir` (relative to the repo root) whose name ends in one of `exts`. */
function walk(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, d.name);
    if (d.isDirectory()) {
      if (d.name !== 'node_modules') out.push(...walk(path, exts));
    } else if (exts.includes(extname(d.name))) {
      out.push(path);
    }
  }
  return out;
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const CODE_FILES = ['entrypoints', 'components', 'utils'].flatMap((d) =>
  walk(d, ['.ts', '.tsx']).filter((f) => !f.endsWith('.d.ts')),
);
const MANIFEST_FILES = ['wxt.config.ts', ...walk('entrypoints', ['.html'])];
const code = CODE_FILES.map(read).join('\n');
const manifest = MANIFEST_FILES.map(read).join('\n');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sortedDiff = (a: Iterable<string>, b: Iterable<string>) => {
  const other = new Set(b);
  return [...a].filter((x) => !other.has(x)).sort();
};

/** Placeholder names (case-insensitive in Chrome and Firefox) with their content. */
function placeholders(entry: Entry): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entry.placeholders ?? {})
      .map(([name, p]) => [name.toLowerCase(), p.content] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** `$name$` references and direct `$1`… substitutions in `text`; `$$` is a literal dollar. */
function references(text: string): { named: string[]; positional: number[] } {
  const named: string[] = [];
  const positional: number[] = [];
  for (const m of text.matchAll(/\$(?:\$|([A-Za-z0-9_@]+)\$|(\d+))/g)) {
    if (m[1] !== undefined) named.push(m[1].toLowerCase());
    else if (m[2] !== undefined) positional.push(Number(m[2]));
  }
  return { named, positional };
}

/** The substitutions (`$1`…) a message consumes, through its placeholders or directly. */
function substitutions(entry: Entry): number[] {
  const used = new Set(references(entry.message).positional);
  for (const p of Object.values(entry.placeholders ?? {})) {
    for (const n of references(p.content).positional) used.add(n);
  }
  return [...used].sort((a, b) => a - b);
}

describe('catalogues', () => {
  it('include Spanish (the default), English and Brazilian Portuguese', () => {
    expect(locales).toEqual(expect.arrayContaining(REQUIRED_LOCALES));
  });

  it.each(locales)('%s has exactly the keys of the default catalogue', (locale) => {
    const keys = Object.keys(catalogues[locale]!);
    expect({
      missing: sortedDiff(Object.keys(reference), keys),
      extra: sortedDiff(keys, Object.keys(reference)),
    }).toEqual({ missing: [], extra: [] });
  });

  it.each(locales)('%s has the placeholders of the default catalogue, key by key', (locale) => {
    const differing = Object.entries(catalogues[locale]!)
      .filter(([key]) => key in reference)
      .filter(
        ([key, entry]) =>
          JSON.stringify(placeholders(entry)) !== JSON.stringify(placeholders(reference[key]!)) ||
          substitutions(entry).join() !== substitutions(reference[key]!).join(),
      )
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it.each(locales)('%s has no empty or malformed message', (locale) => {
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(catalogues[locale]!)) {
      if (typeof entry?.message !== 'string' || entry.message.trim() === '') {
        problems.push(`${key}: empty message`);
        continue;
      }
      const defined = placeholders(entry);
      const { named } = references(entry.message);
      for (const name of named) {
        if (!(name in defined)) problems.push(`${key}: $${name.toUpperCase()}$ is not defined`);
      }
      for (const name of Object.keys(defined)) {
        if (!named.includes(name)) problems.push(`${key}: placeholder ${name} is never used`);
      }
      for (const [name, content] of Object.entries(defined)) {
        if (typeof content !== 'string' || content === '') {
          problems.push(`${key}: placeholder ${name} has no content`);
        }
      }
      // Substitutions go from $1 to $9, with none skipped: call sites pass them in order.
      const subs = substitutions(entry);
      if (subs.some((n, i) => n !== i + 1)) {
        problems.push(`${key}: substitutions ${subs.map((n) => `$${n}`).join(', ')}`);
      }
      if (subs.some((n) => n > 9)) problems.push(`${key}: more than 9 substitutions`);
    }
    expect(problems).toEqual([]);
  });

  it.each(locales)('%s names its own language in `locale`, as uiLocale() compares it', (locale) => {
    // uiLocale() keeps the browser's locale when its language subtag equals this message.
    expect(catalogues[locale]!.locale?.message).toBe(locale.split('_')[0]!.toLowerCase());
  });
});

describe('catalogue and code', () => {
  it('reads the code it checks', () => {
    expect(CODE_FILES.length).toBeGreaterThan(10);
    expect(MANIFEST_FILES).toContain('wxt.config.ts');
  });

  it('uses every key: as a quoted literal in the code, or as __MSG_key__ in the manifest', () => {
    const unused = allKeys.filter(
      (key) =>
        !new RegExp(`(['"\`])${escape(key)}\\1`).test(code) && !manifest.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });

  it('has every key passed to t() or getMessage() as a literal', () => {
    const calls = [
      ...code.matchAll(/(?:(?<![\w$.])t|\bi18n\.getMessage)\(\s*(['"`])([^'"`$\\]*)\1/g),
    ].map((m) => m[2]!);
    // A broken pattern must not pass by finding nothing.
    expect(calls.length).toBeGreaterThan(50);
    expect(sortedDiff(new Set(calls), Object.keys(reference))).toEqual([]);
  });

  it('has both keys of every byCount() in the catalogue: a singular `…One` and its plural', () => {
    const pairs = [
      ...code.matchAll(/\bbyCount\([^,()]+(?:\([^)]*\))?[^,()]*,\s*'(\w+)',\s*'(\w+)',?\s*\)/g),
    ].map((m) => [m[1]!, m[2]!] as const);
    // A broken pattern must not pass by finding nothing.
    expect(pairs.length).toBeGreaterThan(8);
    expect(pairs.filter(([one, other]) => one !== `${other}One`)).toEqual([]);
    expect(sortedDiff(new Set(pairs.flat()), Object.keys(reference))).toEqual([]);
    // And no singular is left without its plural, or with other placeholders.
    const orphans = Object.keys(reference)
      .filter((key) => key.endsWith('One'))
      .filter((key) => {
        const plural = reference[key.slice(0, -3)];
        return (
          !plural ||
          JSON.stringify(placeholders(plural)) !== JSON.stringify(placeholders(reference[key]!))
        );
      });
    expect(orphans).toEqual([]);
  });

  it('has every key named as __MSG_key__ in the manifest and pages', () => {
    const used = [...manifest.matchAll(/__MSG_(\w+?)__/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    expect(sortedDiff(new Set(used), Object.keys(reference))).toEqual([]);
  });

  it('has a message for every wolkvox error', () => {
    expect(sortedDiff(Object.values(ERROR_MESSAGE_KEYS), Object.keys(reference))).toEqual([]);
  });

  it('has every key a catalogue-key table in the code names', () => {
    // Tables such as PERIOD_LABEL_KEYS map values to keys: `name: 'key'` or `['value', 'key']`.
    const tabled = CODE_FILES.flatMap((file) =>
      [...read(file).matchAll(/\b[A-Z][A-Z_]*_KEYS\b[^=]*=\s*\{([^}]*)\}/g)].flatMap((m) =>
        [...m[1]!.matchAll(/:\s*'([^']+)'/g)].map((v) => `${file}: ${v[1]}`),
      ),
    );
    expect(tabled.length).toBeGreaterThan(0);
    const missing = tabled.filter((entry) => !(entry.split(': ')[1]! in reference));
    expect(missing).toEqual([]);
  });
});
