import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** The settings the organisation's policy sets or locks, provided once by the options page. */
export const ManagedContext = createContext<readonly string[]>([]);

/** True when the organisation set or locked this setting: the agent cannot change it. */
export function useManaged(name: string): boolean {
  return useContext(ManagedContext).includes(name);
}
