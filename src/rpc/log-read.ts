// Reading log files for readLog / readProcess*Log and tailProcess*Log, with supervisord's offset rules
// (reference §3.5, §3.6). Bytes are decoded as UTF-8; a character cut at either end of the range becomes
// U+FFFD where supervisord would fail the whole call.

import fs from 'node:fs/promises';
import { Fault } from '../core/faults.js';

const decoder = new TextDecoder('utf-8');

export type TailResult = [data: string, offset: number, overflow: boolean];

async function readRange(file: fs.FileHandle, position: number, length: number | null): Promise<Buffer> {
  const size = (await file.stat()).size;
  const end = length === null ? size : Math.min(size, position + length);
  if (end <= position) return Buffer.alloc(0);
  const buffer = Buffer.alloc(end - position);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * offset ≥ 0: `length` bytes from offset (0 = to the end); offset < 0 with length 0: the last -offset
 * bytes. A negative offset with a length, or a negative length, is BAD_ARGUMENTS; I/O errors are FAILED.
 */
export async function readLogRange(path: string, offset: number, length: number): Promise<string> {
  let file: fs.FileHandle;
  try {
    file = await fs.open(path, 'r');
  } catch {
    throw new Fault('FAILED');
  }
  try {
    if (offset < 0 ? length !== 0 : length < 0) throw new Fault('BAD_ARGUMENTS');
    if (offset < 0) {
      const size = (await file.stat()).size;
      return decoder.decode(await readRange(file, Math.max(0, size + offset), -offset));
    }
    return decoder.decode(await readRange(file, offset, length === 0 ? null : length));
  } catch (error) {
    throw error instanceof Fault ? error : new Fault('FAILED');
  } finally {
    await file.close();
  }
}

/**
 * The last min(length, size) bytes whenever offset < size, '' otherwise; overflow when more than
 * `length` bytes lie past `offset`; the offset returned is always the file size.
 */
export async function tailLogRange(path: string, offset: number, length: number): Promise<TailResult> {
  let file: fs.FileHandle;
  try {
    file = await fs.open(path, 'r');
  } catch {
    return ['', offset, false];
  }
  try {
    const size = (await file.stat()).size;
    const window = tailWindow(size, offset, length);
    const data = window.length === 0 ? '' : decoder.decode(await readRange(file, window.offset, window.length));
    return [data, size, window.overflow];
  } catch {
    return ['', offset, false];
  } finally {
    await file.close();
  }
}

/** supervisord's tailFile arithmetic, kept apart so it can be checked against the worked examples. */
export function tailWindow(size: number, offset: number, length: number): { offset: number; length: number; overflow: boolean } {
  let overflow = false;
  if (size > offset + length) {
    overflow = true;
    offset = size - 1;
  }
  if (offset + length > size) {
    if (offset > size - 1) length = 0;
    offset = size - length;
  }
  return { offset: Math.max(0, offset), length: Math.max(0, length), overflow };
}
