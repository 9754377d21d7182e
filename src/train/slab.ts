/**
 * Float32Arrays for the kernels' results, carved from shared ArrayBuffers.
 *
 * In Chromium `new Float32Array(n)` of a few kilobytes costs microseconds: its
 * backing store lives outside the JavaScript heap, zeroed and accounted for.
 * A profile of a digits step (adam, batch 32) in Chromium put 15 % of its time
 * on that one line of the binary kernels. A view on an existing buffer costs
 * almost nothing, so small arrays are cut from a 128 KB slab, one after the
 * other. A slab is never reused: its views start zeroed, as a new array does,
 * and the garbage collector frees it once no view on it is alive (a result kept
 * for long keeps its slab, 128 KB at most). Larger arrays get their own buffer.
 */
const SLAB_BYTES = 128 * 1024;
const LARGEST_BYTES = 16 * 1024;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** A new zeroed Float32Array of length `n`. */
export function float32s(n: number): Float32Array {
  const bytes = 4 * n;
  if (bytes > LARGEST_BYTES) return new Float32Array(n);
  if (used + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const out = new Float32Array(slab, used, n);
  used += bytes;
  return out;
}
