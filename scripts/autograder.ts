// `npm run autograder -- OUT`: OUT/autograder.zip for Gradescope ("Configure Autograder" → zip upload).
// Root of the zip: setup.sh and run_autograder (grader/gradescope/), then what grading needs — lib, grader,
// solutions (hidden cases are computed from them), the public cases, package.json + package-lock.json.
// No node_modules: setup.sh installs the pinned set while Gradescope builds the image.
import { $ } from "zx";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { aptInstall, canAptInstall } from "../env/apt.js";
import { defaultSecretPath, loadSecret } from "../grader/variant.js";
import { scriptOptions } from "./options.js";

const root = path.resolve(import.meta.dirname, "..");
const out = scriptOptions("autograder", {}, 1)._[0];
if (!out) { console.error("[autograder] usage: npm run autograder -- OUT_FOLDER"); process.exit(2); }
const zipFile = path.join(path.resolve(out), "autograder.zip");

if ((await $({ nothrow: true, quiet: true })`which zip`).exitCode !== 0) {
  if (!canAptInstall()) { console.error("[autograder] the zip command is missing; install it (apt-get install zip) and run again"); process.exit(2); }
  await aptInstall(["zip"], "building autograder.zip needs zip");
}

// the assignment secret travels in the zip (grader/secret): Gradescope grades each student against their variant
loadSecret(defaultSecretPath(root));
const stage = mkdtempSync(path.join(os.tmpdir(), "attention-kit-autograder-"));
try {
  const skip = (src: string) => !/(^|\/)(node_modules|\.out)(\/|$)/.test(path.relative(root, src));
  for (const rel of ["lib", "grader", "solutions", "package.json", "package-lock.json", "tsconfig.json"]) {
    cpSync(path.join(root, rel), path.join(stage, rel), { recursive: true, filter: skip });
  }
  for (const f of ["setup.sh", "run_autograder"]) {
    copyFileSync(path.join(root, "grader", "gradescope", f), path.join(stage, f));
    chmodSync(path.join(stage, f), 0o755);
  }
  mkdirSync(path.dirname(zipFile), { recursive: true });
  if (existsSync(zipFile)) rmSync(zipFile);
  await $({ cwd: stage, quiet: true })`zip -q -r -X ${zipFile} .`;
  const list = (await $({ quiet: true })`unzip -Z1 ${zipFile}`).stdout.trim().split("\n");
  console.log(`[autograder] wrote ${zipFile}: ${list.length} entries, ${(statSync(zipFile).size / 1024).toFixed(0)} KB`);
  console.log("[autograder] upload it on Gradescope: assignment → Configure Autograder → Zip file upload (Ubuntu base image)");
} finally {
  rmSync(stage, { recursive: true, force: true });
}
