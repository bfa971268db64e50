// CI clones the course into a private `mktemp -d` folder (mode 700). As root each child runs under a uid of its own,
// which cannot search that folder: the sandbox must still hand it child.mjs (grader/sandbox.ts copies it out).
import test from "ava";
import { cpSync, mkdtempSync, rmSync, symlinkSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import { writeFinished } from "../../grader/generate.js";
import { dropsPrivileges } from "../../grader/sandbox.js";
import { filePoints } from "./points.js";

const root = path.resolve(import.meta.dirname, "../..");

test("a checkout inside a folder only root can search still grades: lesson 01 scores its full points", async (t) => {
  t.timeout(180_000, "one lesson graded through the CLI; slow while the suite shares two cores");
  if (!dropsPrivileges) {
    t.log("not covered: not running as root, so children keep the grader's user and read the checkout directly");
    t.pass();
    return;
  }
  const hidden = mkdtempSync(path.join(os.tmpdir(), "attention-kit-private-"));
  try {
    t.is(statSync(hidden).mode & 0o777, 0o700); // what mktemp -d makes: others cannot search it
    // a copy, not a symlink: the kernel resolves a symlinked working directory to the real, searchable one
    const checkout = path.join(hidden, "repo");
    for (const part of ["package.json", "tsconfig.json", "grader", "scripts", "lib", "solutions", "exercises", "env"]) {
      cpSync(path.join(root, part), path.join(checkout, part), { recursive: true });
    }
    symlinkSync(path.join(root, "node_modules"), path.join(checkout, "node_modules"));
    const sub = writeFinished(root, undefined, ["01_similarity.ts"]);
    const r = await $({ cwd: checkout, nothrow: true, quiet: true })`npx tsx scripts/grade.ts --submission ${sub} --only 01`;
    t.is(r.exitCode, 0, r.stderr);
    t.notRegex(r.stdout + r.stderr, /cannot load|not searchable/);
    const full = filePoints("01_similarity.ts");
    t.regex(r.stdout, new RegExp(`\\b${full} / ${full}\\b`), r.stdout);
    rmSync(sub, { recursive: true, force: true });
  } finally {
    rmSync(hidden, { recursive: true, force: true });
  }
});
