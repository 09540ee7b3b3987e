import { useEffect, useRef, useState } from 'preact/hooks';

export type SaveStatus = 'idle' | 'saved' | 'failed';

/** A short-lived "Saved" acknowledgement for a setting saved on change. */
export function useSaveStatus(): [SaveStatus, (save: Promise<unknown>) => void] {
  const [status, setStatus] = useState<SaveStatus>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const track = (save: Promise<unknown>) => {
    clearTimeout(timer.current);
    save.then(
      () => {
        setStatus('saved');
        timer.current = setTimeout(() => setStatus('idle'), 2500);
      },
      () => setStatus('failed'),
    );
  };
  return [status, track];
}
