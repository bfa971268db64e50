// One course root for the grader, the checker process, the sandbox, the cases and the site build: found from
// grader/course_root.ts, never from the working folder, so `npm run grade` works from anywhere.
import test from "ava";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import { courseRoot, courseRootOf } from "../../grader/course_root.js";
import { finished } from "../../grader/hostile.js";
import { filePoints } from "./points.js";

const root = path.resolve(import.meta.dirname, "../..");

test("courseRoot is the folder above grader/, from the module's URL; /course in the page's worker", (t) => {
  t.is(courseRoot, root);
  t.is(courseRootOf("file:///home/ada/attention%20kit/grader/course_root.ts"), "/home/ada/attention kit");
  t.is(courseRootOf(undefined), "/course");
  t.is(courseRootOf("blob:null/abc"), "/course");
});

test("npm run grade from a folder that is not the course: the exercises downloaded from the page, graded with the course's own cases", async (t) => {
  const away = mkdtempSync(path.join(os.tmpdir(), "attention-kit-away-"));
  try {
    // what the page's "Download my exercises" zip holds: exercises/NN_x.ts, nothing else
    mkdirSync(path.join(away, "exercises"));
    writeFileSync(path.join(away, "exercises", "01_similarity.ts"), finished("01_similarity.ts"));
    const r = await $({ cwd: away, nothrow: true, quiet: true })`${path.join(root, "node_modules", ".bin", "tsx")} ${path.join(root, "scripts", "grade.ts")} --submission exercises --only 01 --timeout 30`;
    t.is(r.exitCode, 0, r.stderr);
    t.notRegex(r.stdout, /could not be read|failed to compile|does not type-check|grader error/, r.stdout);
    const full = filePoints("01_similarity.ts");
    t.regex(r.stdout, new RegExp(`\\b${full} / ${full}\\b`), r.stdout);
  } finally {
    rmSync(away, { recursive: true, force: true });
  }
});
