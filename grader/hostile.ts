// Hostile submissions for the grader's tests and its scripts (bench_grader.ts), in one place: each is a reference
// solution with one change, written as a patch so the fixtures follow the solutions instead of drifting as copies.
// Instructor-only (it reads solutions/): left out of the student release.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exerciseFiles } from "./exercises.js";
import { finishedFile } from "./generate.js";

const root = path.resolve(import.meta.dirname, "..");
const ANY = "(globalThis as any)"; // a student may cast too
const FD3 = `${ANY}.process.getBuiltinModule("node:fs").writeSync(3, `;
const PROCESS = "(globalThis as unknown as { process: { exit(code: number): void } }).process"; // typed without @types/node, like a student file

interface Patch { file: string; fn?: string; body?: string; prepend?: string; edit?: (src: string) => string }

/** `fn` renamed and wrapped: `export function fn(params) { const h = ref_fn(args); return result; }` (`h` is the reference's answer). */
const wrap = (fn: string, params: string, args: string, result: string, extra = ""): Patch => ({
  file: fn === "softmax" ? "01_similarity.ts" : fn === "itToStreet" ? "02_self_attention.ts" : "03_multi_head.ts",
  edit: (s) => `${s.replace(`export function ${fn}(`, `function ref_${fn}(`)}\n${extra}export function ${fn}(${params}): unknown {\n  const h = ref_${fn}${args};\n  return ${result};\n}\n`,
});

const patches: Record<string, Patch> = {
  throws: { file: "02_self_attention.ts", fn: "maskedSoftmax", body: '  throw new Error("boom");' },
  hangs: { file: "01_similarity.ts", fn: "softmax", body: "  for (;;) { /* forgot to advance */ }" },
  nan: { file: "01_similarity.ts", fn: "cosineSimilarity", body: "  return (dot(a, b) * 0) / 0;" },
  reexport: { file: "01_similarity.ts", edit: (s) => s.replace("export function softmax(", 'export { softmax as libSoftmax } from "../lib/index.js";\nexport function softmax(') },
  borrow: { file: "01_similarity.ts", prepend: 'import { cosineSimilarity as cs } from "../solutions/01_similarity.js";\n', fn: "cosineSimilarity", body: "  return cs(a, b);" },
  exitAtImport: { file: "01_similarity.ts", prepend: `${PROCESS}.exit(0);\n` },
  tamper: { file: "01_similarity.ts", fn: "dot", body: `  const g = (globalThis as unknown as { process: { getBuiltinModule?: (m: string) => { writeFileSync: (p: string, s: string) => void } } }).process;
  try { g.getBuiltinModule?.("node:fs").writeFileSync(TARGET, "{}"); } catch { /* the sandbox refuses writes */ }
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;` },
  exits: { file: "02_self_attention.ts", fn: "causalMask", body: `  ${PROCESS}.exit(3);\n  throw new Error("unreachable");` },
  halfRight: { file: "02_self_attention.ts", edit: (s) => s.replace(".toArray().map((row) => row.map((s) => s / Math.sqrt(dK)))", ".toArray()") }, // forgot 1/√d_k
  oom: { file: "02_self_attention.ts", fn: "selfAttentionProjections", body: "  const hoard: number[][] = [];\n  for (;;) hoard.push(new Array(1e5).fill(Math.random()));" },
  wrongShape: { file: "03_multi_head.ts", fn: "positionalEncoding", body: "  return Array.from({ length: length + 1 }, () => new Array(dModel).fill(0));" },
  debugPrints: { file: "01_similarity.ts", fn: "dot", body: '  console.log("debugging", a, b);\n  return a.reduce((s, x, i) => s + x * b[i], 0);' },
  typeError: { file: "03_multi_head.ts", edit: (s) => `${s}\nexport const oops: number = "not a number";\n` },
  importThrows: { file: "04_bahdanau.ts", prepend: 'throw new Error("crash at import");\n' },
  syntaxError: { file: "04_bahdanau.ts", edit: (s) => s.replace("export function gruStep(", "export function gruStep((") },
  // issue 10's attack classes: each one line or one body in a correct submission
  forgeResults: { file: "02_self_attention.ts", fn: "causalMask", body: `  ${FD3}'{"loaded":true}\\n{"outcomes":[]}\\n{"type":"done"}\\n');
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j <= i));` },
  forgeThenHang: { file: "01_similarity.ts", fn: "softmax", body: `  for (let i = 0; i < 1000; i++) ${FD3}'{"loaded":true}\\n{"outcomes":[{"ok":true,"value":[[1]]}]}\\n');
  for (;;) { /* keeps the child busy after the forged "done" */ }` },
  signalGrader: { file: "01_similarity.ts", prepend: `for (const pid of [${ANY}.process.ppid, -1, 0, 1]) for (const sig of ["SIGSTOP", "SIGKILL"]) {
  try { ${ANY}.process.kill(pid, sig); } catch { /* refused */ }
  try { ${ANY}.process._kill(pid, 9); } catch { /* refused */ }
}
` },
  whoAmI: { file: "02_self_attention.ts", fn: "maskedSoftmax", body: `  throw new Error(\`uid \${${ANY}.process.getuid()} gid \${${ANY}.process.getgid()}\`);` },
  envLeak: { file: "02_self_attention.ts", fn: "maskedSoftmax", body: `  throw new Error("env " + JSON.stringify(${ANY}.process.env));` },
  readSolutions: { file: "02_self_attention.ts", fn: "maskedSoftmax", body: `  const fs = ${ANY}.process.getBuiltinModule("node:fs");
  throw new Error(String(fs.readFileSync(SOLUTION, "utf8")).slice(0, 80));` },
  bufferHog: { file: "02_self_attention.ts", fn: "selfAttentionProjections", body: "  const keep: Float64Array[] = [];\n  for (;;) { const chunk = new Float64Array(1 << 20); chunk.fill(1); keep.push(chunk); }" },
  hangAtImport: { file: "01_similarity.ts", prepend: "for (;;) { /* never finishes loading */ }\n" },
  // the design checks' attack classes (test/grader/design_attack.test.ts): the returned value is input to grader code
  streetTie: { file: "02_self_attention.ts", fn: "itToStreet", body: "  // street and wide score 0, every other key −10⁴: weights 0.5 and 0.5, a tie\n  return { wq: [[0], [0], [0], [0], [1], [0]], wk: [[-1e4], [0], [-1e4], [-1e4], [-1e4], [-1e4]] };" },
  hugeRows: { file: "02_self_attention.ts", fn: "itToStreet", body: "  const g = globalThis as { calls?: number };\n  g.calls = (g.calls ?? 0) + 1; // the first case only: five would pass the results cap\n  return { wq: Array.from({ length: g.calls === 1 ? 100_000 : 6 }, () => [0]), wk: Array.from({ length: 6 }, () => [0]) };" },
  claimedMatrix: { file: "03_multi_head.ts", fn: "positionHead", body: "  const claimed = { rows: 1e5, cols: 1e5, data: [0] } as unknown as number[][]; // a Matrix in name only\n  return { wq: claimed, wk: claimed };" },
  overflowHead: wrap("offsetHead", "n: number, dWord: number, dPos: number, offset: number", "(n, dWord, dPos, offset)", "{ wq: h.wq.map((r) => r.map(() => 1e308)), wk: h.wk }"),
  longString: wrap("positionHead", "n: number, dWord: number, dPos: number, target: number", "(n, dWord, dPos, target)", '{ wq: h.wq.map((r, i) => (i === 0 ? ["x".repeat(50_000), ...r.slice(1)] : r)), wk: h.wk }'),
  protoKey: wrap("offsetHead", "n: number, dWord: number, dPos: number, offset: number", "(n, dWord, dPos, offset)", '{ wq: [[0]], wk: [[0]], ...JSON.parse(`{"__proto__": ${JSON.stringify(h)}}`) }'),
  sparseAndNegZero: wrap("positionHead", "n: number, dWord: number, dPos: number, target: number", "(n, dWord, dPos, target)",
    "target === 0 ? { wq: h.wq.map((r) => r.map((v) => (v === 0 ? -0 : v))), wk: h.wk.map((r) => r.map((v) => (v === 0 ? -0 : v))) } : { wq: h.wq.map((r, i) => (i === 1 ? new Array(r.length) : r)), wk: h.wk }"),
  deepInRow: wrap("softmax", "x: number[][]", "(x)", "h.map((r, i) => r.map((v, j) => (j === 1 ? deep(DEPTH) : j === 2 && i === 0 ? \"x\".repeat(50_000) : v + 1)))",
    "function deep(d: number): unknown { let v: unknown = 0; for (let i = 0; i < d; i++) v = [v]; return v; }\n"),
  emptyArrays: { file: "03_multi_head.ts", fn: "positionHead", body: "  const g = globalThis as { calls?: number };\n  g.calls = (g.calls ?? 0) + 1; // the first case only: the child's own memory cap would stop six\n  return Array.from({ length: g.calls === 1 ? 700_000 : 1 }, () => []) as unknown as { wq: number[][]; wk: number[][] };" },
  readsWords: wrap("offsetHead", "n: number, dWord: number, dPos: number, offset: number", "(n, dWord, dPos, offset)",
    "{ wq: h.wq, wk: h.wk.map((r, i) => (i < dWord ? r.map((_, c) => ALPHA * ((i + c) % 3 - 1)) : r)) } // keys read the word features a little"),
  publicOnly: wrap("offsetHead", "n: number, dWord: number, dPos: number, offset: number", "(n, dWord, dPos, offset)",
    "PUBLIC.some((a: number[]) => a.join() === [n, dWord, dPos, offset].join()) ? h : { wq: h.wq.map((r) => r.map((v) => v / 1000)), wk: h.wk }"),
};

export type FixtureName = keyof typeof patches;
export const fixtureNames = Object.keys(patches) as FixtureName[];
/** The exercise file a fixture changes (a fixture that breaks loading costs that file's points). */
export const fixtureFile = (name: FixtureName) => patches[name].file;

/**
 * A 12 KB file of template-literal types that takes the type checker minutes (over 300 s on a loaded 2-core
 * machine; issue 18 measured 37 s and 2.8 GB for its own): each line rotates a 10 000-member union of strings
 * three times by inference, and its value is not in the result, so the checker also looks for a spelling near it.
 */
export function typeBomb(): string {
  const lines = ['type D = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";', "type U = `${D}${D}${D}${D}`;",
    "type S<T, X extends string> = T extends `${infer A}${infer B}` ? `${B}${X}${A}` : never;"];
  for (let i = 0; lines.join("\n").length < 12_000; i++) {
    lines.push(`export const v${i}: S<S<S<U, "${i % 10}">, "${Math.floor(i / 10) % 10}">, "${Math.floor(i / 100) % 10}"> = "${i}";`);
  }
  return lines.join("\n") + "\n";
}

/** What a finished student file looks like: the solution without its declarations and marker lines. */
export const finished = (file: string): string => finishedFile(root, file);

/** Replaces the body of `export function fn(…) {` … `\n}` with `body`. */
export function replaceBody(src: string, fn: string, body: string): string {
  const head = src.match(new RegExp(`^export function ${fn}\\b[^\\n]*\\{\\n`, "m"));
  if (!head || head.index === undefined) throw new Error(`fixture: no export function ${fn}`);
  const start = head.index + head[0].length, end = src.indexOf("\n}\n", start);
  return src.slice(0, start) + body + src.slice(end);
}

/** { file: source } for one hostile submission file. */
export function fixture(name: FixtureName): Record<string, string> {
  const p = patches[name];
  let src = finished(p.file);
  if (p.fn) src = replaceBody(src, p.fn, p.body!);
  if (p.edit) src = p.edit(src);
  return { [p.file]: (p.prepend ?? "") + src };
}

/**
 * A submission folder: the graded files of the reference solutions (or `base`) with `replace` files swapped in.
 * Only files of the exercise list: a solution file still being written (not graded yet) is not part of it.
 */
export function submission(replace: Record<string, string> = {}, base = "solutions"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "attention-kit-sub-"));
  for (const f of exerciseFiles) {
    if (base === "solutions") writeFileSync(path.join(dir, f), finished(f));
    else cpSync(path.join(root, base, f), path.join(dir, f));
  }
  for (const [file, text] of Object.entries(replace)) writeFileSync(path.join(dir, file), text);
  return dir;
}
