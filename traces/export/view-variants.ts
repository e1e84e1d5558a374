// Views as the diagram lists them: a view id installed with two different
// member lists (a view-agreement violation) is two views, told apart by a
// variant number (0 for the first member list seen, 1 for the next, ...),
// so the page draws them in different colours and lists both. Member lists
// compare as sets, as view-agreement judges them: the same members in
// another order are the same view here.
/** A distinct (view id, member list): the Views panel's rows. */
export interface DiagramView {
  id: number;
  members: string[];
  /** 0 for the first member list installed under this id, 1 for a second, ... */
  variant: number;
  /** True when this id was installed with more than one member list. */
  conflict: boolean;
}

/** Distinct (view id, members) pairs in order of first install. */
export class ViewVariants {
  private readonly byId = new Map<number, string[][]>();
  readonly order: { id: number; variant: number }[] = [];

  variantOf(id: number, members: readonly string[]): number {
    const known = this.byId.get(id) ?? [];
    const key = setKey(members);
    const found = known.findIndex((list) => setKey(list) === key);
    if (found >= 0) return found;
    known.push([...members]);
    this.byId.set(id, known);
    this.order.push({ id, variant: known.length - 1 });
    return known.length - 1;
  }

  list(): DiagramView[] {
    return [...this.order]
      .sort((a, b) => a.id - b.id || a.variant - b.variant)
      .map(({ id, variant }) => {
        const all = this.byId.get(id)!;
        return { id, members: all[variant]!, variant, conflict: all.length > 1 };
      });
  }
}

function setKey(members: readonly string[]): string {
  return [...members].sort().join('\u0000');
}
