// `npm run autograder -- OUT` end to end: the zip's layout, then run_autograder in a temporary AUTOGRADER_ROOT
// laid out as Gradescope does (source/, submission/, results/). setup.sh's install steps are not run here: they
// need the network (NodeSource, `npm ci` from the registry) and take minutes; node_modules is a link to this
// checkout's, which `npm ci` installed from the same package-lock.json that setup.sh uses.
import test from "ava";
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import { spawnSync } from "node:child_process";
import { writeFinished } from "../../grader/generate.js";
import { studentVariant } from "../../grader/variant.js";
import { streetTarget } from "../../grader/street_check.js";
import { finished, fixture, replaceBody, submission } from "../../grader/hostile.js";
import { COUNT, FULL, filePoints, points } from "./points.js";

const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(os.tmpdir(), "attention-kit-gradescope-"));
chmodSync(work, 0o755); // like /autograder: the unprivileged children must reach source/grader/child.mjs
const ag = path.join(work, "autograder");

interface Results { score: number; output: string; tests: { name: string; score: number; max_score: number; output: string; visibility: string }[] }
/** Puts `dir` (copied) at submission/`inside`, runs run_autograder from the root, returns results.json. */
async function run(dir: string, inside = "", env: Record<string, string> = {}, then = (_sub: string) => {}): Promise<{ results: Results; text: string; stdout: string }> {
  rmSync(path.join(ag, "submission"), { recursive: true, force: true });
  cpSync(dir, path.join(ag, "submission", inside), { recursive: true });
  then(path.join(ag, "submission", inside));
  const r = await $({ cwd: ag, nothrow: true, quiet: true, env: { ...process.env, AUTOGRADER_ROOT: ag, AUTOGRADER_SEED: "11", ...env } })`./run_autograder`;
  const text = readFileSync(path.join(ag, "results", "results.json"), "utf8");
  return { results: JSON.parse(text) as Results, text, stdout: r.stdout + r.stderr };
}

test.before(async () => {
  const built = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/autograder.ts ${work}`;
  if (built.exitCode !== 0) throw new Error(built.stderr);
  mkdirSync(path.join(ag, "source"), { recursive: true });
  await $({ quiet: true })`unzip -q ${path.join(work, "autograder.zip")} -d ${path.join(ag, "source")}`;
  copyFileSync(path.join(ag, "source", "run_autograder"), path.join(ag, "run_autograder")); // Gradescope copies it to /autograder
  symlinkSync(path.join(root, "node_modules"), path.join(ag, "source", "node_modules"));
});

test.after.always(() => rmSync(work, { recursive: true, force: true }));

test.serial("the zip has setup.sh and run_autograder at its root, the grader, solutions and lockfile, no node_modules", async (t) => {
  const list = (await $({ quiet: true })`unzip -Z1 ${path.join(work, "autograder.zip")}`).stdout.trim().split("\n");
  for (const p of ["setup.sh", "run_autograder", "package.json", "package-lock.json", "grader/child.mjs", "grader/gradescope/autograde.ts", "grader/cases/public.json", "grader/secret", "grader/reference.ts", "solutions/04_bahdanau.ts", "lib/index.ts"]) t.true(list.includes(p), p);
  t.deepEqual(list.filter((p) => /node_modules|^exercises\/|^test\/|^notebooks\//.test(p)), []);
  const modes = (await $({ quiet: true })`unzip -Z ${path.join(work, "autograder.zip")} setup.sh run_autograder`).stdout;
  t.is(modes.match(/^-rwxr-xr-x/gm)?.length, 2, modes);
});

test.serial("the solutions score full marks, flat and inside a folder, public and hidden", async (t) => {
  for (const inside of ["", "attention-homework"]) {
    const { results } = await run(writeFinished(root), inside);
    t.is(results.score, FULL, results.tests.filter((x) => x.score < x.max_score).map((x) => `${x.name}: ${x.output}`).join("\n"));
    t.is(results.tests.length, 2 * COUNT);
    t.is(results.tests.filter((x) => x.visibility === "after_published").length, COUNT);
  }
});

test.serial("with submission_metadata.json, the student's own variant is graded (the zip's secret)", async (t) => {
  const secret = readFileSync(path.join(ag, "source", "grader", "secret"), "utf8").trim();
  // a Gradescope user whose itToStreet target is not the course's, so the course's answer must fail
  const id = [...Array(50).keys()].map((i) => 4242 + i).find((n) => streetTarget(studentVariant(String(n), secret).variant).target !== "street" || streetTarget(studentVariant(String(n), secret).variant).query !== "it")!;
  writeFileSync(path.join(ag, "submission_metadata.json"), JSON.stringify({ id: 1, users: [{ email: "s@example.com", id, name: "S" }] }));
  try {
    const own = await run(writeFinished(root, undefined, undefined, studentVariant(String(id), secret).variant));
    t.is(own.results.score, FULL, own.results.tests.filter((x) => x.score < x.max_score).map((x) => `${x.name}: ${x.output}`).join("\n"));
    t.regex(own.stdout, new RegExp(`student ${id}'s variant`));
    const course = await run(writeFinished(root));
    t.is(course.results.score, FULL - points("itToStreet"));
  } finally {
    rmSync(path.join(ag, "submission_metadata.json"));
  }
});

test.serial("the generated stubs score 0", async (t) => {
  const { results } = await run(path.join(root, "exercises"));
  t.is(results.score, 0);
  t.is(results.tests.length, 2 * COUNT);
});

test.serial(`a hostile submission is contained: signals, environment, memory; scores exactly ${FULL - points("selfAttentionProjections", "maskedSoftmax")}`, async (t) => {
  // 01 signals the grader; 02 hogs memory in selfAttentionProjections and leaks the environment in maskedSoftmax
  const envLeak = (src: string) => replaceBody(src, "maskedSoftmax", '  throw new Error("env " + JSON.stringify((globalThis as any).process.env));');
  const dir = submission({ ...fixture("signalGrader"), "02_self_attention.ts": envLeak(fixture("bufferHog")["02_self_attention.ts"]) });
  const { results, text } = await run(dir, "", { GRADER_CANARY: "gradescope-secret-99" });
  t.is(results.score, FULL - points("selfAttentionProjections", "maskedSoftmax"), results.tests.filter((x) => x.score < x.max_score).map((x) => `${x.name}: ${x.output}`).join("\n"));
  t.regex(results.tests.find((x) => x.name.startsWith("selfAttentionProjections"))!.output, /ran out of memory \(cap 256 MB\)/);
  t.regex(results.tests.find((x) => x.name.startsWith("maskedSoftmax"))!.output, /env \{\}/);
  t.false(text.includes("gradescope-secret-99"));
});

test.serial(`a FIFO named like an exercise file does not hang the grader: scores exactly ${FULL - filePoints("01_similarity.ts")}`, async (t) => {
  const { results } = await run(writeFinished(root), "", {}, (sub) => {
    rmSync(path.join(sub, "01_similarity.ts"));
    spawnSync("mkfifo", [path.join(sub, "01_similarity.ts")]);
  });
  t.is(results.score, FULL - filePoints("01_similarity.ts"));
  t.regex(results.tests.find((x) => x.name.startsWith("dot"))!.output, /01_similarity\.ts is a FIFO/);
});

test.serial("the watchdog: a grader that runs past AUTOGRADER_TIMEOUT is stopped and results.json says so", async (t) => {
  const dir = submission(Object.fromEntries(["01_similarity.ts", "02_self_attention.ts"].map((f) => [f, `for (;;) { /* hang */ }\n${finished(f)}`])));
  const t0 = performance.now();
  const { results } = await run(dir, "", { AUTOGRADER_TIMEOUT: "2" });
  t.is(results.score, 0);
  t.regex(results.output, /^The autograder itself failed and was stopped after 2 s\./);
  t.true(performance.now() - t0 < 20_000);
});

test.serial("an internal failure still writes a valid results.json that says what failed", async (t) => {
  const cases = path.join(ag, "source", "grader", "cases", "public.json");
  const saved = readFileSync(cases, "utf8");
  writeFileSync(cases, "{ not json");
  try {
    const { results } = await run(writeFinished(root));
    t.is(results.score, 0);
    t.regex(results.output, /^The autograder itself failed \(.*JSON.*\)/);
    t.is(results.tests.length, 2 * COUNT);
    t.regex(results.tests[0].output, /^grader error: .*JSON/);
  } finally {
    writeFileSync(cases, saved);
  }
  // without node_modules nothing of the grader can start: run_autograder writes the results.json itself
  rmSync(path.join(ag, "source", "node_modules"));
  try {
    const { results } = await run(writeFinished(root));
    t.is(results.score, 0);
    t.regex(results.output, /failed before it could grade \(exit code 127\)/);
  } finally {
    symlinkSync(path.join(root, "node_modules"), path.join(ag, "source", "node_modules"));
  }
});
