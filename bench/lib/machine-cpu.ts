import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/**
 * How busy the machine's CPUs were over a measurement, from /proc/stat: the figures on a shared
 * 2-CPU host are bound by CPU time (16 requests in flight, or 2 worker processes, need more cores
 * than there are once the load generator, the API, PostgreSQL and other work share them), and a
 * figure says so rather than leaving a slow number unexplained.
 */
export interface CpuWindow {
  /** CPUs busy on average over the window (0 … cpus), every process of the machine. */
  busyCpus: number;
  cpus: number;
  /** The 1-minute load average at the end (runnable processes; > cpus means they waited). */
  load1: number;
}

function busyAndTotal(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal …
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { busy: total - idle, total };
  } catch {
    return null; // not Linux
  }
}

/** Starts a window; `end()` gives how busy the CPUs were since. */
export function cpuWindow(): { end(): CpuWindow } {
  const start = busyAndTotal();
  return {
    end: () => {
      const stop = busyAndTotal();
      const cpus = availableParallelism();
      const share =
        start && stop && stop.total > start.total
          ? (stop.busy - start.busy) / (stop.total - start.total)
          : NaN;
      return {
        busyCpus: Math.round(share * cpus * 100) / 100,
        cpus,
        load1: Math.round(loadavg()[0] * 10) / 10,
      };
    },
  };
}

export function describeCpu(window: CpuWindow): string {
  return `CPUs busy ${window.busyCpus.toFixed(2)} of ${window.cpus}, load ${window.load1}`;
}
