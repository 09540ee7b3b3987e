import { describe, expect, it } from 'vitest';
import { KEYS, todayKey } from '../../entrypoints/agentbox.content/keys';
import { badgeFaceItem, badgePrefsItem } from '../../utils/settings';

describe('console badge storage keys', () => {
  it('are the keys WXT stores the settings items under', () => {
    expect(`local:${KEYS.prefs}`).toBe(badgePrefsItem.key);
    expect(`local:${KEYS.face}`).toBe(badgeFaceItem.key);
  });
});

describe('todayKey', () => {
  // 02:30 UTC on 15 March is still 14 March in Bogotá (UTC−5).
  const at = Date.UTC(2025, 2, 15, 2, 30);
  it.each([
    ['America/Bogota', '20250314'],
    ['Europe/Madrid', '20250315'],
  ])('in %s is %s', (zone, key) => expect(todayKey(zone, at)).toBe(key));
});
