// Where a run's trace lines go. File sinks stream to disk as the run goes:
// lines are buffered and flushed every FLUSH_BYTES, and on close, so a run
// that dies leaves every line it flushed. A `.gz` file is written as a
// sequence of gzip members (one per flush), which gunzip reads as one stream.
import { closeSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface TraceSink {
  write(line: string): void;
  /** Writes out everything buffered; the sink stays usable. */
  flush(): void;
  close(): void;
}

const FLUSH_BYTES = 256 * 1024;

export class FileTraceSink implements TraceSink {
  private readonly fd: number;
  private readonly gzip: boolean;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private closed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
    this.gzip = path.endsWith('.gz');
  }

  write(line: string): void {
    this.buffer.push(line);
    this.bufferedChars += line.length + 1;
    if (this.bufferedChars >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0 || this.closed) return;
    const text = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.bufferedChars = 0;
    if (this.gzip) writeSync(this.fd, gzipSync(text));
    else writeSync(this.fd, text);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }
}

/** Keeps lines in memory (tests, replay comparison). */
export class MemoryTraceSink implements TraceSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  flush(): void {}
  close(): void {}
  text(): string {
    return this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
  }
}

/** Writes nothing and counts what it was given (benchmarks: a trace's size without the disk). */
export class NullTraceSink implements TraceSink {
  lines = 0;
  /** UTF-16 code units plus one newline per line: the file's bytes for ASCII traces. */
  chars = 0;
  write(line: string): void {
    this.lines++;
    this.chars += line.length + 1;
  }
  flush(): void {}
  close(): void {}
}
