/**
 * A small seeded pseudo-random number generator, so that a dataset, an
 * initialisation and a batch order are reproducible from one number.
 *
 * The generator is mulberry32 (Tommy Ettinger's 32-bit mixer over a Weyl
 * sequence): integer arithmetic only, so its uniform stream is bit-identical in
 * every JavaScript engine. Normal deviates use Box–Muller, which goes through
 * Math.log, Math.sqrt and Math.cos/sin; V8 (Node, Chromium) computes those
 * with the same fdlibm code everywhere.
 */
export interface Random {
  /** Uniform on [0, 1), in steps of 2⁻³². */
  next(): number;
  /** Uniform on [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Gaussian with the given mean and standard deviation. */
  normal(mean?: number, std?: number): number;
  /** Uniform integer in 0 … n − 1. */
  int(n: number): number;
}

/** A generator seeded with `seed` (any number; only its low 32 bits count). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  let spare: number | null = null; // Box–Muller yields normals in pairs

  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };

  /**
   * Box–Muller: for U₁, U₂ uniform on (0, 1], r = √(−2 ln U₁) and φ = 2πU₂,
   * r·cos φ and r·sin φ are two independent standard normals.
   */
  const standardNormal = () => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - next())); // 1 − U lies in (0, 1]: no log 0
    const phi = 2 * Math.PI * next();
    spare = r * Math.sin(phi);
    return r * Math.cos(phi);
  };

  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal: (mean = 0, std = 1) => mean + std * standardNormal(),
    int: (n) => Math.floor(next() * n),
  };
}

/**
 * The seed of an independent stream named `stream` under `seed`, so that, say,
 * the batch order does not shift when the initialisation draws more numbers.
 * Hashes both with FNV-1a and finishes with murmur3's avalanche step.
 */
export function deriveSeed(seed: number, stream: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Shuffle `items` in place (Fisher–Yates) and return it. */
export function shuffle<T extends { length: number; [i: number]: any }>(items: T, random: Random): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const x = items[i];
    items[i] = items[j];
    items[j] = x;
  }
  return items;
}
