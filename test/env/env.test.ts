// The environment module: what a machine without Python is told, and the kernelspec .venv gets.
import test from "ava";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { basePython } from "../../env/python.js";
import { kernelSpec, kernelName } from "../../env/jupyter.js";

/** basePython with PATH holding only a fake `python3` (a shell script), or no python3 at all. */
async function withFakePython(script: string | null): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fake-python-"));
  if (script !== null) {
    writeFileSync(path.join(dir, "python3"), `#!/bin/sh\n${script}\n`);
    chmodSync(path.join(dir, "python3"), 0o755);
  }
  const saved = { PATH: process.env.PATH, PYTHON: process.env.PYTHON };
  process.env.PATH = dir;
  delete process.env.PYTHON;
  try {
    return (await basePython()).join(" ");
  } catch (e) {
    return (e as Error).message;
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.PYTHON !== undefined) process.env.PYTHON = saved.PYTHON;
  }
}

const FIXES = ["sudo apt-get install -y python3 python3-venv", "brew install python", "winget install Python.Python.3.12"];

test.serial("no python3 on PATH: one message naming the fix for Debian/Ubuntu, macOS and Windows", async (t) => {
  const msg = await withFakePython(null);
  t.true(msg.startsWith("python3 was not found; "), msg);
  for (const fix of FIXES) t.true(msg.includes(fix), fix);
});

test.serial("python3 without venv/ensurepip (Debian's python3 alone) is named as such", async (t) => {
  const msg = await withFakePython('echo "ModuleNotFoundError: No module named \'ensurepip\'" >&2; exit 1');
  t.true(msg.startsWith("python3 has no venv module (ensurepip); "), msg);
});

test.serial("a python3 older than the lock allows is refused with its version", async (t) => {
  t.true((await withFakePython("echo 3.8")).startsWith("python3 is Python 3.8; "));
  t.is(await withFakePython("echo 3.12"), "python3");
});

test("the kernelspec runs this Node on kernel/start.mjs, by absolute paths", (t) => {
  const spec = kernelSpec() as { argv: string[]; display_name: string };
  t.true(path.isAbsolute(spec.argv[0]) && existsSync(spec.argv[0]));
  t.true(existsSync(spec.argv[1]) && spec.argv[1].endsWith(path.join("kernel", "start.mjs")));
  t.deepEqual(spec.argv.slice(2), ["{connection_file}"]);
  t.is(spec.display_name, "TypeScript (attention kit)");
  t.is(kernelName, "tslab-attention"); // the name the committed notebooks ask for
});
