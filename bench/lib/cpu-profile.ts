/** Self time per function from V8 CPU profile samples, to say where time goes. */

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** What CDP Profiler.stop returns. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotSpot {
  name: string;
  selfMs: number;
}

/** Source text by script URL, to quote minified code where a hot function starts. */
export type Sources = Record<string, string>;

function label(node: ProfileNode, sources: Sources): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  const file = url.slice(url.lastIndexOf('/') + 1);
  const where = `${file}:${lineNumber + 1}:${columnNumber + 1}`;
  const line = sources[url]?.split('\n')[lineNumber];
  // Minified names say nothing: quote the code around where the function starts.
  const quote = line ? ` «${line.slice(Math.max(0, columnNumber - 40), columnNumber + 40)}»` : '';
  return `${functionName || '(anonymous)'} ${where}${quote}`;
}

/** The `top` functions by self time over `samples`, each sample lasting `durationsMs[i]`. */
export function rankSelfTime(
  nodes: readonly ProfileNode[],
  samples: readonly number[],
  durationsMs: readonly number[],
  top = 12,
  sources: Sources = {},
): HotSpot[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const name = label(node, sources);
    self.set(name, (self.get(name) ?? 0) + (durationsMs[i] ?? 0));
  });
  return [...self]
    .map(([name, ms]) => ({ name, selfMs: Math.round(ms * 10) / 10 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}

/** Hot spots of a whole CDP profile; "(idle)" is time spent waiting (e.g. on IndexedDB). */
export function hotSpots(profile: CpuProfile, top = 12, sources: Sources = {}): HotSpot[] {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the delta to the next one.
  const durations = samples.map((_, i) => (deltas[i + 1] ?? 0) / 1000);
  return rankSelfTime(profile.nodes, samples, durations, top, sources);
}
