// Streams a model's answer to the caller as progress notifications: each notification's message is the
// text generated since the previous one, so the messages joined are the answer. Throttled so a fast
// stream does not become one notification per token.
export const PROGRESS_INTERVAL_MS = 200;

type Progress = (progress: number, total?: number, message?: string) => Promise<void>;

export class StreamProgress {
  private pending = '';
  private sent = 0;
  private last = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly progress: Progress,
    private readonly onError: (error: unknown) => void,
  ) {}

  readonly onDelta = (delta: string): void => {
    this.pending += delta;
    if (Date.now() - this.last >= PROGRESS_INTERVAL_MS) this.send();
  };

  /** Sends what is left and waits until every notification went out, in order. */
  async flush(): Promise<void> {
    this.send();
    await this.chain;
  }

  private send(): void {
    if (this.pending === '') return;
    const message = this.pending;
    this.pending = '';
    this.sent += message.length;
    this.last = Date.now();
    const progress = this.sent;
    this.chain = this.chain.then(() => this.progress(progress, undefined, message)).catch(this.onError);
  }
}
