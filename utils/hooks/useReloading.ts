import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/**
 * What `load` answers: read once on mount and again each time `trigger` changes in storage.
 * Undefined until the first answer; `fallback` when a read fails, so the page shows its empty state.
 */
export function useReloading<T>(
  load: () => Promise<T>,
  trigger: WxtStorageItem<unknown, Record<string, unknown>>,
  fallback: T,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let latest = 0;
    const read = () => {
      // Only the newest read may land, so a slow older one never overwrites fresher figures.
      const seq = ++latest;
      load().then(
        (v) => seq === latest && setValue(() => v),
        () => seq === latest && setValue(() => fallback),
      );
    };
    read();
    const unwatch = trigger.watch(read);
    return () => {
      latest = -1;
      unwatch();
    };
    // `load`, `trigger` and `fallback` are module-level constants at every call site.
  }, []);
  return value;
}
