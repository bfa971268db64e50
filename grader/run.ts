// Runs one bundled submission file, one sandboxed child per exercise (grader/sandbox.ts). The grader trusts
// nothing a child says about the grading itself: it knows which exercise a child is for because it started it,
// times it on its own clock from the spawn (nothing the child does resets it), decides its fate on `close`
// (after every byte it wrote), and accepts only the exact line sequence of grader/child.mjs, else zero for
// that exercise. The values inside are the submission's answers, compared with expectations computed here.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { assertWorldReadable, childScript, sandbox } from "./sandbox.js";
import { decode, encode } from "./wire.mjs";
import { shown } from "./spec/sanitize.js";

export type Outcome = { ok: true; value: unknown } | { ok: false; error: string };
export interface ExerciseRun { outcomes?: Outcome[]; error?: string }
/** timeoutMs per exercise (child start-up included); memoryMb for the whole child; submissionMs for everything. */
export interface RunLimits { timeoutMs: number; memoryMb: number; submissionMs?: number }
/** CPU time a child may use: its wall-clock limit and a second for Node's own threads, in whole seconds. */
export const cpuSeconds = (limits: RunLimits) => Math.ceil(limits.timeoutMs / 1000) + 1;
/** When the whole submission must be done, on performance.now()'s clock. */
export interface Deadline { at: number; seconds: number }
type Job = { name: string; cases: unknown[][] };
/** How one child ended: `loaded` once its {"loaded":true} line arrived (only to tell load failures apart). */
interface ChildEnd { loaded: boolean; run: ExerciseRun; atLoad?: string }

// What one child may write. Its answers are decoded and kept in the grader's own heap until the whole submission
// is scored (a batch grades two submissions at once), and small JSON values grow ~15× once decoded ("[]," is
// 3 bytes, an empty array more than 40): at 16 MB, 25 exercises of empty arrays would be ~6 GB, past the grader's
// heap (measured: 2 MB each gave a 959 MB peak). The largest honest result is ~23 KB (positionalEncoding with
// 5 hidden cases), so 512 KB leaves 20× room.
const MAX_RESULT_BYTES = 512 << 10;
const MAX_MESSAGE = 600;
const clip = (s: string) => shown(s, MAX_MESSAGE); // the student's text, made safe where it enters the grader
const OOM = /out of memory|Allocation failed|allocation failed/;

// Children of every submission in this process share the cores: more at once only adds contention.
let running = 0;
const waiting: (() => void)[] = [];
const slots = Math.max(2, availableParallelism() + 2);
async function withSlot<T>(f: () => Promise<T>): Promise<T> {
  if (running >= slots) await new Promise<void>((r) => waiting.push(r));
  running++;
  try { return await f(); } finally { running--; waiting.shift()?.(); }
}

/**
 * Runs `jobs` (exercise name → argument lists) against the bundle at `bundlePath` (absolute, world-readable
 * when grading as root). The first exercise runs alone: if the file fails while loading, every exercise of the
 * file gets that reason instead of paying the time limit once each.
 */
export async function runIsolated(bundlePath: string, jobs: Job[], limits: RunLimits, deadline?: Deadline): Promise<Map<string, ExerciseRun>> {
  assertWorldReadable(childScript);
  assertWorldReadable(bundlePath);
  const results = new Map<string, ExerciseRun>();
  if (jobs.length === 0) return results;
  const first = await withSlot(() => runChild(bundlePath, jobs[0], limits, deadline));
  if (first.atLoad) {
    for (const j of jobs) results.set(j.name, { error: first.atLoad });
    return results;
  }
  results.set(jobs[0].name, first.run);
  await Promise.all(jobs.slice(1).map(async (j) => results.set(j.name, (await withSlot(() => runChild(bundlePath, j, limits, deadline))).run)));
  return results;
}

function runChild(bundlePath: string, job: Job, limits: RunLimits, deadline?: Deadline): Promise<ChildEnd> {
  const left = deadline ? deadline.at - performance.now() : Infinity;
  const outOfTime = `not run: the submission used up its total time limit of ${deadline?.seconds} s`;
  if (left <= 0) return Promise.resolve({ loaded: true, run: { error: outOfTime } });
  const box = sandbox(bundlePath, limits.memoryMb, cpuSeconds(limits));
  return new Promise((resolve, reject) => {
    const child = spawn(box.command, box.args, box.options);
    const chunks: Buffer[] = [];
    let bytes = 0, stderr = "";
    let killedFor: "timeout" | "deadline" | "flood" | null = null;
    const kill = (why: typeof killedFor) => {
      killedFor ??= why;
      try { if (child.pid) process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
      child.kill("SIGKILL");
      // `close` waits for every pipe; should anything still hold one, stop waiting shortly after the kill
      setTimeout(() => { for (const s of child.stdio) s?.destroy(); }, 2000).unref();
    };
    let closed = false;
    // after a busy main thread this timer runs before a `close` that arrived in time: the verdict waits one turn
    const timer = setTimeout(() => setImmediate(() => { if (!closed) kill(left < limits.timeoutMs ? "deadline" : "timeout"); }), Math.min(left, limits.timeoutMs));
    child.on("error", (e) => { clearTimeout(timer); box.release(); reject(new Error(`could not start the sandboxed child: ${e.message}`)); });
    // a pipe error must not crash the grader: the child's fate is decided on `close` all the same
    for (const s of [child.stdin, child.stderr, child.stdio[3]]) s?.on("error", () => { /* e.g. EPIPE: the child ended before reading its job */ });
    child.stdin!.end(encode(job));
    child.stderr!.on("data", (b: Buffer) => { stderr = (stderr + b.toString()).slice(-8000); }); // the tail holds V8's OOM message
    child.stdio[3]!.on("data", (b: Buffer) => {
      bytes += b.length;
      if (bytes > MAX_RESULT_BYTES) return kill("flood");
      chunks.push(b);
    });
    child.on("close", (code, signal) => {
      closed = true;
      clearTimeout(timer);
      box.release();
      resolve(judge(job.name, Buffer.concat(chunks).toString("utf8"), code, signal, stderr, killedFor, limits, deadline, job.cases.length));
    });
  });
}

/** What the exercise gets, from what the child wrote on fd 3 and how it ended. */
function judge(name: string, text: string, code: number | null, signal: string | null, stderr: string, killedFor: string | null,
  limits: RunLimits, deadline: Deadline | undefined, count: number): ChildEnd {
  const secs = `${limits.timeoutMs / 1000} s`;
  const lines = text.split("\n");
  const tail = lines.pop(); // "" when the last line was complete
  const msgs: unknown[] = [];
  let malformed = tail !== "";
  for (const l of lines) {
    try { msgs.push(decode(l)); } catch { malformed = true; }
  }
  const field = (m: unknown, k: string) => (m && typeof m === "object" && !Array.isArray(m) && Object.keys(m).length === 1 ? (m as Record<string, unknown>)[k] : undefined);
  const loaded = msgs.some((m) => field(m, "loaded") === true);
  const fail = (error: string): ChildEnd => ({ loaded, run: { error } });
  const atLoad = (error: string): ChildEnd => ({ loaded, run: { error }, atLoad: error });

  if (killedFor === "flood") return fail(`wrote more than ${MAX_RESULT_BYTES >> 10} KB of results while running ${name}`);
  if (killedFor === "deadline") return fail(`stopped: the submission used up its total time limit of ${deadline?.seconds} s while ${name} was running`);
  if (killedFor === "timeout") return loaded ? fail(`timed out after ${secs}`) : atLoad(`timed out after ${secs} while loading the file`);
  const oom = OOM.test(stderr);
  if (code !== 0 || signal) {
    const how = oom ? `ran out of memory (cap ${limits.memoryMb} MB)` : signal === "SIGXCPU" ? `used more than ${cpuSeconds(limits)} s of CPU time` : signal ? `was killed by ${signal}` : `exited with code ${code} (process.exit?)`;
    return loaded ? fail(`${how} while running ${name}`) : atLoad(`the file ${how.replace(" (process.exit?)", "")} while loading`);
  }
  // exit code 0: the only accepted sequences are [importError], [loaded, missing] and [loaded, outcomes]
  if (!malformed && msgs.length === 1 && typeof field(msgs[0], "importError") === "string") return atLoad(`threw while loading the file: ${clip(field(msgs[0], "importError") as string)}`);
  if (!malformed && msgs.length === 0) return atLoad("the file exited with code 0 while loading");
  if (!malformed && msgs.length === 1 && loaded) return fail(`exited with code 0 (process.exit?) while running ${name}`);
  if (!malformed && msgs.length === 2 && field(msgs[0], "loaded") === true) {
    if (field(msgs[1], "missing") === true) return fail(`the file does not export a function named ${name}`);
    const outcomes = field(msgs[1], "outcomes");
    if (Array.isArray(outcomes) && outcomes.length === count && outcomes.every(isOutcome)) {
      const runOom = outcomes.find((o) => !o.ok && OOM.test(o.error));
      if (runOom) return fail(`ran out of memory (cap ${limits.memoryMb} MB) while running ${name}`);
      return { loaded, run: { outcomes: outcomes.map((o) => (o.ok ? o : { ok: false, error: clip(o.error) })) } };
    }
  }
  return fail(`the grader could not read the results of ${name}: the submission wrote to the grader's channel itself`);
}

function isOutcome(o: unknown): o is Outcome {
  if (!o || typeof o !== "object" || Array.isArray(o)) return false;
  const keys = Object.keys(o).sort().join(",");
  const r = o as Record<string, unknown>;
  return (r.ok === true && (keys === "ok,value" || keys === "ok")) || (r.ok === false && keys === "error,ok" && typeof r.error === "string");
}
