// ES module hooks for what cells import (registered by modules.ts; they run in Node's loader thread).
// - `.ts` project files are transpiled by esbuild, the output cached on disk by path, mtime and size, so a
//   notebook opened again loads the library without transpiling it;
// - `./x.js` may name `./x.ts` (TypeScript's ESM convention); extensionless and folder imports find .ts too;
// - every project file (not under node_modules) gets `?kgen=N`: a new generation re-imports changed files
//   as fresh modules, and each load is reported (file, version) so the kernel can notice changes on disk;
// - `import "tslab"` gets lib/plot/tslab.ts: tslab's display API over the kit's display host (no tslab, whose
//   module would load its own TypeScript and look for its own kernel).
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let port, cacheDir;
let esbuild = null; // loaded on the first cache miss only
const PREFIX = "kernel-import:";
const TSLAB = new URL("../lib/plot/tslab.ts", import.meta.url).href;

export function initialize(data) {
  port = data.port;
  cacheDir = data.cacheDir;
}

const isProject = (url) => url.startsWith("file:") && !url.includes("/node_modules/");
const withGen = (url, gen) => { const u = new URL(url); u.searchParams.set("kgen", String(gen)); return u.href; };
const genOf = (url) => (url ? new URL(url).searchParams.get("kgen") : null);

async function resolveTs(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (e?.code !== "ERR_MODULE_NOT_FOUND" && e?.code !== "ERR_UNSUPPORTED_DIR_IMPORT") throw e;
    if (!/^(\.{1,2}\/|\/|file:)/.test(specifier)) throw e;
    const candidates = /\.js$/.test(specifier) ? [specifier.replace(/\.js$/, ".ts"), specifier.replace(/\.js$/, ".tsx")]
      : /\.mjs$/.test(specifier) ? [specifier.replace(/\.mjs$/, ".mts")]
      : [`${specifier}.ts`, `${specifier}.tsx`, `${specifier}/index.ts`];
    for (const c of candidates) {
      try { return await next(c, context); } catch { /* next candidate */ }
    }
    throw e;
  }
}

export async function resolve(specifier, context, next) {
  let gen = genOf(context.parentURL);
  if (specifier.startsWith(PREFIX)) {
    const req = JSON.parse(specifier.slice(PREFIX.length));
    gen = String(req.gen);
    specifier = req.specifier;
    context = { ...context, parentURL: req.parentURL };
  }
  if (specifier === "tslab") specifier = TSLAB;
  const r = await resolveTs(specifier, context, next);
  return gen !== null && isProject(r.url) ? { ...r, url: withGen(r.url, gen) } : r;
}

function transpile(file, source) {
  const st = statSync(file);
  const key = createHash("sha1").update(`${file}\0${st.mtimeMs}\0${st.size}\0v1`).digest("hex");
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    const code = readFileSync(cached, "utf8");
    try { const now = new Date(); utimesSync(cached, now, now); } catch { /* read-only: fine */ } // still in use (see pruneCache)
    return { code, version: `${st.mtimeMs}:${st.size}` };
  } catch { /* miss */ }
  esbuild ??= createRequire(import.meta.url)("esbuild");
  const out = esbuild.transformSync(source, { loader: file.endsWith(".tsx") ? "tsx" : "ts", format: "esm", target: "es2022", sourcemap: "inline", sourcefile: file });
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${cached}.${process.pid}`, out.code);
    renameSync(`${cached}.${process.pid}`, cached);
  } catch { /* read-only install: no cache */ }
  return { code: out.code, version: `${st.mtimeMs}:${st.size}` };
}

export async function load(url, context, next) {
  if (!isProject(url)) return next(url, context);
  const file = fileURLToPath(url);
  if (/\.(m?ts|tsx)$/.test(file)) {
    const { code, version } = transpile(file, readFileSync(file, "utf8"));
    port?.postMessage({ file, version });
    return { format: "module", source: code, shortCircuit: true };
  }
  const r = await next(url, context);
  try { const st = statSync(file); port?.postMessage({ file, version: `${st.mtimeMs}:${st.size}` }); } catch { /* gone */ }
  return r;
}
