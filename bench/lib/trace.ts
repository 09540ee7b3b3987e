/** Reading Chromium traces (Browser.startTracing): events, and CPU samples within a time span. */
import { rankSelfTime, type HotSpot, type ProfileNode, type Sources } from './cpu-profile';

export interface TraceEvent {
  name: string;
  pid: number;
  tid: number;
  id?: string;
  /** Microseconds on the trace clock; `dur` for complete events. */
  ts: number;
  dur?: number;
  args?: {
    data?: {
      url?: string;
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

export const CPU_PROFILER = 'disabled-by-default-v8.cpu_profiler';

export function parseTrace(buffer: Buffer): TraceEvent[] {
  return (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** The EvaluateScript event of the script whose URL ends with `suffix`. */
export function scriptStart(events: readonly TraceEvent[], suffix: string): TraceEvent | undefined {
  return events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith(suffix));
}

/**
 * Self time per function in [fromUs, toUs] of the CPU profile (traced with CPU_PROFILER) of the
 * thread that ran `anchor`.
 */
export function hotSpotsBetween(
  events: readonly TraceEvent[],
  anchor: TraceEvent,
  fromUs: number,
  toUs: number,
  sources: Sources = {},
): HotSpot[] {
  const profile = events.find(
    (e) => e.name === 'Profile' && e.pid === anchor.pid && e.tid === anchor.tid,
  );
  if (!profile?.args?.data?.startTime) return [];
  const nodes: ProfileNode[] = [];
  const samples: number[] = [];
  const durations: number[] = [];
  let t = profile.args.data.startTime;
  let last: { index: number; at: number } | null = null;
  for (const chunk of events) {
    if (chunk.name !== 'ProfileChunk' || chunk.id !== profile.id || chunk.pid !== anchor.pid) {
      continue;
    }
    const data = chunk.args?.data;
    nodes.push(...(data?.cpuProfile?.nodes ?? []));
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    ids.forEach((id, i) => {
      t += deltas[i] ?? 0;
      // The previous sample lasted until this one.
      if (last) durations[last.index] = (t - last.at) / 1000;
      last = null;
      if (t < fromUs || t > toUs) return;
      last = { index: samples.length, at: t };
      samples.push(id);
      durations.push(0);
    });
  }
  return rankSelfTime(nodes, samples, durations, 12, sources);
}
