// `npm run bench`: median time and GFLOP/s of matmul and multi-head attention forward, for lib's tiled
// kernel, @stdlib's dgemm and the naive loop, with ratios. Timings are reported here, never asserted in tests.
import dgemm from "@stdlib/blas-base-dgemm";
import { Matrix, matmulNaive, matmulTiled, multiHeadAttention, mergeHeads, randomNormal, Rng, softmax, splitHeads, transpose, scale, type MultiHeadParams } from "../lib/index.js";

type MatMul = (a: Matrix, b: Matrix) => Matrix;
const stdlibMatmul: MatMul = (a, b) => {
  const c = new Matrix(a.rows, b.cols);
  dgemm("row-major", "no-transpose", "no-transpose", a.rows, b.cols, a.cols, 1, a.data, a.cols, b.data, b.cols, 0, c.data, c.cols);
  return c;
};
const kernels: [string, MatMul][] = [["lib (tiled)", matmulTiled], ["@stdlib dgemm", stdlibMatmul], ["naive ikj", matmulNaive]];

/** Median wall time in ms over enough repetitions to fill ~0.6 s (at least 3), after three warm-ups for the JIT. */
function medianMs(f: () => unknown): number {
  for (let w = 0; w < 3; w++) f();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start < 600 && times.length < 50)) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)];
}

/** Multi-head attention forward with a pluggable matmul, built from lib's pieces, for the kernel comparison. */
function mhaWith(mm: MatMul, x: Matrix, p: MultiHeadParams & { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix }): Matrix {
  const [Q, K, V] = [p.wq, p.wk, p.wv].map((w) => splitHeads(mm(x, w), p.numHeads)); // numHeads × (n, dK)
  const dK = Q[0].cols;
  const heads = Q.map((q, h) => mm(softmax(scale(mm(q, transpose(K[h])), 1 / Math.sqrt(dK))), V[h])); // numHeads × (n, dK)
  return mm(mergeHeads(heads), p.wo); // (n, dModel)
}

const row = (cells: (string | number)[]) => console.log(cells.map((c, i) => String(c).padStart(i === 0 ? 6 : 15)).join(""));
const rng = new Rng(2024);

console.log(`Node ${process.version}, ${process.arch}; median of ≥3 runs per cell; GFLOP/s = 2·n³ / time for matmul.\n`);
console.log("matmul (n × n) · (n × n)");
row(["n", ...kernels.map(([k]) => k), "lib/dgemm", "lib/naive"]);
for (const n of [64, 128, 256, 512]) {
  const a = randomNormal(n, n, { rng }), b = randomNormal(n, n, { rng });
  const g = kernels.map(([, mm]) => (2 * n ** 3) / (medianMs(() => mm(a, b)) * 1e6));
  row([n, ...g.map((x) => `${x.toFixed(2)} GF/s`), `${(g[0] / g[1]).toFixed(1)}×`, `${(g[0] / g[2]).toFixed(1)}×`]);
}

const dModel = 256, numHeads = 8;
console.log(`\nmulti-head attention forward, self-attention on (n, ${dModel}), ${numHeads} heads; flops = 8·n·d² + 4·n²·d`);
row(["n", "lib API (ms)", ...kernels.map(([k]) => k), "lib/dgemm", "lib/naive"]);
for (const n of [64, 128, 256, 512]) {
  const x = randomNormal(n, dModel, { rng });
  const w = () => randomNormal(dModel, dModel, { rng, std: 1 / Math.sqrt(dModel) });
  const p = { numHeads, wq: w(), wk: w(), wv: w(), wo: w() };
  const flops = 8 * n * dModel ** 2 + 4 * n * n * dModel;
  const apiMs = medianMs(() => multiHeadAttention(x, x, x, p));
  const g = kernels.map(([, mm]) => flops / (medianMs(() => mhaWith(mm, x, p)) * 1e6));
  row([n, apiMs.toFixed(1), ...g.map((v) => `${v.toFixed(2)} GF/s`), `${(g[0] / g[1]).toFixed(1)}×`, `${(g[0] / g[2]).toFixed(1)}×`]);
}
