// Issue 10's attack classes, each a correct submission with one hostile change, graded with exact scores;
// then submissions as students send them (folders, copies, strays, links, BOM/CRLF, oversized files).
import test from "ava";
import { cpSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { gradeSubmission, type SubmissionResult } from "../../grader/grade.js";
import { loadPublicCases } from "../../grader/cases.js";
import { dropsPrivileges, sandbox } from "../../grader/sandbox.js";
import { exerciseFiles } from "../../grader/exercises.js";
import { writeFinished } from "../../grader/generate.js";
import { finished, fixture, fixtureFile, submission, type FixtureName } from "../../grader/hostile.js";
import { FULL, filePoints, points } from "./points.js";

const root = path.resolve(import.meta.dirname, "../..");
const publicCases = loadPublicCases();
const limits = { timeoutMs: 3000, memoryMb: 128 };
const failing = (r: SubmissionResult) => r.exercises.filter((e) => !e.public.passed).map((e) => `${e.name}: ${e.public.output}`).join("\n");
const output = (r: SubmissionResult, name: string) => r.exercises.find((e) => e.name === name)!.public.output;
const grade = (dir: string, extra: { submissionMs?: number } = {}) => gradeSubmission(dir, { publicCases, limits: { ...limits, ...extra } });
const hostile = (name: FixtureName, edit = (s: string) => s) => submission(Object.fromEntries(Object.entries(fixture(name)).map(([f, s]) => [f, edit(s)])));

const attacks: [string, FixtureName, number, string, RegExp][] = [
  ["forged results on the grader's channel zero only that exercise", "forgeResults", FULL - points("causalMask"), "causalMask", /^the grader could not read the results of causalMask/],
  ["forged 'done' lines while still running: the parent's clock times it out", "forgeThenHang", FULL - points("softmax"), "softmax", /^timed out after 3 s$/],
  ["signals to the grader, its group and every process are refused", "signalGrader", FULL, "dot", /^all \d+ cases pass|^done/],
  ["memory outside the V8 heap (typed arrays) is capped and reported", "bufferHog", FULL - points("selfAttentionProjections"), "selfAttentionProjections", /^ran out of memory \(cap 128 MB\) while running selfAttentionProjections$/],
  ["a file that hangs while loading costs one time limit and zeroes its exercises", "hangAtImport", FULL - filePoints(fixtureFile("hangAtImport")), "softmax", /^timed out after 3 s while loading the file$/],
];
for (const [title, name, score, exercise, message] of attacks) {
  test.serial(`${title}: scores exactly ${score}`, async (t) => {
    const r = await grade(hostile(name));
    t.regex(output(r, exercise), message);
    t.is(r.score, score, failing(r));
  });
}

test.serial(`the child sees an empty environment: scores exactly ${FULL - points("maskedSoftmax")}, no variable of the grader's in the feedback`, async (t) => {
  process.env.ATTENTION_KIT_CANARY = "grader-secret-4711";
  const r = await grade(hostile("envLeak"));
  t.regex(output(r, "maskedSoftmax"), /threw: env \{\}/);
  t.false(JSON.stringify(r).includes("grader-secret-4711"));
  t.is(r.score, FULL - points("maskedSoftmax"), failing(r));
});

test.serial(`the child may read nothing but its bundle: the solutions are refused, scores exactly ${FULL - points("maskedSoftmax")}`, async (t) => {
  const r = await grade(hostile("readSolutions", (s) => s.replace("SOLUTION", JSON.stringify(path.join(root, "solutions", "01_similarity.ts")))));
  t.regex(output(r, "maskedSoftmax"), /ERR_ACCESS_DENIED|Access to this API has been restricted/);
  t.false(output(r, "maskedSoftmax").includes("export function"));
  t.is(r.score, FULL - points("maskedSoftmax"), failing(r));
});

test.serial("as root, each child runs under a uid of its own that may not signal the grader", async (t) => {
  const r = await grade(hostile("whoAmI"));
  t.is(r.score, FULL - points("maskedSoftmax"), failing(r));
  const [, uid, gid] = output(r, "maskedSoftmax").match(/uid (\d+) gid (\d+)/) ?? [];
  if (!dropsPrivileges) {
    t.log(`not running as root (uid ${process.getuid?.()}): children keep this uid; the child's own guard on process.kill is what holds`);
    t.is(Number(uid), process.getuid?.() ?? -1);
    return;
  }
  t.true(Number(uid) >= 60000 && Number(uid) < 65000, `uid ${uid}`);
  t.is(gid, uid);
  // the same user, environment and session as a sandboxed child, without the child's guard on process.kill
  const box = sandbox(path.join(root, "grader", "wire.mjs"), 96);
  const wrap = box.command === process.execPath ? [] : [box.command, ...box.args.slice(0, box.args.indexOf(process.execPath))]; // unshare/prlimit, which switch the user
  const probe = spawnSync(wrap[0] ?? process.execPath, [...wrap.slice(1), ...(wrap.length ? [process.execPath] : []), "-e", "try { process.kill(Number(process.argv[1]), 0); console.log('allowed') } catch (e) { console.log(e.code) }", String(process.pid)],
    { ...box.options, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  box.release();
  t.is(probe.stdout.trim(), "EPERM", probe.stderr);
});

test.serial("the whole submission has a time limit nothing extends: every file hanging scores exactly 0", async (t) => {
  const dir = submission();
  for (const f of exerciseFiles) writeFileSync(path.join(dir, f), `for (;;) { /* hang */ }\n${finished(f)}`);
  const t0 = performance.now();
  const r = await grade(dir, { submissionMs: 1500 });
  t.is(r.score, 0);
  for (const e of r.exercises) t.regex(e.public.output, /total time limit of 1\.5 s/);
  t.log(`graded in ${((performance.now() - t0) / 1000).toFixed(1)} s with 3 s per exercise and 1.5 s per submission`);
});

test.serial(`files inside folders are found, strays ignored: scores exactly ${FULL}`, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "attention-kit-nested-"));
  writeFinished(root, path.join(dir, "My Work", "hw 1"));
  writeFileSync(path.join(dir, "My Work", "notes.ipynb"), "{}");
  mkdirSync(path.join(dir, "__MACOSX"));
  writeFileSync(path.join(dir, "__MACOSX", "._01_similarity.ts"), "\u0000\u0005binary");
  const r = await grade(dir);
  t.is(r.score, FULL, failing(r));
});

test.serial(`identical copies grade once; different copies are named: scores exactly ${FULL - filePoints("02_self_attention.ts")}`, async (t) => {
  const dir = submission();
  mkdirSync(path.join(dir, "old"));
  cpSync(path.join(dir, "01_similarity.ts"), path.join(dir, "old", "01_similarity.ts"));
  writeFileSync(path.join(dir, "old", "02_self_attention.ts"), fixture("halfRight")["02_self_attention.ts"]);
  const r = await grade(dir);
  t.regex(output(r, "causalMask"), /^02_self_attention\.ts appears 2 times in the submission, with different contents \(02_self_attention\.ts, old\/02_self_attention\.ts\)/);
  t.is(r.score, FULL - filePoints("02_self_attention.ts"), failing(r));
});

test.serial(`a notebook instead of the .ts file: the feedback names both, scores exactly ${FULL - filePoints("01_similarity.ts")}`, async (t) => {
  const dir = submission();
  rmSync(path.join(dir, "01_similarity.ts"));
  writeFileSync(path.join(dir, "01-dot-product-similarity.ipynb"), "{}");
  const r = await grade(dir);
  t.is(output(r, "dot"), `01_similarity.ts was not found in the submission (expected ${exerciseFiles.join(", ")}, at any folder depth; the submission has 01-dot-product-similarity.ipynb)`);
  t.is(r.score, FULL - filePoints("01_similarity.ts"), failing(r));
});

test.serial(`a symbolic link is not followed, even to a file the grader can read: scores exactly ${FULL - filePoints("01_similarity.ts")}`, async (t) => {
  const dir = submission();
  rmSync(path.join(dir, "01_similarity.ts"));
  symlinkSync("/etc/passwd", path.join(dir, "01_similarity.ts"));
  const r = await grade(dir);
  t.is(output(r, "dot"), "01_similarity.ts is a symbolic link (01_similarity.ts); upload the file itself");
  t.false(JSON.stringify(r).includes("root:"));
  t.is(r.score, FULL - filePoints("01_similarity.ts"), failing(r));
});

test.serial(`a FIFO, a socket and a device under expected names are refused by name, never opened: scores exactly ${FULL - filePoints("01_similarity.ts", "02_self_attention.ts", "03_multi_head.ts")}`, async (t) => {
  const dir = submission();
  for (const f of ["01_similarity.ts", "02_self_attention.ts", "03_multi_head.ts"]) rmSync(path.join(dir, f));
  spawnSync("mkfifo", [path.join(dir, "01_similarity.ts")]); // tar keeps FIFOs: opening one would block the grader forever
  const server = net.createServer().listen(path.join(dir, "02_self_attention.ts"));
  await new Promise((r) => server.once("listening", r));
  const device = dropsPrivileges && spawnSync("mknod", [path.join(dir, "03_multi_head.ts"), "c", "1", "3"]).status === 0; // /dev/null's numbers
  if (!device) { t.log("not root: no device node; a FIFO stands in for it"); spawnSync("mkfifo", [path.join(dir, "03_multi_head.ts")]); }
  try {
    const r = await grade(dir);
    t.is(output(r, "dot"), "01_similarity.ts is a FIFO (named pipe), not a regular file; upload the file itself");
    t.is(output(r, "causalMask"), "02_self_attention.ts is a socket, not a regular file; upload the file itself");
    t.is(output(r, "splitHeads"), `03_multi_head.ts is ${device ? "a device" : "a FIFO (named pipe)"}, not a regular file; upload the file itself`);
    t.is(r.score, FULL - filePoints("01_similarity.ts", "02_self_attention.ts", "03_multi_head.ts"), failing(r));
  } finally { server.close(); }
});

test.serial(`a hard link to a file the grader can read is refused, its content never shown: scores exactly ${FULL - filePoints("01_similarity.ts")}`, async (t) => {
  const dir = submission();
  const secret = path.join(mkdtempSync(path.join(os.tmpdir(), "attention-kit-secret-")), "secret.ts");
  writeFileSync(secret, "export const s: number = \"grader-secret-1234\";\n", { mode: 0o600 });
  rmSync(path.join(dir, "01_similarity.ts"));
  linkSync(secret, path.join(dir, "01_similarity.ts"));
  const r = await grade(dir);
  t.is(output(r, "dot"), "01_similarity.ts could not be read: 01_similarity.ts is a hard link to another file; upload the file itself");
  t.false(JSON.stringify(r).includes("grader-secret-1234"));
  t.is(r.score, FULL - filePoints("01_similarity.ts"), failing(r));
});

test.serial(`BOM and CRLF line ends grade like the plain files: scores exactly ${FULL}`, async (t) => {
  const dir = submission();
  for (const f of exerciseFiles) writeFileSync(path.join(dir, f), `\ufeff${readFileSync(path.join(dir, f), "utf8").replace(/\n/g, "\r\n")}`);
  const r = await grade(dir);
  t.is(r.score, FULL, failing(r));
});

test.serial(`a file over 1 MB is refused without being compiled: scores exactly ${FULL - filePoints("04_bahdanau.ts")}`, async (t) => {
  const dir = submission();
  writeFileSync(path.join(dir, "04_bahdanau.ts"), `${finished("04_bahdanau.ts")}\n// ${"x".repeat(1_100_000)}\n`);
  const r = await grade(dir);
  t.is(output(r, "additiveScore"), "04_bahdanau.ts is 1.1 MB; a solution file is at most 1 MB");
  t.is(r.score, FULL - filePoints("04_bahdanau.ts"), failing(r));
});

test.serial(`a binary file and an odd file name are reported, not crashed on: scores exactly ${FULL - filePoints("01_similarity.ts", "03_multi_head.ts")}`, async (t) => {
  const dir = submission();
  rmSync(path.join(dir, "01_similarity.ts"));
  writeFileSync(path.join(dir, "01_similarity\n.ts"), finished("01_similarity.ts"));
  writeFileSync(path.join(dir, "03_multi_head.ts"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const r = await grade(dir);
  t.regex(output(r, "dot"), /the submission has "01_similarity\\n\.ts"\)$/);
  t.regex(output(r, "splitHeads"), /^03_multi_head\.ts (does not type-check|refused)/);
  t.is(r.score, FULL - filePoints("01_similarity.ts", "03_multi_head.ts"), failing(r));
});
