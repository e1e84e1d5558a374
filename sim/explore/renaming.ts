// Process renamings for symmetry reduction. A renaming maps every initial
// process id to another (a permutation) and is applied to every string of a
// state: exact ids (`p2`), ids inside message ids (`p2:3`), timer tags
// (`rt:p2`) and object keys. A token `pN` counts as an id when it is not
// part of a longer word or number, so `p1` in `p12` or `kp1` is left alone.
//
// Soundness: merging a state with its renamed image is sound when the
// protocol treats process ids as opaque names (never sorts or parses them)
// and the scenario treats the processes alike (the explorer's workload is
// the same for every initial process).
import { InputError } from '../../traces/input-error.ts';

/** Symmetry tries every permutation; 4 processes give 24, which is the most we allow. */
export const MAX_SYMMETRIC_PROCESSES = 4;

const ID_TOKEN = /(?<![\w#])p\d+(?![\w#])/g;

export class Renaming {
  private readonly map = new Map<string, string>();
  private readonly cache = new Map<string, string>();

  /** `image[i]` is the index of the process that process i becomes. */
  constructor(readonly pids: readonly string[], readonly image: readonly number[]) {
    for (let i = 0; i < pids.length; i++) this.map.set(pids[i] as string, pids[image[i] as number] as string);
  }

  get isIdentity(): boolean {
    return this.image.every((to, from) => to === from);
  }

  rename(s: string): string {
    if (s.indexOf('p') < 0) return s;
    const direct = this.map.get(s);
    if (direct !== undefined) return direct;
    let out = this.cache.get(s);
    if (out === undefined) {
      out = s.replace(ID_TOKEN, (token) => this.map.get(token) ?? token);
      if (this.cache.size < 1 << 16) this.cache.set(s, out);
    }
    return out;
  }

  /** The index a process index maps to. */
  of(index: number): number {
    return this.image[index] as number;
  }
}

export function identityRenaming(pids: readonly string[]): Renaming {
  return new Renaming(pids, pids.map((_, i) => i));
}

/** Every permutation of the processes, the identity first. */
export function allRenamings(pids: readonly string[]): Renaming[] {
  if (pids.length > MAX_SYMMETRIC_PROCESSES) {
    throw new InputError(`--symmetry: supports at most ${MAX_SYMMETRIC_PROCESSES} processes (it tries every permutation), the scenario has ${pids.length}`);
  }
  const out: Renaming[] = [];
  const image: number[] = [];
  const used = new Array<boolean>(pids.length).fill(false);
  const extend = (): void => {
    if (image.length === pids.length) {
      out.push(new Renaming(pids, [...image]));
      return;
    }
    for (let i = 0; i < pids.length; i++) {
      if (used[i]) continue;
      used[i] = true;
      image.push(i);
      extend();
      image.pop();
      used[i] = false;
    }
  };
  extend();
  return out;
}
