// What students do to a kernel (issue 20's probe), each answered as ipykernel answers it: floods of output,
// errors after a cell returned, process.exit, re-runs, huge results, console.table / console.clear, timers
// between cells, input, very long lines. One kernel runs the script; each test reads its steps.
import test from "ava";
import path from "node:path";
import { errorMsg, exec, here, result, runScript, stream, type Step } from "./script.js";

const LINES = 20_000;
const script = {
  flood: exec(`for (let i = 0; i < ${LINES}; i++) console.log(\`line \${i}\`);`),
  interleaved: exec('console.log("a"); console.error("b"); console.log("c"); console.clear(); console.log("d");'),
  kept: exec("const kept = 5;"),
  timerThrows: exec('setTimeout(() => { throw new RangeError("late in a timer"); }, 200);\n"scheduled"'),
  wait1: { op: "sleep", seconds: 0.6 },
  afterTimer: exec("kept + 1"),
  rejectedNow: exec('Promise.reject(new Error("nobody awaits me"));\n"returned"'),
  rejectedLater: exec('setTimeout(() => { Promise.reject(new TypeError("rejected later")); }, 200);'),
  wait2: { op: "sleep", seconds: 0.6 },
  afterRejection: exec("kept + 2"),
  throwsWhileAwaiting: exec('await new Promise<void>((done) => { setTimeout(() => { throw new Error("thrown while the cell awaits"); }, 10); setTimeout(done, 300); });\n"awaited"'),
  exit: exec("console.log(\"before exit\");\nprocess.exit(1);", { stop_on_error: false }),
  exitInTimer: exec("setTimeout(() => process.exit(0), 100);", { stop_on_error: false }),
  wait3: { op: "sleep", seconds: 0.5 },
  afterExit: exec("kept * 10"),
  rerun1: exec("const again = [1, 2].length;\nclass Box { v = again }\nnew Box().v"),
  rerun2: exec("const again = [1, 2].length;\nclass Box { v = again }\nnew Box().v"),
  bigArray: exec("new Array(1_000_000).fill(0.5)"),
  bigString: exec('"x".repeat(2_000_000)'),
  bigObject: exec("Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, i]))"),
  table: exec('console.table([{ head: 1, weight: 0.25 }, { head: 2, weight: 0.75 }]);'),
  callbackThrows: exec('[1, 2, 3].map((x) => {\n  if (x === 2) throw new TypeError("bad item " + x);\n  return x;\n});', { stop_on_error: false }),
  ticking: exec('const ticker = setInterval(() => console.log("tick"), 50);'),
  wait4: { op: "sleep", seconds: 0.5 },
  stopTicking: exec("clearInterval(ticker);"),
  longLine: exec('console.log("y".repeat(3_000_000));'),
  printingLoop: { op: "interrupt_after", code: "let n = 0;\nfor (;;) console.log(n++);", seconds: 1.5 },
  afterLoop: exec("kept + 3"),
  tslab: exec('import * as tslab from "tslab";\ntslab.display.html("<b>bold</b>");\nconst shown = tslab.newDisplay();\nshown.text("first");\nshown.text("second");'),
  noInput: exec('import { createInterface as noInput } from "node:readline/promises";\nconst rl0 = noInput({ input: process.stdin });', { allow_stdin: false, stop_on_error: false }),
  input: { op: "execute_input", code: 'import { createInterface } from "node:readline/promises";\nconst rl = createInterface({ input: process.stdin, output: process.stdout });\nconst name = await rl.question("Your name? ");\nrl.close();\n`hello ${name}`', answers: ["Ada"] },
};
const names = Object.keys(script) as (keyof typeof script)[];
let steps = {} as Record<keyof typeof script, Step>;

test.before(async (t) => {
  t.timeout(300_000, "one kernel, ~30 requests, 20,000 lines; slow while the whole suite shares two cores");
  const out = await runScript(path.join(here, "fixtures", "notebook"), Object.values(script));
  steps = Object.fromEntries(names.map((n, i) => [n, out[i]])) as typeof steps;
});

const text = (s: Step) => result(s)?.data["text/plain"] as string | undefined;
/** How a traceback names line `line` of the cell that `s` ran. */
const at = (s: Step, line: number) => `Cell In[${s.reply.execution_count}], line ${line}`;

test("20,000 printed lines all arrive, in order, before idle, in a few batched messages", (t) => {
  const s = steps.flood;
  t.is(s.reply.status, "ok");
  const lines = stream(s, "stdout").split("\n");
  t.is(lines.pop(), "");
  t.is(lines.length, LINES);
  t.true(lines.every((l, i) => l === `line ${i}`), "in order");
  const messages = s.iopub.filter((m) => m.type === "stream").length;
  t.true(messages <= 20, `${messages} stream messages (one per line was ${LINES})`);
});

test("stdout, stderr and console.clear keep their order", (t) => {
  const seq = steps.interleaved.iopub.filter((m) => m.type !== "execute_input").map((m) => (m.type === "stream" ? `${m.content.name}:${m.content.text}` : m.type));
  t.deepEqual(seq, ["stdout:a\n", "stderr:b\n", "stdout:c\n", "clear_output", "stdout:d\n"]);
});

test("an error thrown in a timer after its cell returned shows on the next cell's stderr, with the cell line", (t) => {
  t.is(steps.timerThrows.reply.status, "ok");
  t.is(text(steps.timerThrows), "scheduled");
  const err = stream(steps.afterTimer, "stderr");
  t.regex(err, /^Uncaught error in a callback \(after its cell finished\): RangeError: late in a timer\n/);
  t.true(err.includes(`\n  ${at(steps.timerThrows, 1)}`), err);
  t.is(text(steps.afterTimer), "6", "the kernel keeps its state");
});

test("an unhandled rejection shows on stderr of its own cell, or of the next one when it came later", (t) => {
  t.true(stream(steps.rejectedNow, "stderr").startsWith(`Unhandled promise rejection: Error: nobody awaits me\n  ${at(steps.rejectedNow, 1)}`));
  t.is(text(steps.rejectedNow), "returned");
  t.is(stream(steps.rejectedLater, "stderr"), "");
  t.regex(stream(steps.afterRejection, "stderr"), /^Unhandled promise rejection \(after its cell finished\): TypeError: rejected later/);
});

test("an error in a callback while the cell awaits shows on that cell's stderr; the cell finishes", (t) => {
  t.regex(stream(steps.throwsWhileAwaiting, "stderr"), /^Uncaught error in a callback: Error: thrown while the cell awaits/);
  t.is(text(steps.throwsWhileAwaiting), "awaited");
});

test("process.exit() in a cell is an error that says how to restart; the kernel keeps running", (t) => {
  const e = errorMsg(steps.exit)!;
  t.is(steps.exit.reply.status, "error");
  t.is(e.ename, "ProcessExit");
  t.regex(e.evalue, /^process\.exit\(1\) would stop the kernel, so it was not done/);
  t.regex(e.evalue, /Kernel ▸ Restart Kernel/);
  t.is(e.traceback.at(-1), `  ${at(steps.exit, 2)}`);
  t.is(stream(steps.exit, "stdout"), "before exit\n");
  t.regex(stream(steps.afterExit, "stderr"), /^Uncaught error in a callback \(after its cell finished\): ProcessExit: process\.exit\(0\) would stop the kernel/);
  t.is(text(steps.afterExit), "50");
});

test("re-running a cell that declares a const and a class works", (t) => {
  t.is(steps.rerun1.reply.status, "ok");
  t.is(steps.rerun2.reply.status, "ok", JSON.stringify(steps.rerun2.reply));
  t.is(text(steps.rerun2), "2");
});

test("huge results are shown cut, with a note; the kernel answers at once", (t) => {
  t.regex(text(steps.bigArray)!, /^\[\n? *0\.5, 0\.5,[\s\S]*\.\.\. 999900 more items\n?\]$/);
  const s = text(steps.bigString)!;
  t.true(s.length < 101_000, `${s.length} characters`);
  t.regex(s, /^x{1000}/);
  t.regex(s, /… \(1900000 more characters not shown: 1 lines, 2000000 characters in all; the value is kept whole\)$/);
  const o = text(steps.bigObject)!;
  t.true(o.length < 101_000);
  t.regex(o, /more characters not shown/);
});

test("console.table prints a table on stdout", (t) => {
  const out = stream(steps.table, "stdout");
  t.regex(out, /┌─+┬─+┬─+┐/);
  t.regex(out, /│ +0 +│ +1 +│ +0\.25 +│/);
});

test("an error inside a callback the cell calls names the callback's line and the cell's", (t) => {
  const e = errorMsg(steps.callbackThrows)!;
  t.like(e, { ename: "TypeError", evalue: "bad item 2" });
  t.true(e.traceback.includes(`  ${at(steps.callbackThrows, 2)}`), e.traceback.join("\n"));
  t.is(e.traceback.at(-1), `  ${at(steps.callbackThrows, 1)}`);
});

test("a timer printing between cells: its lines come with the next cell", (t) => {
  const ticks = stream(steps.stopTicking, "stdout").split("\n").filter(Boolean);
  t.true(ticks.length >= 3 && ticks.every((l) => l === "tick"), JSON.stringify(ticks));
});

test("a 3,000,000-character line arrives whole before idle", (t) => {
  t.is(stream(steps.longLine, "stdout"), `${"y".repeat(3_000_000)}\n`);
});

test("an interrupted printing loop: what it printed arrives, in order, and the next cell runs", (t) => {
  t.is(steps.printingLoop.reply.ename, "Interrupt");
  const lines = stream(steps.printingLoop, "stdout").split("\n").filter(Boolean);
  t.true(lines.length > 100, `${lines.length} lines`);
  t.true(lines.every((l, i) => l === String(i)), "in order, none lost");
  t.is(text(steps.afterLoop), "8");
});

test("where the front end allows no input, touching process.stdin fails at once with a clear error", (t) => {
  const e = errorMsg(steps.noInput)!;
  t.is(steps.noInput.reply.status, "error");
  t.regex(e.evalue, /^process\.stdin: this front end sends no input \(allow_stdin is false/);
  t.is(e.traceback.at(-1), `  ${at(steps.noInput, 2)}`);
});

test("tslab's display API works in cells, served over the kit's display host", (t) => {
  const out = steps.tslab.iopub.filter((m) => m.type.endsWith("display_data"));
  t.is(steps.tslab.reply.status, "ok", JSON.stringify(steps.tslab.reply));
  t.deepEqual(out.map((m) => [m.type, m.content.data]), [
    ["display_data", { "text/html": "<b>bold</b>" }], ["display_data", { "text/plain": "first" }], ["update_display_data", { "text/plain": "second" }],
  ]);
  t.is(out[2].content.transient.display_id, out[1].content.transient.display_id);
});

test("reading process.stdin asks the notebook for input (input_request), as Python's input() does", (t) => {
  const s = steps.input as Step & { prompts: { prompt: string; password: boolean }[] };
  t.is(s.reply.status, "ok", JSON.stringify(s.reply));
  t.deepEqual(s.prompts.map((p) => p.password), [false]);
  t.regex(stream(s, "stdout"), /Your name\? /);
  t.is(text(s), "hello Ada");
});
