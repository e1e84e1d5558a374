// Ctrl-C (SIGINT) and SIGTERM for the long commands (run, shrink, mutants, explore).
// bin-main enables the handlers once; a command that can stop cleanly arms
// the token while it works and polls `requested()` between (and inside) its
// runs, giving the event loop turns so the handler runs, then prints what
// finished and exits 130 / 143. A signal while no command is armed, or a
// second signal, ends the process at once.

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
  private handlersEnabled = false;

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

  /** Called once by bin-main: from now on, arming listens for the real signals. */
  enableSignalHandlers(): void {
    this.handlersEnabled = true;
  }

  /**
   * A command stops cleanly from here until `disarm` (call it in a finally);
   * it must poll `requested()` and give the event loop turns while it works.
   * A request made before arming (by a test) is kept.
   */
  arm(): void {
    if (this.armedBy++ === 0 && this.handlersEnabled) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
  }

  /** The command is done: signals get their default action again; the request is forgotten. */
  disarm(): void {
    if (this.armedBy === 0) return;
    if (--this.armedBy > 0) return;
    this.signalSeen = null;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The first signal asks the armed command to stop; a second ends the process at once. */
function onSignal(signal: NodeJS.Signals): void {
  const which: InterruptSignal = signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  if (interruption.requested()) process.exit(exitStatusOf(which));
  interruption.request(which);
  process.stderr.write(`\nvsynclab: ${which}: stopping after the work in hand (send it again to quit at once)\n`);
}

/** The one token of this process. */
export const interruption = new Interruption();

/** `shouldStop` for the library's loops. */
export const shouldStop = (): boolean => interruption.requested();

/** One line for the user, on standard error. */
export function interruptedLine(signal: InterruptSignal, what: string): string {
  return `vsynclab: interrupted by ${signal}: ${what}\n`;
}

/**
 * Called once by bin-main. Handlers are attached only while a command is
 * armed: a JavaScript handler replaces the default action, and a command busy
 * in synchronous code would never run it, so commands that do not poll keep
 * the default (Ctrl-C ends them at once).
 */
export function installSignalHandlers(): void {
  interruption.enableSignalHandlers();
}
