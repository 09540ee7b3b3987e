import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** A storage item's value, kept current by `watch`; undefined until the first read answers. */
export function useStorageItem<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void item.getValue().then((v) => live && setValue(() => v));
    const unwatch = item.watch((v) => setValue(() => v ?? item.fallback));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
