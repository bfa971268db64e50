// `npm run site -- OUT [--executed DIR]`: the course as a static site (site/build.ts). Without --executed,
// every notebook is executed first (~10 s); with it, the executed notebooks in DIR are used as they are.
import { mkdtempSync, rmSync, statSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSite, executeNotebooks } from "../site/build.js";
import { scriptOptions } from "./options.js";

const { executed, _: [out] } = scriptOptions("site", { executed: "value" }, 1);
if (!out) {
  console.error("usage: npm run site -- OUT [--executed DIR]");
  process.exit(2);
}
const t0 = performance.now();
const dir = executed ? path.resolve(executed) : mkdtempSync(path.join(os.tmpdir(), "site-executed-"));
try {
  if (!executed) {
    console.log("executing every notebook…");
    await executeNotebooks(dir);
  }
  const { pages } = await buildSite(path.resolve(out), dir);
  const size = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? size(path.join(d, e.name)) : statSync(path.join(d, e.name)).size), 0);
  console.log(`${pages.length} lessons + index.html + explorer.html → ${out} (${(size(out) / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} finally {
  if (!executed) rmSync(dir, { recursive: true, force: true });
}
