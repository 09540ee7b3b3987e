import { settingsItem, type Settings } from '../settings';

/** Change some settings, keeping the rest as stored now (read-modify-write of the whole object). */
export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  const current = await settingsItem.getValue();
  await settingsItem.setValue({ ...current, ...patch });
}
