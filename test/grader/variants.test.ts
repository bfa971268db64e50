// Per-student variants (issue 18): public cases and design targets come from the student id and the assignment
// secret; a design answer copied from another student's variant fails; every entry point grades the student's own.
import test from "ava";
import { $ } from "zx";
import { existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { finishedFile, generatePublicCases, PUBLIC_DRAWN, PUBLIC_SEED, writeFinished } from "../../grader/generate.js";
import { loadSecret, studentVariant } from "../../grader/variant.js";
import { exerciseSeed, parsePublicCases } from "../../grader/cases.js";
import { gradeSubmission } from "../../grader/grade.js";
import { gradescopeStudent } from "../../grader/gradescope/metadata.js";
import { declarationOf, drawCases, solutionLessons } from "../../grader/reference.js";
import { Rng } from "../../lib/index.js";
import { checkItToStreet, streetTarget, STREET_TARGETS } from "../../grader/spec/street_check.js";

const root = path.resolve(import.meta.dirname, "../..");
const SECRET = "variants-test-secret-0123456789";
const tmp = (what: string) => mkdtempSync(path.join(os.tmpdir(), `attention-kit-${what}-`));
const casesOf = (id: string) => parsePublicCases(generatePublicCases(studentVariant(id, SECRET)));
const targetOf = (id: string) => streetTarget(studentVariant(id, SECRET).variant);
/** Two students whose itToStreet targets differ (found among a few ids, so the test does not depend on one hash). */
const [ada, bob] = (() => {
  const ids = Array.from({ length: 20 }, (_, i) => `student-${i}`);
  const other = ids.find((id) => JSON.stringify(targetOf(id)) !== JSON.stringify(targetOf(ids[0])))!;
  return [ids[0], other];
})();
const shapes = (v: unknown): unknown => (Array.isArray(v) ? [v.length, ...(v.length && Array.isArray(v[0]) ? [shapes(v[0])] : [])] : typeof v);

test("a variant is a function of id and secret: the same pair gives the same, another id or secret another", (t) => {
  t.deepEqual(studentVariant(ada, SECRET), studentVariant(ada, SECRET));
  t.not(studentVariant(ada, SECRET).seed, studentVariant(bob, SECRET).seed);
  t.not(studentVariant(ada, SECRET).seed, studentVariant(ada, `${SECRET}!`).seed);
  t.not(studentVariant(ada, SECRET).variant, 0, "never the course's own variant");
  t.throws(() => studentVariant("a/b", SECRET), { message: /studentVariant: the student id "a\/b"/ });
  t.throws(() => studentVariant("", SECRET), { message: /studentVariant/ });
});

test("two students' public cases differ in values and in shapes; the course's own stay the committed file", (t) => {
  const a = casesOf(ada), b = casesOf(bob);
  t.is(a.student, ada);
  t.is(b.variant, studentVariant(bob, SECRET).variant);
  const keys = Object.keys(a.cases);
  const differing = keys.filter((k) => JSON.stringify(a.cases[k]) !== JSON.stringify(b.cases[k]));
  // every exercise with drawn inputs differs; itToStreet has none (its variant is its target, not its inputs),
  // nor has a prediction about the notebook's one trained model (leapDayIsReal)
  t.deepEqual(keys.filter((k) => !differing.includes(k)), ["02_self_attention.ts#itToStreet", "06_applications.ts#leapDayIsReal"]);
  t.true(keys.some((k) => JSON.stringify(a.cases[k].map((c) => shapes(c.args))) !== JSON.stringify(b.cases[k].map((c) => shapes(c.args)))), "some shapes differ");
  t.is(generatePublicCases(), readFileSync(path.join(root, "grader", "cases", "public.json"), "utf8"));
});

test("every itToStreet variant has a right answer, and no answer fits another variant's target", (t) => {
  const { answer } = declarationOf({ file: "02_self_attention.ts", name: "itToStreet" });
  for (let v = 0; v < STREET_TARGETS.length; v++) {
    for (let w = 0; w < STREET_TARGETS.length; w++) {
      const problem = checkItToStreet([], answer!(v), w);
      if (v === w) t.is(problem, null, `variant ${v}`);
      else t.regex(problem ?? "", new RegExp(`^"${STREET_TARGETS[w].query}" gives "${STREET_TARGETS[w].target}" weight`), `${v} against ${w}`);
    }
  }
});

test.serial("a design answer copied from another student's variant fails that student's public and hidden cases", async (t) => {
  const vAda = studentVariant(ada, SECRET).variant;
  const dir = writeFinished(root, undefined, ["02_self_attention.ts"], vAda); // ada's finished file
  const grade = (id: string) => gradeSubmission(dir, { publicCases: casesOf(id), hidden: { seed: 11, count: 3 }, only: "02" });
  const own = await grade(ada);
  t.deepEqual(own.exercises.filter((e) => !e.public.passed || !e.hidden!.passed).map((e) => e.name), [], "ada's answer passes as ada");
  const copied = (await grade(bob)).exercises.find((e) => e.name === "itToStreet")!;
  t.false(copied.hidden!.passed, "hidden cases of bob's variant");
  t.false(copied.public.passed);
  const { query, target } = targetOf(bob);
  t.regex(copied.hidden!.output, new RegExp(`"${query}" gives "${target}" weight`), "the feedback names bob's own words");
});

test.serial("npm run grade -- --student ID grades as that student; a batch takes each folder name as the id", async (t) => {
  const out = tmp("variant-cli"), secret = path.join(out, "secret");
  writeFileSync(secret, `${SECRET}\n`);
  const adaDir = writeFinished(root, path.join(out, "batch", ada), ["02_self_attention.ts"], studentVariant(ada, SECRET).variant);
  const asAda = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --submission ${adaDir} --student ${ada} --secret ${secret} --only 02 --timeout 30`;
  t.is(asAda.exitCode, 0, asAda.stderr);
  t.regex(asAda.stdout, new RegExp(`graded as student ${ada}`));
  t.regex(asAda.stdout, /✓ itToStreet/);
  // bob hands in ada's file: in the batch he is graded against his own variant
  writeFinished(root, path.join(out, "batch", bob), ["02_self_attention.ts"], studentVariant(ada, SECRET).variant);
  const b = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --batch ${path.join(out, "batch")} --csv ${path.join(out, "grades.csv")} --secret ${secret} --only 02 --timeout 30`;
  t.is(b.exitCode, 0, b.stderr);
  const rows = readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
  const col = rows[0].indexOf("02_self_attention:itToStreet");
  t.deepEqual(rows.slice(1).map((r) => [r[0], r[col]]), [[ada, "2"], [bob, "0"]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
});

test.serial("release --student: that student's text and public cases, never the secret; its grade shows them", async (t) => {
  const base = tmp("variant-release"), out = path.join(base, "bundle"), secret = path.join(base, "secret");
  writeFileSync(secret, `${SECRET}\n`);
  const rel = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/release.ts ${out} --student ${bob} --secret ${secret}`;
  t.is(rel.exitCode, 0, rel.stderr);
  t.false(existsSync(path.join(out, "grader", "secret")));
  t.is(readFileSync(path.join(out, "grader", "cases", "public.json"), "utf8"), generatePublicCases(studentVariant(bob, SECRET)));
  const { query, target } = targetOf(bob);
  t.true(readFileSync(path.join(out, "exercises", "02_self_attention.ts"), "utf8").includes(`the query "${query}" puts its largest weight`));
  t.true(readFileSync(path.join(out, "exercises", "02_self_attention.ts"), "utf8").includes(`on "${target}"`));
  t.false(JSON.stringify(readFileSync(path.join(out, "grader", "cases", "public.json"), "utf8")).includes(SECRET));
  symlinkSync(path.join(root, "node_modules"), path.join(out, "node_modules"));
  const mine = await $({ cwd: out, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --only 02`;
  t.is(mine.exitCode, 0, mine.stderr);
  t.regex(mine.stdout, new RegExp(`the public cases of student ${bob}`));
  const other = await $({ cwd: out, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --only 02 --student ${ada}`;
  t.is(other.exitCode, 2);
  t.regex(other.stderr, new RegExp(`--student ${ada}: this copy of the course holds the cases of student ${bob}`));
  const unknown = await $({ cwd: root, nothrow: true, quiet: true })`npx tsx scripts/release.ts ${path.join(base, "b2")} --studnet ${bob}`;
  t.is(unknown.exitCode, 2);
  t.regex(unknown.stderr, /unknown option --studnet; valid options: --student VALUE, --secret VALUE/);
});

test("the secret is made on first use, readable by its owner only, and kept after", (t) => {
  const file = path.join(tmp("secret"), "grader", "secret");
  const first = loadSecret(file);
  t.regex(first, /^[0-9a-f]{64}$/);
  t.is(statSync(file).mode & 0o777, 0o600);
  t.is(loadSecret(file), first);
  t.throws(() => loadSecret(path.join(tmp("nosecret"), "secret"), { create: false }), { message: /loadSecret: .* does not exist/ });
});

test("Gradescope: the student is the first user id of submission_metadata.json", (t) => {
  const dir = tmp("metadata");
  const file = path.join(dir, "submission_metadata.json");
  t.is(gradescopeStudent(file), undefined);
  writeFileSync(file, JSON.stringify({ id: 1, users: [{ email: "a@example.com", id: 1234, name: "A" }, { id: 99 }] }));
  t.is(gradescopeStudent(file), "1234");
  writeFileSync(file, JSON.stringify({ users: [] }));
  t.throws(() => gradescopeStudent(file), { message: /has no users\[0\]\.id/ });
  writeFileSync(file, "{ not json");
  t.throws(() => gradescopeStudent(file), { message: /is not JSON/ });
});

test("a finished file of a variant differs from the course's only in the design answer and its words", (t) => {
  const v = studentVariant(bob, SECRET).variant;
  const course = finishedFile(root, "02_self_attention.ts").split("\n"), student = finishedFile(root, "02_self_attention.ts", v).split("\n");
  const changed = student.filter((l) => !course.includes(l));
  t.true(changed.length >= 2 && changed.length <= 4, changed.join("\n"));
});

test("each exercise draws from its own stream: its public cases do not depend on the exercises before it", (t) => {
  const committed = parsePublicCases(readFileSync(path.join(root, "grader", "cases", "public.json"), "utf8"));
  const all = solutionLessons.flatMap((l) => l.exercises.map((e) => ({ file: l.file, name: e.name })));
  t.true(all.length > 20);
  // drawn alone and last-to-first, each exercise gets the cases the committed file holds
  for (const ex of [...all].reverse()) {
    const alone = drawCases(ex, new Rng(exerciseSeed(PUBLIC_SEED, ex)), PUBLIC_DRAWN, true);
    t.deepEqual(committed.cases[`${ex.file}#${ex.name}`].map((c) => c.args), alone, `${ex.file}#${ex.name}`);
  }
  t.is(new Set(all.map((ex) => exerciseSeed(PUBLIC_SEED, ex))).size, all.length, "every exercise has a stream of its own");
});
