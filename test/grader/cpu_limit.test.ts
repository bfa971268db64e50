// The parent's clock counts a child's wall time only; RLIMIT_CPU bounds the CPU it burns meanwhile (a child keeping
// Node's thread pool busy uses several cores, slowing honest children beside it), and the grader names the cause.
import test from "ava";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { sandbox } from "../../grader/sandbox.js";

const root = path.resolve(import.meta.dirname, "../..");
const spin = "const c = require('node:crypto'); for (let i = 0; i < 8; i++) c.pbkdf2('x', 'y', 1e9, 64, 'sha512', () => {}); for (;;) {}";

test("a sandboxed child that keeps spinning is stopped by its CPU limit (SIGXCPU), not by a wall clock", (t) => {
  const box = sandbox(path.join(root, "grader", "wire.mjs"), 96, 1);
  const at = box.args.indexOf(process.execPath);
  if (box.command === process.execPath) { box.release(); t.log("prlimit (util-linux) not found: children have no CPU limit here"); t.pass(); return; }
  const t0 = performance.now();
  // the same wrappers (unshare, prlimit with the limits) as a graded child, running plain Node on `spin`
  const r = spawnSync(box.command, [...box.args.slice(0, at + 1), "-e", spin], { ...box.options, stdio: "ignore", timeout: 60_000 });
  box.release();
  t.is(r.signal, "SIGXCPU", `ended with ${r.signal ?? `code ${r.status}`} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
});
