// Checks and compiles submission files (the import rule, the type check, the bundle: typecheck.ts) in a separate
// process (grader/check_worker.ts) with a time and memory limit per file, so a file of exploding types (a 12 KB
// template-literal type took 37 s and 2.8 GB in the grader itself) or of an exponential parse costs only its own
// exercises and never blocks the grader, whose clocks time other submissions' children.
// Workers are kept between submissions (the library's declarations are parsed once per worker, ~0.4 s); one
// that hits a limit is killed and replaced.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import { courseRoot } from "./course_root.js";

// The worker runs on plain Node, without the tsx loader (which cost ~0.5–1.5 s of every start, a third of grading
// one submission): check_worker.ts and typecheck.ts compiled once per grader run into one CommonJS script, given
// to `node --eval` from the course folder, where its `require("typescript")` resolves (0.2 s, where an ES import
// took 0.5 s: Node scans all 9 MB of a CommonJS module for its export names). No file is written. Both are
// found from this file, not the working folder (a grader run elsewhere, e.g. with its own cases, still starts).
const graderDir = path.join(courseRoot, "grader");
let workerCode: string | undefined;
const compiled = () => workerCode ??= buildSync({
  entryPoints: [path.join(graderDir, "check_worker.ts")], bundle: true, platform: "node", format: "cjs",
  external: ["typescript", "esbuild"], write: false, logLevel: "silent",
  // under `node --eval` import.meta.url names the working folder, not course_root.ts: say where the course is
  define: { "import.meta.url": JSON.stringify(pathToFileURL(path.join(graderDir, "course_root.ts")).href) },
}).outputFiles[0].text;
export interface CheckLimits { checkMs: number; checkMemoryMb: number }
interface Worker { proc: ChildProcess; ready: Promise<boolean>; memoryMb: number; tail: string }
const idle: Worker[] = [];

function start(memoryMb: number): Worker {
  const proc = spawn(process.execPath, [`--max-old-space-size=${memoryMb}`, "--eval", compiled()],
    // a process group of its own, so a kill ends the esbuild service it started too (busy in an exponential parse,
    // that service outlived a kill of the checker alone, measured)
    { cwd: courseRoot, stdio: ["ignore", "ignore", "pipe", "ipc"], env: { ...process.env, NODE_OPTIONS: "" }, detached: true });
  const w = { proc, memoryMb, tail: "" } as Worker;
  proc.on("error", () => { /* a failed send or kill: its exit (or a failed send's callback) decides */ });
  proc.stderr!.on("data", (b: Buffer) => { w.tail = (w.tail + b.toString()).slice(-2000); }); // V8's out-of-memory message
  w.ready = new Promise<boolean>((resolve) => {
    proc.once("message", (m) => resolve(m === "ready"));
    proc.once("exit", () => resolve(false));
  });
  return w;
}

/** Ends the worker and everything it started. */
const kill = (w: Worker) => { try { if (w.proc.pid) process.kill(-w.proc.pid, "SIGKILL"); } catch { /* already gone */ } w.proc.kill("SIGKILL"); };

/** Whether an idle worker can still take files (the OOM killer, or a signal when not grading as root, may have ended it). */
const alive = (w: Worker) => w.proc.connected && w.proc.exitCode === null && w.proc.signalCode === null;

/** Idle workers may end with the grader; a busy one keeps it alive (see `hold`). */
const hold = (w: Worker, on: boolean) => { for (const h of [w.proc, w.proc.channel, w.proc.stderr as unknown as { ref(): void; unref(): void }]) (on ? h?.ref : h?.unref)?.call(h); };

// One worker starts warming as soon as the grader loads, in parallel with finding and reading the submission.
const first = start(1024);
hold(first, false);
idle.push(first);


import type { Checked } from "./typecheck.js";
export type { Checked };
type OnChecked = (file: string, checked: Checked) => void;

/**
 * Checks `files` on `w`, one after the other, timing each from the moment the one before it was answered; stops
 * at the first that is not answered in `ms()` and says why (timeout, memory, crash).
 */
function ask(w: Worker, files: string[], allowed: Record<string, string[]>, ms: () => number, out: Map<string, Checked>, record: OnChecked, stage: { compiling?: string }): Promise<"timeout" | "memory" | "crash" | "unsent" | null> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout, armed = 0, settled = false;
    // A timer that fires after the main thread was busy runs before the answers that arrived meanwhile: the
    // verdict waits one turn (setImmediate comes after pending input), so an answer in time is never a timeout.
    const arm = () => {
      clearTimeout(timer);
      const n = ++armed;
      timer = setTimeout(() => setImmediate(() => { if (settled || n !== armed) return; kill(w); done("timeout"); }), Math.max(0, ms()));
    };
    const done = (r: "timeout" | "memory" | "crash" | "unsent" | null) => { if (settled) return; settled = true; clearTimeout(timer); w.proc.off("message", onMessage); w.proc.off("exit", onExit); resolve(r); };
    const onMessage = (m: unknown) => {
      const { file, checked, compiling } = m as { file: string; checked: Checked; compiling?: true };
      if (compiling) { stage.compiling = file; return; } // the same file's time runs on
      record(file, checked);
      if (files.every((f) => out.has(f))) done(null); else arm();
    };
    const onExit = () => done(/heap out of memory|Allocation failed/.test(w.tail) ? "memory" : "crash");
    w.proc.on("message", onMessage);
    w.proc.once("exit", onExit);
    arm();
    w.proc.send({ files, allowed }, (e) => { if (e) done("unsent"); }); // it died idle: no file is to blame, a fresh worker takes them
  });
}

/**
 * Each file's bundle (absolute paths; `allowed`: what each file name may import), or the reason it is not run
 * (refused, type errors, a failed compile, or a limit): at most `checkMs` per file
 * (and no later than `deadline.at` on performance.now()'s clock), `checkMemoryMb` of heap. A file that fails
 * costs its own check only: the files after it are checked again by a fresh worker. `onEach` hears each file's
 * result as soon as it is known (the grader compiles and runs a file while the next one is checked).
 */
export async function checkTypes(files: string[], allowed: Record<string, string[]>, limits: CheckLimits, deadline = { at: Infinity, seconds: Infinity }, onEach?: OnChecked): Promise<Map<string, Checked>> {
  const out = new Map<string, Checked>();
  const record: OnChecked = (file, checked) => { out.set(file, checked); onEach?.(file, checked); };
  let w = idle.pop();
  if (w && (w.memoryMb !== limits.checkMemoryMb || !alive(w))) { kill(w); w = undefined; }
  for (let todo = files; todo.length > 0; todo = files.filter((f) => !out.has(f))) {
    if (performance.now() >= deadline.at) { // no worker is started only to be stopped
      for (const f of todo) record(f, { problem: `not checked: the submission used up its total time limit of ${deadline.seconds} s before ${path.basename(f)} was type-checked` });
      break;
    }
    w ??= start(limits.checkMemoryMb);
    hold(w, true);
    if (!(await w.ready)) { for (const f of todo) record(f, { problem: "the type checker could not start" }); w = undefined; break; }
    let byDeadline = false;
    const stage: { compiling?: string } = {};
    const failed = await ask(w, todo, allowed, () => { const left = deadline.at - performance.now(); byDeadline = left < limits.checkMs; return Math.min(limits.checkMs, left); }, out, record, stage);
    if (!failed) break;
    if (failed === "unsent") { kill(w); w = undefined; continue; }
    const file = todo.find((f) => !out.has(f))!, name = path.basename(file), compiling = stage.compiling === file;
    record(file, { problem: failed === "timeout" ? (byDeadline ? `not checked: the submission used up its total time limit of ${deadline.seconds} s while ${name} was being ${compiling ? "compiled" : "type-checked"}`
      : compiling ? `${name} could not be compiled within ${limits.checkMs / 1000} s (the limit per file, with its type check): simplify it`
        : `${name} could not be type-checked within ${limits.checkMs / 1000} s (the limit per file): simplify its types`)
      : failed === "memory" ? `${name} used more than ${limits.checkMemoryMb} MB while being type-checked: simplify its types` : `the type checker stopped while checking ${name}` });
    kill(w);
    w = undefined; // a fresh worker for the files after it
  }
  if (w) { hold(w, false); idle.push(w); }
  return out;
}
