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

export interface Interleaved {
  /** Median over the alternations of rate(a) / rate(b). */
  ratio: number;
  ratios: number[];
  /** Median rates of each, per second. */
  a: number;
  b: number;
}

/**
 * rate(a) / rate(b) where the machine is shared: `alternations` pairs of
 * windows of `windowMs` each, one of `a` and one of `b`, the order swapped
 * every time, so a change in load falls on both alike; the median ratio.
 */
export function interleaved(a: (k: number) => void, b: (k: number) => void, { alternations = 7, windowMs = 1000, callMs = 10 } = {}): Interleaved {
  const once = (run: (k: number) => void) => measure(run, { warmupMs: 200, windowMs, windows: 1, callMs }).perSecond;
  const ratios: number[] = [];
  const rates: { a: number[]; b: number[] } = { a: [], b: [] };
  for (let i = 0; i < alternations; i++) {
    let ra: number, rb: number;
    if (i % 2) [rb, ra] = [once(b), once(a)];
    else [ra, rb] = [once(a), once(b)];
    rates.a.push(ra);
    rates.b.push(rb);
    ratios.push(ra / rb);
  }
  return { ratio: median(ratios), ratios, a: median(rates.a), b: median(rates.b) };
}
