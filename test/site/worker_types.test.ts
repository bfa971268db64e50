// The browser side of the site (site/worker/, DOM and Web Worker code) type-checks under its own tsconfig:
// the root tsconfig is Node's and does not include site/.
import test from "ava";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { root } from "../../site/build.js";

test("site/worker type-checks (tsc -p site/worker/tsconfig.json)", (t) => {
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  let out = "";
  try { execFileSync(process.execPath, [tsc, "-p", path.join(root, "site", "worker", "tsconfig.json"), "--noEmit"], { encoding: "utf8" }); } catch (e) { out = String((e as { stdout?: string }).stdout ?? e); }
  t.is(out, "");
});
