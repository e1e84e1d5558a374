// The result of a search, built the same way by the sequential search
// (search.ts) and the worker-parallel one (parallel/coordinator.ts).
import type { PathViolation } from './check-path.ts';
import type { SearchPacer } from './search-pacer.ts';
import type { SearchOutcome } from './search-types.ts';
import type { Trail } from './state.ts';

/** What a search counted on its way. */
export interface SearchCounts {
  transitions: number;
  terminalStates: number;
  pathsChecked: number;
  maxDepthSeen: number;
  /** Some path was cut at maxDepth. */
  depthCut: boolean;
}

/** The outcome of a search that found `found` (or nothing) and hit `bound` (or none), with `states` distinct states. */
export function searchOutcome(found: { violation: PathViolation; trail: Trail } | null, bound: string | null, counts: SearchCounts, states: number, pacer: SearchPacer): SearchOutcome {
  if (found === null && bound === null && counts.depthCut) bound = 'maxDepth';
  pacer.sampleMemory(false);
  const seconds = pacer.secondsSoFar();
  return {
    result: found !== null ? 'violated' : bound !== null ? 'unknown' : 'ok',
    bound: found !== null ? null : bound,
    states,
    transitions: counts.transitions,
    depth: counts.maxDepthSeen,
    seconds,
    statesPerSecond: seconds > 0 ? Math.round(states / seconds) : states,
    peakMemoryBytes: pacer.peakMemoryBytes,
    terminalStates: counts.terminalStates,
    pathsChecked: counts.pathsChecked,
    violation: found?.violation ?? null,
    violationTrail: found === null ? null : cutTrail(found.trail, found.violation.step),
  };
}

/** The trail's ancestor at `depth`. */
function cutTrail(trail: Trail, depth: number): Trail {
  let at = trail;
  while (at.depth > depth && at.prev !== null) at = at.prev;
  return at;
}
