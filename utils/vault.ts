/**
 * The operation's token at rest: AES-GCM with a non-extractable key, both in the extension's
 * IndexedDB (which content scripts cannot open). Background only.
 */
import { getSecret, putSecret } from './db';

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

async function key(): Promise<CryptoKey> {
  const existing = await getSecret<CryptoKey>('key');
  if (existing) return existing;
  const created = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  await putSecret('key', created);
  return created;
}

/** Encrypt and store the token. */
export async function saveToken(token: string): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await key(),
    new TextEncoder().encode(token),
  );
  await putSecret('token', { iv, data } satisfies Sealed);
}

/** The stored token, or null when none is saved or it cannot be decrypted. */
export async function loadToken(): Promise<string | null> {
  const sealed = await getSecret<Sealed>('token');
  if (!sealed) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv },
      await key(),
      sealed.data,
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
