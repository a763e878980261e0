// `strip_ansi=true`: supervisord's rule on bytes — from `ESC [` up to and including the first of
// `HfABCDRsuJKhlpm`, everything is dropped. Unlike supervisord, which starts afresh with every read, the
// state carries over between chunks, so a sequence split across two reads is removed too.

const ESC = 0x1b;
const BRACKET = 0x5b;
const TERMINATORS = new Set(Buffer.from('HfABCDRsuJKhlpm'));

export class AnsiStripper {
  private hidden = false;
  /** A chunk ended with ESC: whether it starts a sequence depends on the next byte. */
  private pendingEsc = false;

  /** The visible bytes of `chunk` (the chunk itself when there is nothing to remove). */
  strip(chunk: Buffer): Buffer {
    if (!this.hidden && !this.pendingEsc && chunk.indexOf(ESC) === -1) return chunk;
    const parts: Buffer[] = [];
    let i = 0;
    if (this.pendingEsc) {
      this.pendingEsc = false;
      if (chunk[0] === BRACKET) {
        this.hidden = true;
        i = 1;
      } else {
        parts.push(Buffer.of(ESC));
      }
    }
    while (i < chunk.length) {
      if (this.hidden) {
        while (i < chunk.length && !TERMINATORS.has(chunk[i] as number)) i++;
        if (i < chunk.length) {
          this.hidden = false;
          i++;
        }
        continue;
      }
      const esc = chunk.indexOf(ESC, i);
      if (esc === -1) {
        parts.push(chunk.subarray(i));
        break;
      }
      parts.push(chunk.subarray(i, esc));
      if (esc + 1 === chunk.length) {
        this.pendingEsc = true;
        break;
      }
      if (chunk[esc + 1] === BRACKET) {
        this.hidden = true;
        i = esc + 2;
      } else {
        parts.push(chunk.subarray(esc, esc + 1));
        i = esc + 1;
      }
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  /** At end of output: a lone ESC held back is real data. */
  end(): Buffer {
    const held = this.pendingEsc ? Buffer.of(ESC) : Buffer.alloc(0);
    this.pendingEsc = false;
    this.hidden = false;
    return held;
  }
}
