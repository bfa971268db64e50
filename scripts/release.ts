// `npm run release -- OUT [--student ID] [--secret FILE]`: the student bundle — lib, cell (how a cell becomes code, for the kernel), notebooks, exercises, public
// cases, the grader (public mode), package files and a student README. No solutions, no reference module, nothing
// about hidden cases, never the assignment secret. With --student: that student's bundle, whose exercises/ text
// and public cases are their variant (grader/variant.ts; the secret defaults to grader/secret, made on first use).
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { scriptOptions } from "./options.js";
import { courseRoot } from "../grader/course_root.js";

const options = scriptOptions("release", { student: "value", secret: "value" }, 1);
const root = courseRoot;
const usage = "usage: npm run release -- OUT_FOLDER [--student ID] [--secret FILE]";
const fail = (msg: string): never => { console.error(`[release] ${msg}`); process.exit(2); };
if (options._.length !== 1) fail(usage);
const out = options._[0];
const dest = path.resolve(out);
if (dest === root || dest.startsWith(root + path.sep) && !dest.startsWith(path.join(root, ".out"))) {
  console.error(`[release] ${out} is inside the course repository; choose a folder outside it (or under .out/)`);
  process.exit(2);
}
if (existsSync(dest) && readdirSync(dest).length > 0) { console.error(`[release] ${out} exists and is not empty`); process.exit(2); }

// Instructor-only files: the reference solutions and whatever reads them.
const instructorOnly = new Set(["grader/reference.ts", "grader/generate.ts", "grader/public_cases.ts", "grader/markers.ts", "grader/hostile.ts", "grader/strip_declarations.ts", "grader/spec/draw.ts", "grader/spec/hint_text.ts", "scripts/generate.ts", "scripts/release.ts", "scripts/test.ts", "scripts/bench.ts", "scripts/bench_grader.ts", "scripts/bench_train.ts", "scripts/bench_kernel.ts", "scripts/bench_site.ts",
  "scripts/bench_numpy.py", "scripts/autograder.ts", "scripts/stress_grader.ts", "grader/gradescope", "scripts/site.ts", "grader/secret"]);
const copy = (rel: string) => cpSync(path.join(root, rel), path.join(dest, rel), {
  recursive: true,
  filter: (src) => !instructorOnly.has(path.relative(root, src)),
});
mkdirSync(dest, { recursive: true });
for (const rel of ["lib", "cell", "notebooks", "exercises", "grader", "env", "requirements", "kernel", "scripts", "tsconfig.json", "package-lock.json"]) copy(rel); // env/ + requirements/: the .venv and kernelspec npm start makes

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const keep = ["prestart", "start", "pregrade", "grade", "pretrain", "train", "pretranslate", "translate", "typecheck"];
pkg.scripts = Object.fromEntries(Object.entries(pkg.scripts as Record<string, string>).filter(([k]) => keep.includes(k)));
pkg.name = `${pkg.name}-student`;
writeFileSync(path.join(dest, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
const tsconfig = JSON.parse(readFileSync(path.join(root, "tsconfig.json"), "utf8"));
tsconfig.include = ["lib", "env", "scripts", "grader", "exercises"];
writeFileSync(path.join(dest, "tsconfig.json"), JSON.stringify(tsconfig, null, 2) + "\n");
writeFileSync(path.join(dest, "README.md"), readFileSync(path.join(root, "grader", "STUDENT_README.md"), "utf8"));
if (options.student !== undefined) {
  // that student's variant: their exercise text and public cases replace the course's
  const { loadSecret, studentVariant } = await import("../grader/variant.js");
  const { generateExercises, generatePublicCases } = await import("../grader/generate.js");
  const v = (() => {
    try { return studentVariant(options.student, loadSecret(path.resolve(options.secret ?? path.join(root, "grader", "secret")))); } catch (e) { return fail((e as Error).message); }
  })();
  for (const [file, text] of generateExercises(root, v.variant)) writeFileSync(path.join(dest, "exercises", file), text);
  writeFileSync(path.join(dest, "grader", "cases", "public.json"), generatePublicCases(v));
  console.log(`[release] the exercises and public cases are student ${options.student}'s variant`);
}
console.log(`[release] wrote the student bundle to ${dest}`);
