// `npm run bench`: lib against numpy (Debian's python3-numpy on OpenBLAS, one thread) in the same run, case by
// case back to back, for matmul and multi-head attention forward: times, ratios, GFLOP/s and % of one core's
// float64 peak; then lib's kernels side by side (SIMD, tiled, @stdlib dgemm, naive) and the WASM start-up cost.
// Timings are reported here, never asserted in tests. The ratio lib/numpy is the figure to trust: both sides
// run in this one run on the same (possibly shared) machine. `--goals`: only the two goal cases (matmul 512,
// multi-head attention n = 256), each timed `--rounds N` times (default 1) alternating lib and numpy.
// `--tuning JSON` changes the WebAssembly backend's thresholds or thread shares for this run (lib/backend/wasm/
// tuning.ts, e.g. '{"fmaShares":[0.5,0.95]}'), to measure them on another machine. ATTENTION_BACKEND=readable
// times the readable backend instead.
import dgemm from "@stdlib/blas-base-dgemm";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import path from "node:path";
import { Matrix, matmul, matmulNaive, matmulTiled, matmulWasm, multiHeadAttention, randomNormal, Rng } from "../lib/index.js";
import { gemmStartupMs, gemmThreads, poolState, setGemmThreads, fmaAvailable, setTuning, tuning, type Tuning } from "../lib/backend/wasm/index.js";
import { backend } from "../lib/backend/index.js";
import { aptInstall, canAptInstall } from "../env/apt.js";
import { scriptOptions } from "./options.js";

const options = scriptOptions("bench", { goals: "flag", rounds: "integer", tuning: "value" });
const goalsOnly = options.goals === true, rounds = Number(options.rounds ?? 1);
const refuse = (msg: string): never => { console.error(`[bench] ${msg}`); process.exit(2); };
if (rounds < 1) refuse(`--rounds must be at least 1, got ${rounds}`);
const tuningOption: unknown = (() => { try { return JSON.parse(options.tuning ?? "{}"); } catch { return refuse(`--tuning must be JSON, got ${options.tuning}`); } })();

type MatMul = (a: Matrix, b: Matrix) => Matrix;
const stdlibMatmul: MatMul = (a, b) => {
  const c = new Matrix(a.rows, b.cols);
  dgemm("row-major", "no-transpose", "no-transpose", a.rows, b.cols, a.cols, 1, a.data, a.cols, b.data, b.cols, 0, c.data, c.cols);
  return c;
};

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

/** One core's float64 peak from /proc/cpuinfo: SIMD lanes × 2 (FMA) × 2 FMA units × nominal clock. */
function corePeak(): { gflops: number; how: string } {
  const cpu = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const flags = new Set((cpu.match(/^flags\s*:(.*)$/m)?.[1] ?? "").trim().split(/\s+/));
  const mhz = Number(cpu.match(/^cpu MHz\s*:\s*([\d.]+)/m)?.[1] ?? 0);
  const lanes = flags.has("avx512f") ? 8 : flags.has("avx") ? 4 : 2, fma = flags.has("fma") ? 2 : 1;
  const gflops = (lanes * fma * 2 * mhz) / 1000;
  return { gflops, how: `${lanes} lanes × ${fma} (FMA) × 2 units × ${(mhz / 1000).toFixed(2)} GHz (nominal, /proc/cpuinfo) = ${gflops.toFixed(1)} GFLOP/s` };
}

interface Numpy { ask(req: object): Promise<Record<string, unknown>>; close(): void }

/** Starts scripts/bench_numpy.py on Debian's Python with OpenBLAS on one thread; installs it first when root. */
async function startNumpy(): Promise<Numpy | string> {
  const py = "/usr/bin/python3";
  const has = (mod: string) => existsSync(py) && spawnSync(py, ["-c", `import ${mod}`]).status === 0;
  const openblas = () => has("numpy") && /openblas/i.test(spawnSync(py, ["-c", "import numpy; numpy.show_config()"], { encoding: "utf8" }).stdout + readlink());
  if (!openblas() || !has("threadpoolctl")) {
    if (!canAptInstall()) return "python3-numpy with libopenblas0-pthread is not installed and this is not root on Debian (apt-get install python3-numpy libopenblas0-pthread python3-threadpoolctl)";
    await aptInstall(["python3-numpy", "libopenblas0-pthread", "python3-threadpoolctl"], "numpy on OpenBLAS for the reference timings");
  }
  if (!openblas()) return "numpy does not run on OpenBLAS here (libblas.so.3 points elsewhere)";
  // One thread, and no OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE: set on some machines for old OpenBLAS builds,
  // they slow a current one. Unset for this command only; `info` reports the kernel it then picks.
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: "1" };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const child = spawn(py, [path.join(import.meta.dirname, "bench_numpy.py")], { env, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    async ask(req) {
      child.stdin!.write(JSON.stringify(req) + "\n");
      const { value, done } = await lines.next();
      if (done) throw new Error(`bench: numpy helper exited while answering ${JSON.stringify(req)}`);
      return JSON.parse(value as string);
    },
    close: () => child.stdin!.end(),
  };
}

function readlink(): string {
  const r = spawnSync("sh", ["-c", "readlink -f /usr/lib/*/libblas.so.3"], { encoding: "utf8" });
  return r.stdout ?? "";
}

const row = (cells: (string | number)[], w = 12) => console.log(cells.map((c, i) => String(c).padStart(i === 0 ? 6 : w)).join(""));
const gf = (flops: number, ms: number) => flops / (ms * 1e6);
const rng = new Rng(2024);
if (options.tuning !== undefined) setTuning(tuningOption as Partial<Tuning>);
const peak = corePeak();

// Start-up: decode + compile + instantiate the module (first call of anything that multiplies).
const startup = gemmStartupMs();
const t0 = performance.now();
matmulWasm(randomNormal(64, 64, { rng }), randomNormal(64, 64, { rng }));
const firstCall = performance.now() - t0;
// The worker starts on the first large product; wait for it so timings below use both threads.
const w0 = performance.now();
matmulWasm(randomNormal(256, 256, { rng }), randomNormal(256, 256, { rng }));
while (gemmThreads() > 1 && !poolState().ready && performance.now() - w0 < 5000) await new Promise((r) => setTimeout(r, 1));
const workerMs = performance.now() - w0;
const threads = gemmThreads();

console.log(`Node ${process.version}, ${process.arch}; lib's ${backend().name} backend, ${threads} thread(s) for large products (ATTENTION_THREADS=1 for one); median of ≥3 runs per cell.`);
console.log(`tuning (lib/backend/wasm/tuning.ts): ${JSON.stringify(tuning)}`);
console.log(`one core's float64 peak: ${peak.how}; WebAssembly SIMD has 2 lanes, so lib's ceiling is 2/${peak.how.split(" ")[0]} of it per core.`);
console.log(`matmul from 160³ multiply-adds: ${fmaAvailable() ? "fused multiply-add kernel (relaxed SIMD)" : "exact kernel (this Node has no relaxed SIMD)"}; attention and training: the exact kernel.`);
console.log(`WASM start-up: ${startup.toFixed(2)} ms to decode, compile and instantiate; first 64×64 product ${firstCall.toFixed(2)} ms; worker ready ${threads > 1 ? `${workerMs.toFixed(0)} ms after the first large product` : "(one thread: no worker)"}.`);

const numpy = await startNumpy();
if (typeof numpy === "string") console.log(`\nnumpy comparison SKIPPED: ${numpy}`);
else {
  const info = await numpy.ask({ op: "info" });
  console.log(`numpy ${info.numpy}, ${info.blas}, core ${info.corename}, ${info.threads} thread(s); OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for it`);
}

/** One comparison line: lib (all threads), lib on one thread, numpy, ratio, GFLOP/s, % of one core's peak. */
const goals: string[] = [];
async function compare(label: number, flops: number, lib: () => unknown, req: object): Promise<number> {
  const ms = medianMs(lib);
  setGemmThreads(1);
  const ms1 = medianMs(lib);
  setGemmThreads(threads);
  const np = typeof numpy === "string" ? NaN : ((await numpy.ask(req)).ms as number);
  const pct = (m: number) => `${((100 * gf(flops, m)) / peak.gflops).toFixed(0)} %`;
  row([label, ms.toFixed(2), ms1.toFixed(2), np.toFixed(2), `${(ms / np).toFixed(2)}×`, gf(flops, ms).toFixed(1), gf(flops, np).toFixed(1), pct(ms), pct(np)]);
  return ms / np;
}
const header = ["n", "lib ms", "lib 1 thr", "numpy ms", "lib/numpy", "lib GF/s", "numpy GF/s", "lib %peak", "np %peak"];

console.log("\nmatmul (n × n) · (n × n), flops = 2·n³");
row(header);
for (const n of goalsOnly ? Array(rounds).fill(512) : [64, 128, 256, 512]) {
  const a = randomNormal(n, n, { rng }), b = randomNormal(n, n, { rng });
  const r = await compare(n, 2 * n ** 3, () => matmul(a, b), { op: "matmul", n });
  if (n === 512) goals.push(`matmul 512: lib/numpy ${r.toFixed(2)}×`);
}

const dModel = 256, numHeads = 8;
console.log(`\nmulti-head self-attention forward on (n, ${dModel}), ${numHeads} heads (lib: the public multiHeadAttention); flops = 8·n·d² + 4·n²·d`);
row(header);
for (const n of goalsOnly ? Array(rounds).fill(256) : [64, 128, 256, 512]) {
  const x = randomNormal(n, dModel, { rng });
  const w = () => randomNormal(dModel, dModel, { rng, std: 1 / Math.sqrt(dModel) });
  const p = { numHeads, wq: w(), wk: w(), wv: w(), wo: w() };
  const r = await compare(n, 8 * n * dModel ** 2 + 4 * n * n * dModel, () => multiHeadAttention(x, x, x, p), { op: "mha", n, d: dModel, heads: numHeads });
  if (n === 256) goals.push(`multi-head attention n = 256: lib/numpy ${r.toFixed(2)}×`);
}
if (typeof numpy !== "string") console.log(`\ngoal lib ≤ 2× numpy: ${goals.map((g) => `${g} ${Number(g.split(" ").at(-1)!.slice(0, -1)) <= 2 ? "(met)" : "(NOT met)"}`).join("; ")}`);
if (typeof numpy !== "string") numpy.close();

if (goalsOnly) process.exit(0);
console.log("\nlib's matmul kernels on one thread, GFLOP/s (SIMD, tiled and naive bit-identical: same summation order; matmul = FMA from 160³)");
const kernels: [string, MatMul][] = [["SIMD 1 thr", matmulWasm], ["tiled TS", matmulTiled], ["@stdlib", stdlibMatmul], ["naive ikj", matmulNaive], ["matmul", matmul]];
row(["n", ...kernels.map(([k]) => k), "SIMD/tiled", "tiled/naive"]);
setGemmThreads(1);
for (const n of [16, 64, 128, 256, 512]) {
  const a = randomNormal(n, n, { rng }), b = randomNormal(n, n, { rng });
  const g = kernels.map(([, mm]) => gf(2 * n ** 3, medianMs(() => mm(a, b))));
  row([n, ...g.map((x) => x.toFixed(2)), `${(g[0] / g[1]).toFixed(1)}×`, `${(g[1] / g[3]).toFixed(1)}×`]);
}
setGemmThreads(threads);
