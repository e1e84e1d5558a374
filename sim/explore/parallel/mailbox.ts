// Messages between the coordinator and the workers without the event loop:
// each side posts on a MessagePort and bumps a counter in shared memory;
// the receiver takes messages with receiveMessageOnPort and sleeps with
// Atomics.wait on its counter. So the coordinator can run inside a
// synchronous `explore()` (driveToEnd), and each worker runs its search as
// one synchronous loop.
import { performance } from 'node:perf_hooks';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** Layout of the shared control array (Int32). */
export const STOP = 0;
/** The coordinator's wake-up counter. */
export const COORDINATOR_SLOT = 1;
/** Worker w's wake-up counter is WORKER_SLOTS + w. */
export const WORKER_SLOTS = 2;

/** Values of control[STOP]: run; stop (judge some frontier states); stop in a hurry (time bound or Ctrl-C: a quarter second of frontier checks). */
export const RUN = 0;
export const STOP_PLAIN = 1;
export const STOP_HURRY = 2;

export function controlWords(workers: number): number {
  return WORKER_SLOTS + workers;
}

/** Sets the stop flag unless it is set already (the first reason stands). */
export function requestStop(control: Int32Array, how: typeof STOP_PLAIN | typeof STOP_HURRY): void {
  Atomics.compareExchange(control, STOP, RUN, how);
}

/** Posts `message` on `port` and wakes the thread that sleeps on `slot`. */
export function send(port: MessagePort, control: Int32Array, slot: number, message: unknown): void {
  port.postMessage(message);
  Atomics.add(control, slot, 1);
  Atomics.notify(control, slot);
}

/**
 * The next message on any of `ports` (its index and the message), or null
 * after `timeoutMs` without one. Never misses a wake-up: the counter is read
 * before the ports are polled.
 */
export function receive(ports: readonly MessagePort[], control: Int32Array, slot: number, timeoutMs: number): { from: number; message: unknown } | null {
  const until = timeoutMs === Infinity ? Infinity : performance.now() + timeoutMs;
  for (;;) {
    const seen = Atomics.load(control, slot);
    for (let k = 0; k < ports.length; k++) {
      const got = receiveMessageOnPort(ports[k] as MessagePort);
      if (got !== undefined) return { from: k, message: got.message };
    }
    const left = until - performance.now();
    if (left <= 0) return null;
    Atomics.wait(control, slot, seen, left === Infinity ? undefined : left);
  }
}
