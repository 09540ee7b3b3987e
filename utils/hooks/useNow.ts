import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `everyMs` so relative times ("3 minutes ago") stay true. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
