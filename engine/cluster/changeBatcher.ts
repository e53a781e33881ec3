// Coalesces changed object keys so a listener runs at most once per window: a burst of watch
// events (a rollout touching dozens of pods) costs one comparison per affected application.

export class ChangeBatcher {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flush: (keys: ReadonlySet<string>) => void,
    private readonly windowMs = 100,
  ) {}

  add(key: string): void {
    this.pending.add(key);
    this.timer ??= setTimeout(() => this.fire(), this.windowMs);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = new Set();
  }

  private fire(): void {
    this.timer = null;
    const keys = this.pending;
    this.pending = new Set();
    if (keys.size > 0) this.flush(keys);
  }
}
