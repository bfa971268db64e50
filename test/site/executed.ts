// The executed notebooks the site tests build from: a copy of the notebook test's .out/executed/ when every
// notebook there parses and is newer than its source, else executed afresh (~10 s idle) into `dir`.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { executeNotebooks, notebookNames, root } from "../../site/build.js";

/** Fills `dir`; returns true when the notebook test's copies were reused. */
export async function executedNotebooks(dir: string): Promise<boolean> {
  const from = path.join(root, ".out", "executed");
  mkdirSync(dir, { recursive: true });
  try {
    for (const f of notebookNames()) {
      const src = path.join(from, f);
      if (!existsSync(src) || statSync(src).mtimeMs < statSync(path.join(root, "notebooks", f)).mtimeMs) throw new Error("stale");
      copyFileSync(src, path.join(dir, f));
      JSON.parse(readFileSync(path.join(dir, f), "utf8")); // the notebook test may be rewriting it right now
    }
    return true;
  } catch {
    await executeNotebooks(dir);
    return false;
  }
}
