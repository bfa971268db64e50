// autodiff.attendHeads' kernels in the module (gemm.wat's attf and attb): the operands are copied in whole
// (they are small: one shard's Q, K, V), the results copied out. Same bits as the readable loops
// (readable/attend_heads.ts); null where the kernels do not apply, for the caller to run those loops.
import type { AttendShape } from "../backend.js";
import { loadWasm, reserve, fitsBytes, BASE } from "./wasm.js";
import { tuning } from "./tuning.js";

/** Even head widths (two columns a lane) and enough work to pay for the copies (tuning.ts). */
function applies(s: AttendShape): boolean {
  const { B, H, nQ, nK, dK, dVh } = s;
  return dK > 0 && dVh > 0 && dK % 2 === 0 && dVh % 2 === 0 && B * H * nQ * nK * (dK + dVh) >= tuning.attendMin;
}

/** Offsets (f64, 16-byte aligned) for operands of these lengths, one after another from BASE; null if they do not fit. */
function place(sizes: number[]): number[] | null {
  let end = BASE / 8;
  const at = sizes.map((n) => { const off = end; end += n + (n & 1); return off; });
  if (!fitsBytes(end * 8)) return null;
  reserve(loadWasm(), end * 8);
  return at;
}

const overlap = (a: Float64Array | null, b: Float64Array | null): boolean =>
  !!a && !!b && a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;

/** Backend.attendForward in the module; null when it does not apply. */
export function attendForwardWasm(s: AttendShape, q: Float64Array, k: Float64Array, v: Float64Array, allowed: Uint8Array, W: Float64Array, ctx: Float64Array): number | null {
  const { B, H, nQ, nK, dK, dVh } = s, n = B * nQ * nK;
  // q, k, v, W, ctx, the mask as 8-byte lanes (+ 1), the allowed bytes, a head's key pairs
  const at = applies(s) ? place([q.length, k.length, v.length, W.length, ctx.length, n + 1, Math.ceil(n / 8), (nK + 1) * dK]) : null;
  if (!at) return null;
  const [qo, ko, vo, wo, co, mo, ao, kt] = at, w = loadWasm(), f = new Float64Array(w.memory.buffer);
  f.set(q, qo); f.set(k, ko); f.set(v, vo); f.fill(0, co, co + ctx.length);
  new Uint8Array(w.memory.buffer, ao * 8, n).set(allowed);
  const bad = w.attf(qo * 8, ko * 8, vo * 8, wo * 8, co * 8, ao * 8, mo * 8, kt * 8, B, H, nQ, nK, dK, dVh, 1 / Math.sqrt(dK));
  if (bad >= 0) return bad;
  W.set(f.subarray(wo, wo + W.length));
  ctx.set(f.subarray(co, co + ctx.length));
  return -1;
}

/** Backend.attendBackward in the module; false when it does not apply (or two gradients share memory). */
export function attendBackwardWasm(s: AttendShape, q: Float64Array, k: Float64Array, v: Float64Array, W: Float64Array, dC: Float64Array,
  gQ: Float64Array | null, gK: Float64Array | null, gV: Float64Array | null): boolean {
  if (!applies(s) || overlap(gQ, gK) || overlap(gQ, gV) || overlap(gK, gV)) return false;
  const { B, H, nQ, nK, dK, dVh } = s;
  // q, k, v, W (+ 2: the last pair's read), dC, the gradients, a head's value pairs, dw, ds
  const at = place([q.length, k.length, v.length, W.length + 2, dC.length, gQ?.length ?? 0, gK?.length ?? 0, gV?.length ?? 0, (nK + 1) * dVh, nK + 2, nQ * nK]);
  if (!at) return false;
  const [qo, ko, vo, wo, co, gqo, gko, gvo, vt, dw, ds] = at, w = loadWasm(), f = new Float64Array(w.memory.buffer);
  f.set(q, qo); f.set(k, ko); f.set(v, vo); f.set(W, wo); f.fill(0, wo + W.length, wo + W.length + 2); f.set(dC, co);
  if (gQ) f.set(gQ, gqo);
  if (gK) f.set(gK, gko);
  if (gV) f.set(gV, gvo);
  w.attb(qo * 8, ko * 8, vo * 8, wo * 8, co * 8, gQ ? gqo * 8 : 0, gK ? gko * 8 : 0, gV ? gvo * 8 : 0, vt * 8, dw * 8, ds * 8, B, H, nQ, nK, dK, dVh, 1 / Math.sqrt(dK));
  if (gQ) gQ.set(f.subarray(gqo, gqo + gQ.length));
  if (gK) gK.set(f.subarray(gko, gko + gK.length));
  if (gV) gV.set(f.subarray(gvo, gvo + gV.length));
  return true;
}
