// `npm run stress:grader [-- --runs N]`: the determinism check of issue 10 — the grader's tests, run N times
// (default 20) while busy loops keep every core loaded, must give the same result every time: each test asserts
// a submission's exact score, so one slow child charged as a timeout or a lost message shows up as a difference.
// Run it alone (`flock /tmp/heavy.lock npm run stress:grader`): it saturates the machine on purpose.
import { $ } from "zx";
import { spawn } from "node:child_process";
import os from "node:os";

import { scriptOptions } from "./options.js";

const runs = Number(scriptOptions("stress:grader", { runs: "integer" }).runs ?? 20);
const files = ["test/grader/grade.test.ts", "test/grader/isolation.test.ts", "test/grader/autograder.test.ts"];
// The release test builds the student bundle, not a grade; it is the one grader test left out (and says so).
const match = ["--match", "!release:*"];
const burners = Array.from({ length: os.availableParallelism() }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
const stop = () => { for (const b of burners) b.kill("SIGKILL"); };
process.on("exit", stop);
console.log(`[stress] ${runs} runs of ${files.join(", ")} (all but the release test), with ${burners.length} busy loops on ${os.availableParallelism()} cores`);

const outcomes: Map<string, string>[] = [];
const t0 = performance.now();
for (let i = 1; i <= runs; i++) {
  const t = performance.now();
  const r = await $({ nothrow: true, quiet: true })`npx ava --tap ${match} ${files}`;
  const tests = new Map([...r.stdout.matchAll(/^(not ok|ok) \d+ - (.*?)(?: # .*)?$/gm)].map((m) => [m[2], m[1]]));
  outcomes.push(tests);
  const failed = [...tests].filter(([, s]) => s !== "ok").map(([n]) => n);
  console.log(`[stress] run ${String(i).padStart(2)}/${runs}: ${tests.size - failed.length} passed, ${failed.length} failed, ${((performance.now() - t) / 1000).toFixed(0)} s, load ${os.loadavg()[0].toFixed(1)}${failed.length ? `\n  failed: ${failed.join("\n  failed: ")}` : ""}`);
}
stop();

const names = [...new Set(outcomes.flatMap((o) => [...o.keys()]))];
const differing = names.filter((n) => new Set(outcomes.map((o) => o.get(n) ?? "missing")).size > 1);
const everFailed = names.filter((n) => outcomes.some((o) => o.get(n) !== "ok"));
console.log(`[stress] ${runs} runs in ${((performance.now() - t0) / 60000).toFixed(1)} min: ${names.length} tests each; ${differing.length} differ between runs; ${everFailed.length} ever failed`);
for (const n of differing) console.log(`  differs: ${n}: ${outcomes.map((o) => (o.get(n) === "ok" ? "." : "F")).join("")}`);
if (differing.length || everFailed.length || names.length === 0) process.exit(1);
