// Symmetry and the full ISIS stack: why `--symmetry` is refused for it.
//
// A symmetry reduction may merge two states only if renaming the processes
// maps runs to runs. In the full stack every role follows a member's rank
// (its position in the view's member list, which keeps join order): the
// coordinator is the first member not suspected, the ABCAST sequencer is
// rank 0, ballots break ties by rank (makeBallot) and a failed coordinator's
// successor is the next rank. Renaming p1 and p2 therefore turns a state in
// which the coordinator p1 runs a flush into one in which p2, not the
// coordinator of its view, holds a flush attempt: no run reaches it, and
// merging it with a real state would be unsound. No two members are
// interchangeable, so the stack supplies no permutation hook and says so.
export const ISIS_ASYMMETRY =
  'the full ISIS stack gives each member a role by rank (coordinator and ABCAST sequencer are the first member, ballots and succession follow rank), so no two members are interchangeable';
