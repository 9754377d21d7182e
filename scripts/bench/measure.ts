/**
 * Timing harness shared by Node and the browser: warm up, then time a few
 * windows of at least `windowMs` each and keep the median rate, so one
 * disturbed window (GC, another process) does not move the figure.
 */

export interface Measurement {
  /** Median over the windows. */
  perSecond: number;
  /** Rate of each window. */
  samples: number[];
}

export interface MeasureOptions {
  warmupMs?: number;
  windowMs?: number;
  windows?: number;
  /** Shortest call: k doubles during warm-up until run(k) takes this long (default 10 ms). */
  callMs?: number;
}

/**
 * Rate at which `run(k)`, which performs k units of work, gets through work.
 * `k` grows until one call takes `callMs` (~10 ms), so the clock is read rarely.
 */
export function measure(run: (k: number) => void, { warmupMs = 1000, windowMs = 2000, windows = 3, callMs = 10 }: MeasureOptions = {}): Measurement {
  let k = 1;
  const warmupEnd = performance.now() + warmupMs;
  while (performance.now() < warmupEnd) {
    const t0 = performance.now();
    run(k);
    if (performance.now() - t0 < callMs) k *= 2;
  }
  const samples: number[] = [];
  for (let w = 0; w < windows; w++) {
    let done = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < windowMs) {
      run(k);
      done += k;
      elapsed = performance.now() - t0;
    }
    samples.push((done / elapsed) * 1000);
  }
  return { perSecond: median(samples), samples };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
