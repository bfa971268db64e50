// Every script an npm script or the README runs refuses an option it does not know (issue 18), naming it and the
// valid ones, with exit code 2 and before doing any of its work (nothing on stdout).
import test from "ava";
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
const readme = readFileSync(path.join(root, "README.md"), "utf8");
/** Modules the scripts import, never run on their own. */
const libraries = new Set(["options.ts"]);
const entryPoints = readdirSync(path.join(root, "scripts")).filter((f) => f.endsWith(".ts") && !libraries.has(f));

/** Runs `npx tsx scripts/FILE --bogus-flag` with stdin closed (translate reads it); resolves with its exit and output. */
const run = (file: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
  const child = spawn("npx", ["tsx", path.join("scripts", file), "--bogus-flag"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "", stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  // a script that stops refusing would start its real work: cut it short (the assertions then fail)
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  child.on("close", (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
});

/** At most two at a time: each is a Node start-up plus tsx on a 2-core machine. */
async function runAll(files: string[]) {
  const results = new Map<string, Awaited<ReturnType<typeof run>>>();
  const queue = [...files];
  await Promise.all([0, 1].map(async () => { for (let f = queue.shift(); f; f = queue.shift()) results.set(f, await run(f)); }));
  return results;
}

test("every npm script and every script the README runs is a scripts/*.ts entry point this test covers", (t) => {
  const named = new Set<string>();
  for (const [name, command] of Object.entries(scripts)) {
    if (name.startsWith("pre") || name === "typecheck") continue; // the ensure-deps hooks; tsc refuses unknown options itself
    const files = [...command.matchAll(/\btsx (scripts\/\S+\.ts)/g)].map((m) => m[1]);
    t.true(files.length > 0, `npm run ${name} runs no scripts/*.ts: ${command}`);
    files.forEach((f) => named.add(path.basename(f)));
  }
  for (const m of readme.matchAll(/npx tsx (scripts\/\S+\.ts)/g)) named.add(path.basename(m[1]));
  for (const f of named) t.true(entryPoints.includes(f), `${f} is run but not an entry point here`);
  t.true(named.size >= 10, `only ${[...named].join(", ")} found`);
});

test("every script refuses --bogus-flag with exit code 2, naming it and the valid options, before any work", async (t) => {
  const results = await runAll(entryPoints);
  for (const [file, r] of results) {
    t.is(r.code, 2, `${file}: exit ${r.code}\n${r.stderr.slice(-500)}`);
    t.regex(r.stderr, /unknown option --bogus-flag; valid options: (--[\w-]+|none)/, file);
    t.is(r.stdout, "", `${file} printed before refusing`);
  }
  t.is(results.size, entryPoints.length);
});
