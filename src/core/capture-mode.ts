// Capture mode (`*_capture_maxbytes > 0`): output between `<!--XSUPERVISOR:BEGIN-->` and
// `<!--XSUPERVISOR:END-->` becomes a PROCESS_COMMUNICATION event instead of log data. Bytes in,
// segments out; a token split across reads is recognised. Pure.
//
// One deliberate difference from supervisord: it waits until more than a token's length is pending
// before looking at it, so a short last line (≤ 24 bytes) is held until more output comes and lost
// if the process exits. Here everything but a possible partial token is passed on at once, and
// end() hands over what is held, so nothing written outside a capture is lost.

export const BEGIN_TOKEN = Buffer.from('<!--XSUPERVISOR:BEGIN-->');
export const END_TOKEN = Buffer.from('<!--XSUPERVISOR:END-->');

export type CaptureSegment =
  /** Ordinary output: to the log file, the debug mirror and PROCESS_LOG events. */
  | { readonly type: 'log'; readonly data: Buffer }
  /** Output inside the tokens: not written to the file, still mirrored and sent as PROCESS_LOG data. */
  | { readonly type: 'captured'; readonly data: Buffer }
  /** The END token was seen: the whole message (bounded by maxbytes) for the communication event. */
  | { readonly type: 'message'; readonly data: Buffer };

/** Longest l < token.length such that `data` ends with the first l bytes of `token`. */
export function partialTokenAtEnd(data: Buffer, token: Buffer): number {
  for (let l = Math.min(token.length - 1, data.length); l > 0; l--) {
    if (data.subarray(data.length - l).equals(token.subarray(0, l))) return l;
  }
  return 0;
}

export class CaptureSplitter {
  private capturing = false;
  private held: Buffer = Buffer.alloc(0);
  private message: Buffer = Buffer.alloc(0);

  /**
   * @param maxbytes bound of one message: when a piece would overflow it, as many bytes as the piece
   *   holds are dropped from the front (supervisord's approximation of "keep the last maxbytes").
   * @param transform applied to captured pieces before they are kept (strip_ansi), as supervisord does.
   */
  constructor(
    private readonly maxbytes: number,
    private readonly transform: (data: Buffer) => Buffer = (d) => d,
  ) {}

  /** A chunk read from the pipe (may be a transient view: segments are copies or fresh buffers). */
  push(chunk: Uint8Array): CaptureSegment[] {
    let data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : Buffer.from(chunk);
    this.held = Buffer.alloc(0);
    const out: CaptureSegment[] = [];
    for (;;) {
      const token = this.capturing ? END_TOKEN : BEGIN_TOKEN;
      const at = data.indexOf(token);
      if (at === -1) {
        const keep = partialTokenAtEnd(data, token);
        this.held = data.subarray(data.length - keep);
        this.emit(data.subarray(0, data.length - keep), out);
        return out;
      }
      this.emit(data.subarray(0, at), out);
      if (this.capturing) {
        out.push({ type: 'message', data: this.message });
        this.message = Buffer.alloc(0);
      }
      this.capturing = !this.capturing;
      data = data.subarray(at + token.length);
    }
  }

  /** The channel closed: bytes held as a possible token start are ordinary output after all. */
  end(): CaptureSegment[] {
    const held = this.held;
    this.held = Buffer.alloc(0);
    if (held.length === 0 || this.capturing) return [];
    return [{ type: 'log', data: held }];
  }

  private emit(data: Buffer, out: CaptureSegment[]): void {
    if (data.length === 0) return;
    if (!this.capturing) {
      out.push({ type: 'log', data });
      return;
    }
    const piece = this.transform(data);
    if (piece.length === 0) return;
    const base = this.message.length + piece.length > this.maxbytes ? this.message.subarray(piece.length) : this.message;
    this.message = Buffer.concat([base, piece]);
    out.push({ type: 'captured', data: piece });
  }
}
