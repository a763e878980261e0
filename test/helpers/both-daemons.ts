// Running one story under real supervisord and under tssupervisord at once, and reading what a
// recording listener fixture wrote (one JSON object per line), for the side-by-side event suites.

import { existsSync, readFileSync } from 'node:fs';
import { startDaemon, type DaemonHandle } from './daemon.js';

export type Impl = 'ours' | 'supervisord';
export const IMPLS: readonly Impl[] = ['supervisord', 'ours'];

/** Starts both daemons with the same programs, runs the story on each, stops both; results by impl. */
export async function withBoth<T>(programs: string, story: (d: DaemonHandle, impl: Impl) => Promise<T>): Promise<Record<Impl, T>> {
  const run = async (impl: Impl): Promise<T> => {
    const d = await startDaemon({ impl, programs });
    try {
      return await story(d, impl);
    } finally {
      await d.stop();
    }
  };
  const [supervisord, ours] = await Promise.all(IMPLS.map(run));
  return { supervisord: supervisord as T, ours: ours as T };
}

/** The records a listener fixture appended to `file` so far ([] before it exists). */
export function readRecords<R>(file: string): R[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as R);
}
