import { useEffect, useRef, useState } from 'preact/hooks';
import { changesSince, lastLookOf, type Changes } from '../changes';
import type { PeriodKind } from '../model';
import { lastLookItem } from '../settings';
import type { Views } from '../views';

/**
 * What changed in `period` since the popup last showed it. Compared once per period per popup
 * opening; every figure shown becomes the new last look at once (a popup can close at any moment,
 * so waiting for the dismissal or an unload could lose it), which is what makes the card show once.
 */
export function useWhatChanged(
  views: Views | null,
  period: PeriodKind,
): { changes: Changes | null; dismiss: () => void } {
  const [cards, setCards] = useState<Partial<Record<PeriodKind, Changes>>>({});
  const compared = useRef(new Set<string>());
  const view = views?.[period];

  useEffect(() => {
    if (!views || !view) return;
    const snapshot = lastLookOf(view, views.agentId, Date.now());
    // Per agent too: choosing another agent is a fresh look, not a change.
    const key = `${views.agentId}:${period}`;
    const first = !compared.current.has(key);
    compared.current.add(key);
    void lastLookItem.getValue().then(async (looks) => {
      const changes = first ? changesSince(looks[period], snapshot) : null;
      if (changes) setCards((c) => ({ ...c, [period]: changes }));
      await lastLookItem.setValue({ ...(await lastLookItem.getValue()), [period]: snapshot });
    });
  }, [views, view, period]);

  const dismiss = () => setCards((c) => ({ ...c, [period]: undefined }));
  return { changes: cards[period] ?? null, dismiss };
}
