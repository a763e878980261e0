// Streams /logtail and /mainlogtail to stdout until the server ends them or the user presses Ctrl-C.
// Several streams at once (ours: `tail -f group:*`) are merged line by line with a `namespec | ` prefix.

import type { Controller } from './controller.js';
import { describeError } from './py-text.js';

export interface FollowSource {
  readonly path: string;
  /** null: raw passthrough (supervisorctl's single tail); else every line gets `<prefix> | `. */
  readonly prefix: string | null;
}

export interface Following {
  /** Resolves when every stream has ended (or was stopped). */
  readonly done: Promise<void>;
  stop(): void;
}

/** Starts streaming every source; errors go to stderr as supervisorctl's HTTP client reports them. */
export function startFollowing(ctl: Controller, sources: readonly FollowSource[]): Following {
  const closers: Array<() => void> = [];
  let stopped = false;
  const streamOne = async (source: FollowSource): Promise<void> => {
    const url = `${ctl.options.serverUrl}${source.path}`;
    let response;
    try {
      response = await (await ctl.rpc()).getStream(source.path);
    } catch (err) {
      const view = describeError(err);
      if (!stopped) ctl.warn(`${url} Cannot connect, error: <class '${view.pyClass}'> (${view.message})`);
      return;
    }
    const { status, stream } = response;
    if (stopped || status !== 200) {
      stream.destroy();
      if (!stopped) ctl.warn(`${url} Cannot read, status code ${status}`);
      return;
    }
    closers.push(() => stream.destroy());
    await pump(ctl, stream, source.prefix);
  };
  const done = Promise.all(sources.map(streamOne)).then(() => undefined);
  return {
    done,
    stop() {
      stopped = true;
      for (const close of closers) close();
    },
  };
}

/** tail -f / maintail -f: stream until the end or Ctrl-C (then print an empty line, as supervisorctl). */
export async function follow(ctl: Controller, sources: readonly FollowSource[]): Promise<void> {
  const following = startFollowing(ctl, sources);
  let interrupted = false;
  let wake: () => void = () => {};
  const interruptedPromise = new Promise<void>((resolve) => (wake = resolve));
  const unsubscribe = ctl.onInterrupt(() => {
    interrupted = true;
    following.stop();
    wake();
  });
  try {
    await Promise.race([following.done, interruptedPromise]);
  } finally {
    unsubscribe();
    following.stop();
  }
  if (interrupted) ctl.output('');
}

async function pump(ctl: Controller, stream: NodeJS.ReadableStream, prefix: string | null): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  try {
    for await (const chunk of stream) {
      const text = decoder.decode(chunk as Uint8Array, { stream: true });
      if (prefix === null) {
        ctl.write(text);
        continue;
      }
      pending += text;
      const lastNewline = pending.lastIndexOf('\n');
      if (lastNewline === -1) continue;
      const complete = pending.slice(0, lastNewline).split('\n');
      pending = pending.slice(lastNewline + 1);
      ctl.write(complete.map((line) => `${prefix} | ${line}\n`).join(''));
    }
  } catch {
    // A destroyed stream (Ctrl-C) or a dropped connection ends this source quietly, as in supervisorctl.
  }
  const rest = pending + decoder.decode();
  if (prefix !== null && rest !== '') ctl.write(`${prefix} | ${rest}\n`);
}
