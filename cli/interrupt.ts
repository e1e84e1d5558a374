// Ctrl-C (SIGINT) and SIGTERM for the long commands (run, shrink, mutants,
// explore). bin-main installs the handlers once; a command that can stop
// cleanly arms the token while it works and polls `requested()` between (and
// inside) its runs, then prints what finished and exits 130 / 143. A signal
// while no command is armed, or a second signal, ends the process at once,
// as if there were no handler.

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/** The exit status a shell reports for a process ended by this signal (128 + its number). */
export function exitStatusOf(signal: InterruptSignal): number {
  switch (signal) {
    case 'SIGINT':
      return 130;
    case 'SIGTERM':
      return 143;
  }
}

class Interruption {
  private signalSeen: InterruptSignal | null = null;
  private armedBy = 0;

  /** The signal that asked the current command to stop, or null. */
  get signal(): InterruptSignal | null {
    return this.signalSeen;
  }

  requested(): boolean {
    return this.signalSeen !== null;
  }

  /** Ask the armed command to stop (the signal handler does this; tests too). */
  request(signal: InterruptSignal): void {
    this.signalSeen ??= signal;
  }

  get armed(): boolean {
    return this.armedBy > 0;
  }

  /**
   * A command stops cleanly from here until `disarm` (call it in a finally).
   * A request made before arming (by a test) is kept.
   */
  arm(): void {
    this.armedBy++;
  }

  /** The command is done: later signals end the process at once; the request is forgotten. */
  disarm(): void {
    this.armedBy = Math.max(0, this.armedBy - 1);
    if (this.armedBy === 0) this.signalSeen = null;
  }
}

/** The one token of this process. */
export const interruption = new Interruption();

/** `shouldStop` for the library's loops. */
export const shouldStop = (): boolean => interruption.requested();

/** One line for the user, on standard error. */
export function interruptedLine(signal: InterruptSignal, what: string): string {
  return `vsynclab: interrupted by ${signal}: ${what}\n`;
}

/** Installed once by bin-main: the first signal asks an armed command to stop; otherwise it ends the process. */
export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!interruption.armed || interruption.requested()) process.exit(exitStatusOf(signal));
      interruption.request(signal);
      process.stderr.write(`\nvsynclab: ${signal}: stopping after the work in hand (send it again to quit at once)\n`);
    });
  }
}
