import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, clearAll, getSecret, putSecret, resetDbForTests } from '../../utils/db';
import { loadToken, saveToken } from '../../utils/vault';

const TOKEN = 'tok-5ecr3t-0a1b2c3d4e5f-ñandú';

beforeEach(() => {
  resetDbForTests();
  globalThis.indexedDB = new IDBFactory();
});

/** Every byte sequence reachable from a stored value, as one flat list of buffers. */
function bytesIn(value: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof ArrayBuffer) out.push(new Uint8Array(value));
  else if (ArrayBuffer.isView(value)) {
    out.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (typeof value === 'string') out.push(new TextEncoder().encode(value));
  else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) bytesIn(v, out);
  }
  return out;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Every record of every store of the real database, read without going through db.ts. */
async function everyRecord(): Promise<unknown[]> {
  const db = await openDB(DB_NAME);
  const out: unknown[] = [];
  for (const name of db.objectStoreNames) out.push(...(await db.getAll(name)));
  db.close();
  return out;
}

describe('vault', () => {
  it('gives back the saved token', async () => {
    await saveToken(TOKEN);
    await expect(loadToken()).resolves.toBe(TOKEN);
  });

  it('gives null when no token was ever saved', async () => {
    await expect(loadToken()).resolves.toBeNull();
  });

  it('keeps only the last token saved', async () => {
    await saveToken(TOKEN);
    await saveToken('second-token');
    await expect(loadToken()).resolves.toBe('second-token');
  });

  it('never stores the token in plain text, in any store', async () => {
    await saveToken(TOKEN);
    const plain = new TextEncoder().encode(TOKEN);
    // A distinctive slice too, in case of a prefix or an encoding wrapper.
    const slice = new TextEncoder().encode('0a1b2c3d4e5f');
    const records = await everyRecord();
    expect(records.length).toBeGreaterThan(0);
    for (const bytes of bytesIn(records)) {
      expect(contains(bytes, plain)).toBe(false);
      expect(contains(bytes, slice)).toBe(false);
    }
    expect(JSON.stringify(records)).not.toContain('0a1b2c3d4e5f');
  });

  it('encrypts with a non-extractable AES-GCM key that stays the same across saves', async () => {
    await saveToken(TOKEN);
    const key = await getSecret<CryptoKey>('key');
    expect(key).toBeDefined();
    expect(key!.extractable).toBe(false);
    expect(key!.algorithm.name).toBe('AES-GCM');
    expect(key!.usages.sort()).toEqual(['decrypt', 'encrypt']);
    await expect(crypto.subtle.exportKey('raw', key!)).rejects.toThrow();

    await saveToken('another');
    const again = await getSecret<CryptoKey>('key');
    // The old ciphertext was made with the same key: it still decrypts.
    await expect(loadToken()).resolves.toBe('another');
    expect(again!.extractable).toBe(false);
  });

  it('uses a fresh IV for every save', async () => {
    await saveToken(TOKEN);
    const first = await getSecret<{ iv: Uint8Array; data: ArrayBuffer }>('token');
    await saveToken(TOKEN);
    const second = await getSecret<{ iv: Uint8Array; data: ArrayBuffer }>('token');
    expect(first!.iv).toHaveLength(12);
    expect(Array.from(second!.iv)).not.toEqual(Array.from(first!.iv));
    expect(Array.from(new Uint8Array(second!.data))).not.toEqual(
      Array.from(new Uint8Array(first!.data)),
    );
  });

  it('gives null for a tampered ciphertext instead of garbage', async () => {
    await saveToken(TOKEN);
    const sealed = (await getSecret<{ iv: Uint8Array; data: ArrayBuffer }>('token'))!;
    const data = new Uint8Array(sealed.data.slice(0));
    data[0] = data[0]! ^ 0xff;
    await putSecret('token', { iv: sealed.iv, data: data.buffer });
    await expect(loadToken()).resolves.toBeNull();
  });

  it('gives null when the key is lost (a new key cannot open the old token)', async () => {
    await saveToken(TOKEN);
    await putSecret('key', undefined);
    await expect(loadToken()).resolves.toBeNull();
  });

  it('forgets the token with everything else', async () => {
    await saveToken(TOKEN);
    await clearAll();
    await expect(loadToken()).resolves.toBeNull();
    expect(await getSecret('key')).toBeUndefined();
  });
});
