// @ts-check
// Runs inside the sandbox: `node --experimental-permission --allow-fs-read=<this file> --allow-fs-read=<bundle>`,
// so the submission cannot write files, start processes or read the reference data. Plain JavaScript, because
// a TypeScript loader would need to spawn esbuild. The parent sends the cases; this only calls and reports.
const bundle = process.argv[2];

/** Matrix-like results become number[][]; typed arrays become arrays; objects are walked. */
function normalize(v) {
  if (v && typeof v === "object") {
    if (typeof v.toArray === "function" && typeof v.rows === "number") return v.toArray();
    if (ArrayBuffer.isView(v)) return Array.from(/** @type {Float64Array} */ (v));
    if (Array.isArray(v)) return v.map(normalize);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  }
  return v;
}

const send = (msg) => new Promise((resolve) => process.send?.(msg, () => resolve(undefined)));

process.on("message", async (/** @type {{ exercises: { name: string, cases: unknown[][] }[] }} */ job) => {
  let mod;
  try {
    mod = await import(bundle);
  } catch (e) {
    await send({ type: "import-error", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    process.exit(0);
  }
  for (const { name, cases } of job.exercises) {
    await send({ type: "start", name });
    const f = mod[name];
    if (typeof f !== "function") {
      await send({ type: "result", name, missing: true, outcomes: [] });
      continue;
    }
    const outcomes = [];
    for (const args of cases) {
      try {
        outcomes.push({ ok: true, value: normalize(await f(...args)) });
      } catch (e) {
        outcomes.push({ ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    }
    await send({ type: "result", name, outcomes });
  }
  await send({ type: "done" });
  process.exit(0);
});
