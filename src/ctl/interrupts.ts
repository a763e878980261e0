// Ctrl-C routing: a streaming command (tail -f, fg) registers what Ctrl-C means while it runs; otherwise
// the fallback applies (one-shot: exit like an interrupted program; shell: leave the shell).

export class Interrupts {
  private readonly handlers: Array<() => void> = [];

  constructor(private readonly fallback: () => void) {}

  on(handler: () => void): () => void {
    this.handlers.push(handler);
    return () => {
      const index = this.handlers.lastIndexOf(handler);
      if (index !== -1) this.handlers.splice(index, 1);
    };
  }

  fire(): void {
    const handler = this.handlers[this.handlers.length - 1];
    if (handler) handler();
    else this.fallback();
  }
}
