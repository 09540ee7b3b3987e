/**
 * Memory: the service worker's JS heap (CDP Runtime.getHeapUsage in the worker's own target), at
 * rest and after syncing 3,000 agents, each before and after a forced GC. Baseline: the size of the
 * data Podio stores (payload bytes of every IndexedDB record, and Chromium's storage estimate).
 */
import type { Page } from '@playwright/test';
import { attachWorker } from '../lib/worker-cdp';
import type { BenchBrowser } from '../lib/browser';

export interface Heap {
  usedBytes: number;
  totalBytes: number;
  usedAfterGcBytes: number;
}

/** The worker's heap now, and after a full GC. */
export async function workerHeap(b: BenchBrowser): Promise<Heap> {
  const session = await attachWorker(b.context, b.extensionId);
  try {
    type Usage = { usedSize: number; totalSize: number };
    const before = await session.send<Usage>('Runtime.getHeapUsage');
    await session.send('HeapProfiler.collectGarbage');
    const after = await session.send<Usage>('Runtime.getHeapUsage');
    return {
      usedBytes: before.usedSize,
      totalBytes: before.totalSize,
      usedAfterGcBytes: after.usedSize,
    };
  } finally {
    await session.detach();
  }
}

export interface Stored {
  /** Payload bytes per object store: typed arrays by length, strings as UTF-8, numbers as 8. */
  payloadBytes: Record<string, number>;
  payloadTotal: number;
  /** navigator.storage.estimate() for the extension's origin. */
  estimateBytes: number;
  indexedDbBytes: number | null;
}

/** What the extension stores, measured from an extension page. */
export function storedSize(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const encoder = new TextEncoder();
    const size = (v: unknown): number => {
      if (v === null || v === undefined || typeof v === 'boolean') return 1;
      if (typeof v === 'number') return 8;
      if (typeof v === 'string') return encoder.encode(v).length;
      if (ArrayBuffer.isView(v)) return v.byteLength;
      if (v instanceof ArrayBuffer) return v.byteLength;
      if (Array.isArray(v)) return v.reduce((n: number, x) => n + size(x), 0);
      if (typeof v === 'object') {
        return Object.entries(v).reduce((n, [k, x]) => n + k.length + size(x), 0);
      }
      return 0;
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('podio');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const payloadBytes: Record<string, number> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      payloadBytes[name] = size(all);
    }
    db.close();
    const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
      usageDetails?: { indexedDB?: number };
    };
    return {
      payloadBytes,
      payloadTotal: Object.values(payloadBytes).reduce((a, b) => a + b, 0),
      estimateBytes: estimate.usage ?? 0,
      indexedDbBytes: estimate.usageDetails?.indexedDB ?? null,
    };
  });
}
