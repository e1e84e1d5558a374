// A small failing run with the network events of issue 13, written by hand
// (not a spec file): p1 multicasts p1:1 and p1:2; the frame of p1:1 to p3 is
// lost, the network duplicates the frame of p1:2 to p3 and suppresses the
// copy, so p3 delivers p1:2 without p1:1 (fifo-order, virtual-synchrony,
// delivery-liveness: one cause). A partition cuts p3 off; p1 and p2 flush and
// install view 2 [p1 p2] while p3 installs its own view 2 [p3] (two installs
// of one view id with different members). Embedded states for the event
// panel come with it.
import type { TraceEvent, TraceHeader, UnnumberedEvent } from '../../../traces/schema.ts';
import { makeHeader } from '../../../traces/serialize.ts';
import type { EmbeddedStates } from '../../../traces/export/embedded-states.ts';
import { numbered } from './fixtures.ts';

export const netHeader: TraceHeader = makeHeader({ protocol: 'isis-fifo', scenario: 'lost-frame', seed: '7', detail: 'full' });

const members3 = ['p1', 'p2', 'p3'];
const send = (t: number, node: string, to: string, kind: string, key: string, net: number): UnnumberedEvent =>
  ({ type: 'send', t, node, to, kind, key, net });
const recv = (t: number, node: string, from: string, kind: string, key: string, net: number): UnnumberedEvent =>
  ({ type: 'recv', t, node, from, kind, key, net });

export const netEvents: TraceEvent[] = numbered([
  { type: 'start', t: 0, node: 'p1' }, // 0
  { type: 'start', t: 0, node: 'p2' }, // 1
  { type: 'start', t: 0, node: 'p3' }, // 2
  { type: 'view', t: 10, node: 'p1', view: { id: 1, members: members3 } }, // 3
  { type: 'view', t: 10, node: 'p2', view: { id: 1, members: members3 } }, // 4
  { type: 'view', t: 10, node: 'p3', view: { id: 1, members: members3 } }, // 5
  { type: 'bcast', t: 100, node: 'p1', msg: 'p1:1', order: 'fifo', view: 1 }, // 6
  { type: 'deliver', t: 100, node: 'p1', msg: 'p1:1', from: 'p1', view: 1 }, // 7
  send(100, 'p1', 'p2', 'mc', 'p1:1', 1), // 8
  send(100, 'p1', 'p3', 'mc', 'p1:1', 2), // 9
  recv(150, 'p2', 'p1', 'mc', 'p1:1', 1), // 10
  { type: 'deliver', t: 150, node: 'p2', msg: 'p1:1', from: 'p1', view: 1 }, // 11
  { type: 'drop', t: 160, node: 'p3', from: 'p1', kind: 'mc', key: 'p1:1', net: 2, reason: 'loss' }, // 12
  { type: 'bcast', t: 200, node: 'p1', msg: 'p1:2', order: 'fifo', view: 1 }, // 13
  { type: 'deliver', t: 200, node: 'p1', msg: 'p1:2', from: 'p1', view: 1 }, // 14
  send(200, 'p1', 'p2', 'mc', 'p1:2', 3), // 15
  send(200, 'p1', 'p3', 'mc', 'p1:2', 4), // 16
  { type: 'dup', t: 200, node: 'p1', to: 'p3', kind: 'mc', key: 'p1:2', net: 4, copy: 5 }, // 17
  recv(240, 'p2', 'p1', 'mc', 'p1:2', 3), // 18
  { type: 'deliver', t: 240, node: 'p2', msg: 'p1:2', from: 'p1', view: 1 }, // 19
  recv(250, 'p3', 'p1', 'mc', 'p1:2', 4), // 20
  { type: 'deliver', t: 250, node: 'p3', msg: 'p1:2', from: 'p1', view: 1 }, // 21
  { type: 'drop', t: 260, node: 'p3', from: 'p1', kind: 'mc', key: 'p1:2', net: 5, reason: 'duplicate' }, // 22
  { type: 'timer', t: 300, node: 'p1', timer: 'hb' }, // 23
  { type: 'partition', t: 400, groups: [['p1', 'p2'], ['p3']] }, // 24
  { type: 'suspect', t: 500, node: 'p1', suspect: 'p3' }, // 25
  send(500, 'p1', 'p2', 'flush', 'v2', 6), // 26
  recv(540, 'p2', 'p1', 'flush', 'v2', 6), // 27
  send(540, 'p2', 'p1', 'fok', 'v2', 7), // 28
  recv(580, 'p1', 'p2', 'fok', 'v2', 7), // 29
  send(580, 'p1', 'p2', 'install', 'v2', 8), // 30
  { type: 'view', t: 580, node: 'p1', view: { id: 2, members: ['p1', 'p2'] } }, // 31
  recv(620, 'p2', 'p1', 'install', 'v2', 8), // 32
  { type: 'view', t: 620, node: 'p2', view: { id: 2, members: ['p1', 'p2'] } }, // 33
  { type: 'suspect', t: 640, node: 'p3', suspect: 'p1' }, // 34
  { type: 'view', t: 700, node: 'p3', view: { id: 2, members: ['p3'] } }, // 35
  { type: 'heal', t: 800 }, // 36
  { type: 'link', t: 800, from: '*', to: '*', change: 'reset' }, // 37
  { type: 'choice', t: 800, step: 9, choice: 'deliver hb p2->p1' }, // 38
  { type: 'end', t: 1000, quiescent: true }, // 39
]);

/** Process states after events (the `inspect` structure), made up but consistent. */
export const netStates: EmbeddedStates = {
  steps: [
    { i: 0, node: 'p1', changes: [{ path: [], value: { view: null, delivered: [], pending: {} } }] },
    { i: 1, node: 'p2', changes: [{ path: [], value: { view: null, delivered: [], pending: {} } }] },
    { i: 2, node: 'p3', changes: [{ path: [], value: { view: null, delivered: [], pending: {} } }] },
    { i: 3, node: 'p1', changes: [{ path: ['view'], value: { id: 1, members: members3 } }] },
    { i: 4, node: 'p2', changes: [{ path: ['view'], value: { id: 1, members: members3 } }] },
    { i: 5, node: 'p3', changes: [{ path: ['view'], value: { id: 1, members: members3 } }] },
    { i: 7, node: 'p1', changes: [{ path: ['delivered'], value: ['p1:1'] }, { path: ['pending', 'p1:1'], value: ['p2', 'p3'] }] },
    { i: 11, node: 'p2', changes: [{ path: ['delivered'], value: ['p1:1'] }] },
    { i: 14, node: 'p1', changes: [{ path: ['delivered'], value: ['p1:1', 'p1:2'] }, { path: ['pending', 'p1:2'], value: ['p2', 'p3'] }] },
    { i: 21, node: 'p3', changes: [{ path: ['delivered'], value: ['p1:2'] }] },
    { i: 31, node: 'p1', changes: [{ path: ['view'], value: { id: 2, members: ['p1', 'p2'] } }, { path: ['pending', 'p1:1'], removed: true }] },
    { i: 35, node: 'p3', changes: [{ path: ['view'], value: { id: 2, members: ['p3'] } }] },
  ],
};
