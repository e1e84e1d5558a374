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
