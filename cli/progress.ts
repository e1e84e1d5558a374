// Progress of a suite on standard error: a redrawn bar on a terminal, or a
// plain line every tenth of the runs when not a terminal or when CI=true.
import chalk from 'chalk';

export class Progress {
  private done = 0;
  private failed = 0;
  private readonly started = process.hrtime.bigint();
  private readonly live: boolean;
  private nextPlainLine: number;

  constructor(private readonly total: number, enabled: boolean) {
    this.live = enabled && process.stderr.isTTY === true && !process.env.CI;
    this.nextPlainLine = enabled && !this.live ? Math.max(1, Math.ceil(total / 10)) : Number.POSITIVE_INFINITY;
  }

  tick(passed: boolean): void {
    this.done++;
    if (!passed) this.failed++;
    if (this.live) {
      process.stderr.write(`\r${this.line(true)}\u001b[K`);
    } else if (this.done >= this.nextPlainLine || (this.done === this.total && this.nextPlainLine !== Number.POSITIVE_INFINITY)) {
      process.stderr.write(`${this.line(false)}\n`);
      this.nextPlainLine = this.done + Math.max(1, Math.ceil(this.total / 10));
    }
  }

  finish(): void {
    if (this.live) process.stderr.write('\r\u001b[K');
  }

  private line(bar: boolean): string {
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const rate = this.done / Math.max(seconds, 1e-9);
    const left = rate > 0 ? (this.total - this.done) / rate : 0;
    const width = 24;
    const filled = Math.round((this.done / Math.max(1, this.total)) * width);
    const gauge = bar ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
    const failures = this.failed > 0 ? chalk.red(`${this.failed} failed`) : '0 failed';
    return `${gauge}${this.done}/${this.total} runs, ${failures}, ${rate.toFixed(1)} runs/s, ${left.toFixed(0)} s left`;
  }
}

/** Progress is shown when standard error is a terminal, or when asked for (`--progress`). */
export function progressWanted(asked: boolean): boolean {
  return asked || process.stderr.isTTY === true;
}

const LIVE_INTERVAL_NS = 100_000_000n;
const PLAIN_INTERVAL_NS = 2_000_000_000n;

/**
 * One line of status on standard error for work without a known run count
 * (a long run's simulated time, a shrink's attempts, a mutant hunt): redrawn
 * at most ten times a second on a terminal, else a plain line every two
 * seconds, and the first update always shows. Disabled: prints nothing.
 */
export class StatusLine {
  private readonly live: boolean;
  private last: bigint | null = null;
  private shown = false;

  constructor(private readonly enabled: boolean) {
    this.live = enabled && process.stderr.isTTY === true && !process.env.CI;
  }

  /** `text` is called only when a line is due, so callers may pass something costly. */
  update(text: () => string): void {
    if (!this.enabled) return;
    const now = process.hrtime.bigint();
    if (this.last !== null && now - this.last < (this.live ? LIVE_INTERVAL_NS : PLAIN_INTERVAL_NS)) return;
    this.show(text, now);
  }

  /** The first line of a new step of the work (checking, replaying): shown now, whatever the rate. */
  step(text: () => string): void {
    if (this.enabled) this.show(text, process.hrtime.bigint());
  }

  private show(text: () => string, now: bigint): void {
    this.last = now;
    this.shown = true;
    process.stderr.write(this.live ? `\r${text()}\u001b[K` : `${text()}\n`);
  }

  /** Clears a redrawn line (before other output, and at the end). */
  finish(): void {
    if (this.live && this.shown) process.stderr.write('\r\u001b[K');
    this.shown = false;
  }
}
