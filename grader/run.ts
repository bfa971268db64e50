// Runs one bundled submission file in sandboxed child processes. Each exercise gets its own time limit; a
// hang, process.exit, crash or out-of-memory is charged to the exercise that was running, and a fresh child
// carries on with the rest. Results are plain values; the parent compares them.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

export type Outcome = { ok: true; value: unknown } | { ok: false; error: string };
export interface ExerciseRun { outcomes?: Outcome[]; error?: string }
export interface RunLimits { timeoutMs: number; memoryMb: number }

const childScript = path.resolve(process.cwd(), "grader", "child.mjs");
// Node 20 calls the sandbox --experimental-permission; later releases name it --permission.
const permissionFlag = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
type Msg = { type: "import-error"; message: string } | { type: "start"; name: string } | { type: "result"; name: string; missing?: boolean; outcomes: Outcome[] } | { type: "done" };

/** Runs `jobs` (exercise name → argument lists) against the bundle at `bundlePath` (absolute). */
export async function runIsolated(bundlePath: string, jobs: { name: string; cases: unknown[][] }[], limits: RunLimits): Promise<Map<string, ExerciseRun>> {
  const results = new Map<string, ExerciseRun>();
  let pending = jobs;
  while (pending.length > 0) {
    await runOnce(bundlePath, pending, limits, results);
    pending = pending.filter((j) => !results.has(j.name));
  }
  return results;
}

function runOnce(bundlePath: string, jobs: { name: string; cases: unknown[][] }[], limits: RunLimits, results: Map<string, ExerciseRun>): Promise<void> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(childScript, [bundlePath], {
      serialization: "advanced", // keeps NaN, Infinity and undefined, which JSON would turn into null
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      execArgv: [permissionFlag, `--allow-fs-read=${childScript}`, `--allow-fs-read=${bundlePath}`, `--max-old-space-size=${limits.memoryMb}`, "--no-warnings"],
    });
    let stderr = "";
    child.stderr?.on("data", (b: Buffer) => { if (stderr.length < 20_000) stderr += b; });
    let current: string | null = null;
    let finished = false;
    const secs = `${limits.timeoutMs / 1000} s`;
    const valid = new Set(jobs.map((j) => j.name));
    const failRemaining = (why: string) => { for (const j of jobs) if (!results.has(j.name)) results.set(j.name, { error: why }); };
    let timer = setTimeout(() => onTimeout(), limits.timeoutMs);
    const onTimeout = () => {
      if (current) results.set(current, { error: `timed out after ${secs}` });
      else failRemaining(`timed out after ${secs} while loading the file`);
      finished = true;
      child.kill("SIGKILL");
    };
    child.on("message", (m: Msg) => {
      if (finished) return;
      if (m.type === "import-error") failRemaining(`threw while loading the file: ${m.message}`);
      else if (m.type === "start" && valid.has(m.name)) {
        current = m.name;
        clearTimeout(timer);
        timer = setTimeout(onTimeout, limits.timeoutMs);
      } else if (m.type === "result" && m.name === current && !results.has(m.name)) {
        results.set(m.name, m.missing ? { error: `the file does not export a function named ${m.name}` } : { outcomes: m.outcomes });
        current = null;
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (!finished) {
        const oom = /heap out of memory|Allocation failed/i.test(stderr);
        const how = oom ? `ran out of memory (cap ${limits.memoryMb} MB)` : signal ? `was killed by ${signal}` : `exited with code ${code} (process.exit?)`;
        if (current && !results.has(current)) results.set(current, { error: `${how} while running ${current}` });
        else if (!current) {
          const done = jobs.filter((j) => results.has(j.name)).length;
          // ended between exercises (or at load): charge the next one if some ran, else the whole file
          if (done === 0) failRemaining(`the file ${how.replace(/ \(process.exit\?\)/, "")} while loading`);
          else { const next = jobs.find((j) => !results.has(j.name)); if (next) results.set(next.name, { error: `${how} before ${next.name} started` }); }
        }
      }
      resolve();
    });
    child.send({ exercises: jobs });
  });
}
