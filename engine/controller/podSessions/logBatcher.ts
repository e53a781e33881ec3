// Gathers log lines into chunks for the client: a log read at full speed becomes a few large
// events instead of one per line, and a followed log that writes a line now and then still
// shows it within the delay.

export interface LogBatcherOptions {
  /** Longest a line waits before it is sent. */
  delayMs: number;
  /** A chunk is sent at once when it holds this many lines. */
  maxLines: number;
}

export class LogBatcher {
  private lines: string[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (lines: string[]) => void,
    private readonly options: LogBatcherOptions = { delayMs: 100, maxLines: 1000 },
  ) {}

  add(lines: readonly string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      if (this.lines.length >= this.options.maxLines) this.flush();
    }
    if (this.lines.length > 0 && !this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.delayMs);
    }
  }

  /** Sends what is waiting now (at the end of the stream). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.lines.length === 0) return;
    const chunk = this.lines;
    this.lines = [];
    this.send(chunk);
  }
}
