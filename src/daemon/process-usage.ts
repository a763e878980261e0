// CPU and memory of child processes, sampled in the daemon so remote clients (TCP) see them too.
// The only module that imports pidusage.

import pidusage from 'pidusage';

export interface ProcessUsage {
  /** Percent of one core since the previous sample of the same pid (the first sample: since it started). */
  readonly cpu: number;
  /** Resident set size in bytes. */
  readonly rss: number;
}

/**
 * Samples each pid on its own: pidusage fails a whole batch when one pid has just exited, and a
 * process that dies between the lookup and the read is normal here. Missing pids are left out.
 */
export async function sampleUsage(pids: readonly number[]): Promise<Map<number, ProcessUsage>> {
  const unique = [...new Set(pids.filter((pid) => pid > 0))];
  const settled = await Promise.allSettled(unique.map((pid) => pidusage(pid)));
  const usage = new Map<number, ProcessUsage>();
  settled.forEach((outcome, i) => {
    const pid = unique[i];
    if (outcome.status === 'fulfilled' && pid !== undefined) {
      usage.set(pid, { cpu: round1(outcome.value.cpu), rss: outcome.value.memory });
    }
  });
  return usage;
}

function round1(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : 0;
}
