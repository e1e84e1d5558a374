// Symmetry reduction (`--symmetry`): which process renamings the explorer
// may merge states under, and how.
//
// Two kinds of protocol:
// - one with the permutation hooks of protocol/types.ts (`permute`,
//   `permuteMessage`: the static CBCAST and FBCAST stacks): a renamed
//   state is rebuilt by the protocol itself, ranks and rank-indexed vectors
//   included, so states of real runs that differ by a renaming of the
//   processes get one key (symmetry-key.ts), and each step that delivers
//   several messages is checked for an order that depends on the names
//   (symmetry-order.ts);
// - one without: every string of the state is renamed (renaming.ts), which
//   is sound for protocols that treat ids as opaque names and merges
//   nothing for rank-indexed ones.
// A protocol that declares `asymmetry` (the full ISIS stack) is refused.
//
// Only interchangeable processes are permuted: a renaming must map the
// workload's senders onto senders (`explore.senders`), and every other
// difference the explorer makes between processes (joiners, restarted
// incarnations) is refused with the hooks. Every initial process gets the
// same workload and the same fault budgets, so nothing else tells them apart.
import type { AnyProtocol, ProcessPermutation } from '../../protocol/types.ts';
import { InputError } from '../../traces/input-error.ts';
import type { ExploreConfig } from './config.ts';
import { allRenamings, identityRenaming, Renaming } from './renaming.ts';

export interface SymmetryPlan {
  /** The identity first, then every renaming the search merges states under. */
  readonly renamings: readonly Renaming[];
  /** The protocol rebuilds renamed states itself (permute hooks). */
  readonly hooked: boolean;
}

/** Distinct renamed images an object may have per permutation before the memo starts afresh. */
const MAX_MEMO = 1 << 10;

/** A renaming as the protocol hooks see it (ProcessPermutation). */
export class RenamingPermutation implements ProcessPermutation {
  private images = new Map<object, object>();

  constructor(readonly renaming: Renaming) {}

  get processes(): readonly string[] {
    return this.renaming.pids;
  }

  pid(p: string): string {
    return this.renaming.rename(p);
  }

  text(s: string): string {
    return this.renaming.rename(s);
  }

  memo<T extends object>(original: T, make: (original: T) => T): T {
    let image = this.images.get(original) as T | undefined;
    if (image === undefined) {
      image = make(original);
      if (this.images.size >= MAX_MEMO) this.images = new Map();
      this.images.set(original, image);
    }
    return image;
  }
}

/** The renaming that undoes `r`. */
export function inverseRenaming(r: Renaming): Renaming {
  const image = new Array<number>(r.image.length);
  for (let i = 0; i < r.image.length; i++) image[r.of(i)] = i;
  return new Renaming(r.pids, image);
}

/**
 * The renamings `--symmetry` may use for this protocol and configuration,
 * or an InputError saying why it is refused.
 */
export function planSymmetry(protocol: AnyProtocol, config: ExploreConfig, pids: readonly string[]): SymmetryPlan {
  const refuse = (why: string): never => {
    throw new InputError(`--symmetry: refused for protocol ${protocol.name}: ${why}`);
  };
  if (protocol.asymmetry !== undefined) refuse(protocol.asymmetry);
  const hooked = protocol.permute !== undefined && protocol.permuteMessage !== undefined;
  if ((protocol.permute === undefined) !== (protocol.permuteMessage === undefined)) {
    refuse('it supplies only one of permute and permuteMessage; a renamed state needs both');
  }
  if (hooked) {
    if (config.budgets.join > 0 || config.budgets.restart > 0) {
      refuse('a joiner or a restarted incarnation has no renamed counterpart (set the join and restart budgets to 0)');
    }
    if (config.order === 'total') {
      refuse('with explore.order "total" every delivery is fingerprinted in the order a step makes it, and that order follows rank');
    }
  }
  const senders = config.senders;
  const sameRole = (r: Renaming): boolean =>
    senders === undefined || pids.every((p, i) => senders.includes(p) === senders.includes(pids[r.of(i)] as string));
  const renamings = allRenamings(pids).filter(sameRole);
  return { renamings: renamings.length > 0 ? renamings : [identityRenaming(pids)], hooked };
}
