// Odd but valid names for a generated trace: process ids and message ids
// replaced (consistently) by unicode, empty, very long, prototype-looking
// or numeric-looking strings, and view ids moved by an order-keeping map
// to negative or huge (but exactly representable) integers. Verdicts must
// not change: the contract says nothing about what an id looks like.
import type { Choose } from './trace-generator.ts';

const ODD_NAMES = ['', 'ü', '主机-1', '🦀#2', '__proto__', 'constructor', 'toString', ' ', 'p1 ', '"q"', '\\', 'x'.repeat(300), 'p\u0000', 'hasOwnProperty', '0', '-1'];

export function renamed(events: readonly Record<string, unknown>[], choose: Choose): Record<string, unknown>[] {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const nameOf = (id: string, pool: readonly string[], prefix: string): string => {
    let name = names.get(prefix + id);
    if (name !== undefined) return name;
    const candidate = pool[choose(pool.length + 2)];
    name = candidate !== undefined && !taken.has(prefix + candidate) ? candidate : `${id}\u00e9${choose(1000)}`;
    while (taken.has(prefix + name)) name += '\u2063';
    taken.add(prefix + name);
    names.set(prefix + id, name);
    return name;
  };
  const proc = (id: unknown): unknown => (typeof id === 'string' ? nameOf(id, ODD_NAMES, 'p:') : id);
  const msg = (id: unknown): unknown => (typeof id === 'string' ? nameOf(id, ODD_NAMES, 'm:') : id);
  const scale = [1, 1000003, 2 ** 40][choose(3)] as number;
  const shift = [0, -(2 ** 50), -7][choose(3)] as number;
  const viewId = (id: unknown): unknown => (typeof id === 'number' ? id * scale + shift : id);
  return events.map((event) => {
    const out: Record<string, unknown> = { ...event };
    if ('node' in out) out['node'] = proc(out['node']);
    if ('from' in out) out['from'] = proc(out['from']);
    if ('msg' in out) out['msg'] = msg(out['msg']);
    if (event['type'] === 'view') {
      const view = out['view'] as { id: number; members: string[] };
      out['view'] = { id: viewId(view.id), members: view.members.map(proc) };
    } else if ('view' in out) out['view'] = viewId(out['view']);
    if (event['type'] === 'partition') out['groups'] = (out['groups'] as string[][]).map((group) => group.map(proc));
    return out;
  });
}
