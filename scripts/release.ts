// `npm run release -- OUT`: the student bundle — lib, notebooks, exercises, public cases, the grader (public
// mode), package files and a student README. No solutions, no reference module, nothing about hidden cases.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = process.argv[2];
if (!out) { console.error("[release] usage: npm run release -- OUT_FOLDER"); process.exit(2); }
const dest = path.resolve(out);
if (dest === root || dest.startsWith(root + path.sep) && !dest.startsWith(path.join(root, ".out"))) {
  console.error(`[release] ${out} is inside the course repository; choose a folder outside it (or under .out/)`);
  process.exit(2);
}
if (existsSync(dest) && readdirSync(dest).length > 0) { console.error(`[release] ${out} exists and is not empty`); process.exit(2); }

// Instructor-only files: the reference solutions and whatever reads them.
const instructorOnly = new Set(["grader/reference.ts", "grader/generate.ts", "grader/markers.ts", "grader/hostile.ts", "scripts/generate.ts", "scripts/release.ts", "scripts/test.ts", "scripts/bench.ts", "scripts/bench_grader.ts", "scripts/bench_train.ts", "scripts/bench_kernel.ts",
  "scripts/bench_numpy.py", "scripts/autograder.ts", "scripts/stress_grader.ts", "grader/gradescope", "scripts/site.ts"]);
const copy = (rel: string) => cpSync(path.join(root, rel), path.join(dest, rel), {
  recursive: true,
  filter: (src) => !instructorOnly.has(path.relative(root, src)),
});
mkdirSync(dest, { recursive: true });
for (const rel of ["lib", "notebooks", "exercises", "grader", ".jupyter", "kernel", "scripts", "tsconfig.json", "package-lock.json"]) copy(rel); // kernel/: what .jupyter's kernelspec starts

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const keep = ["prestart", "start", "pregrade", "grade", "pretrain", "train", "pretranslate", "translate", "typecheck"];
pkg.scripts = Object.fromEntries(Object.entries(pkg.scripts as Record<string, string>).filter(([k]) => keep.includes(k)));
pkg.name = `${pkg.name}-student`;
writeFileSync(path.join(dest, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
const tsconfig = JSON.parse(readFileSync(path.join(root, "tsconfig.json"), "utf8"));
tsconfig.include = ["lib", "scripts", "grader", "exercises"];
writeFileSync(path.join(dest, "tsconfig.json"), JSON.stringify(tsconfig, null, 2) + "\n");
writeFileSync(path.join(dest, "README.md"), readFileSync(path.join(root, "grader", "STUDENT_README.md"), "utf8"));
console.log(`[release] wrote the student bundle to ${dest}`);
