/**
 * Readers for the agents_kpi wire fields. Each returns -1 for a value it refuses, so the parser can
 * skip the row without allocating an error. Hand-written char loops: they run 60,000 × 8 times.
 *
 * Each reads the documented form first; only a value that fails is looked at again for the one
 * unambiguous variant, whitespace around it, so the common figure pays nothing for it. `MM:SS` is
 * not read: it could as well be `HH:MM` (a login time of 08:30), so it stays an unread figure.
 * Whitespace is JSON's: around a figure (`" 3"`, `"35 % "`) it can only be padding.
 */
import { isWhitespace } from './json-bytes';

// Above this many digits a count could lose precision as a double; no real KPI gets near it.
const MAX_COUNT_DIGITS = 15;
const MAX_HOUR_DIGITS = 6;

/** A reader of the characters [start, end) of a string. */
type Reader = (s: string, start: number, end: number) => number;

/** `read` of `value` without the whitespace around it; -1 when there was none to take away. */
function trimmed(value: string, read: Reader): number {
  let start = 0;
  let end = value.length;
  while (start < end && isWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isWhitespace(value.charCodeAt(end - 1))) end--;
  if (start === 0 && end === value.length) return -1;
  return read(value, start, end);
}

/**
 * A non-negative integer from a string of digits (or a JSON number), else -1. A minus sign is
 * refused, not read: no count wolkvox reports can be below zero.
 */
export function readCount(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : -1;
  if (typeof value !== 'string') return -1;
  const out = countIn(value, 0, value.length);
  return out >= 0 ? out : trimmed(value, countIn);
}

function countIn(value: string, start: number, end: number): number {
  const n = end - start;
  if (n === 0 || n > MAX_COUNT_DIGITS) return -1;
  let out = 0;
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    out = out * 10 + d;
  }
  return out;
}

/** Seconds from `H+:MM:SS` (hours may pass 24 and have several digits), else -1. */
export function readDuration(value: unknown): number {
  if (typeof value !== 'string') return -1;
  const out = durationIn(value, 0, value.length);
  return out >= 0 ? out : trimmed(value, durationIn);
}

function durationIn(value: string, start: number, end: number): number {
  const hourDigits = end - start - 6;
  if (hourDigits < 1 || hourDigits > MAX_HOUR_DIGITS) return -1;
  if (value.charCodeAt(end - 6) !== 58 || value.charCodeAt(end - 3) !== 58) return -1; // ':'
  let hours = 0;
  for (let i = start; i < end - 6; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    hours = hours * 10 + d;
  }
  // Minutes and seconds inline: this runs 3 times per row.
  const m1 = value.charCodeAt(end - 5) - 48;
  const m2 = value.charCodeAt(end - 4) - 48;
  const s1 = value.charCodeAt(end - 2) - 48;
  const s2 = value.charCodeAt(end - 1) - 48;
  if (m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9 || s1 < 0 || s1 > 5 || s2 < 0 || s2 > 9) return -1;
  return hours * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2;
}

/**
 * A share 0–100 from `"35 %"`, `"35%"`, `"35.5 %"` or a bare `"35"` / JSON number, else -1.
 * A decimal comma is read too: wolkvox is Spanish-first and may format it so.
 */
export function readPercent(value: unknown): number {
  if (typeof value === 'number') return value >= 0 && value <= 100 ? value : -1;
  if (typeof value !== 'string') return -1;
  const out = percentIn(value, 0, value.length);
  return out >= 0 ? out : trimmed(value, percentIn);
}

function percentIn(value: string, start: number, to: number): number {
  let end = to;
  if (end > start && value.charCodeAt(end - 1) === 37) {
    end--; // '%'
    while (end > start && value.charCodeAt(end - 1) === 32) end--;
  }
  let whole = 0;
  let i = start;
  for (; i < end; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === start || i - start > 3) return -1;
  if (i === end) return whole <= 100 ? whole : -1;
  const sep = value.charCodeAt(i);
  if ((sep !== 46 && sep !== 44) || i + 1 === end) return -1; // '.' or ','
  for (let j = i + 1; j < end; j++) {
    const d = value.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return -1;
  }
  // Rare path: let Number round the decimal exactly as JSON would have.
  const out = Number(`${whole}.${value.slice(i + 1, end)}`);
  return out <= 100 ? out : -1;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `value` is `YYYYMMDD` naming a real calendar day (20230230 is not). */
export function isDayKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 8) return false;
  for (let i = 0; i < 8; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  const year = +value.slice(0, 4);
  const month = twoDigits(value, 4);
  const day = twoDigits(value, 6);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!);
}

function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

// ---------------------------------------------------------------------------------------------
// The same readers over the bytes [start, end) of a plain ASCII string in the answer, for
// parse-bytes.ts: no string is made. Each agrees with its reader above on the same text (tests
// hold them equal); the reader above stays the definition.

/** Digits are the same bytes in every encoding the answer could be in: any decoder reads them. */
const digits = new TextDecoder();

/** A reader of the bytes [start, end). */
type BytesReader = (b: Uint8Array, start: number, end: number) => number;

/** trimmed() over bytes. */
function trimmedBytes(b: Uint8Array, from: number, to: number, read: BytesReader): number {
  let start = from;
  let end = to;
  while (start < end && isWhitespace(b[start])) start++;
  while (end > start && isWhitespace(b[end - 1])) end--;
  if (start === from && end === to) return -1;
  return read(b, start, end);
}

/** readCount of the bytes [start, end). */
export function readCountBytes(b: Uint8Array, start: number, end: number): number {
  const out = countInBytes(b, start, end);
  return out >= 0 ? out : trimmedBytes(b, start, end, countInBytes);
}

function countInBytes(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n === 0 || n > MAX_COUNT_DIGITS) return -1;
  let out = 0;
  for (let i = start; i < end; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return -1;
    out = out * 10 + d;
  }
  return out;
}

/** readDuration of the bytes [start, end). */
export function readDurationBytes(b: Uint8Array, start: number, end: number): number {
  const out = durationInBytes(b, start, end);
  return out >= 0 ? out : trimmedBytes(b, start, end, durationInBytes);
}

function durationInBytes(b: Uint8Array, start: number, end: number): number {
  const hourDigits = end - start - 6;
  if (hourDigits < 1 || hourDigits > MAX_HOUR_DIGITS) return -1;
  if (b[end - 6] !== 58 || b[end - 3] !== 58) return -1; // ':'
  let hours = 0;
  for (let i = start; i < end - 6; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return -1;
    hours = hours * 10 + d;
  }
  const m1 = b[end - 5]! - 48;
  const m2 = b[end - 4]! - 48;
  const s1 = b[end - 2]! - 48;
  const s2 = b[end - 1]! - 48;
  if (m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9 || s1 < 0 || s1 > 5 || s2 < 0 || s2 > 9) return -1;
  return hours * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2;
}

/** readPercent of the bytes [start, end). */
export function readPercentBytes(b: Uint8Array, start: number, end: number): number {
  const out = percentInBytes(b, start, end);
  return out >= 0 ? out : trimmedBytes(b, start, end, percentInBytes);
}

function percentInBytes(b: Uint8Array, start: number, to: number): number {
  let end = to;
  if (end > start && b[end - 1] === 37) {
    end--; // '%'
    while (end > start && b[end - 1] === 32) end--;
  }
  let whole = 0;
  let i = start;
  for (; i < end; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === start || i - start > 3) return -1;
  if (i === end) return whole <= 100 ? whole : -1;
  const sep = b[i];
  if ((sep !== 46 && sep !== 44) || i + 1 === end) return -1; // '.' or ','
  for (let j = i + 1; j < end; j++) {
    const d = b[j]! - 48;
    if (d < 0 || d > 9) return -1;
  }
  // Rare path: let Number round the decimal exactly as the reader above does.
  const fraction = digits.decode(b.subarray(i + 1, end));
  const out = Number(`${whole}.${fraction}`);
  return out <= 100 ? out : -1;
}
