// `npm run generate`: writes exercises/*.ts from solutions/*.ts (markers → stubs) and grader/cases/public.json
// (public inputs with the reference outputs). Run it after changing a solution; a test checks both are current.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateExercises, generatePublicCases } from "../grader/generate.js";
import { MarkerError } from "../grader/markers.js";

const root = path.resolve(import.meta.dirname, "..");
try {
  for (const [file, text] of generateExercises(root)) {
    writeFileSync(path.join(root, "exercises", file), text);
    console.log(`[generate] exercises/${file}`);
  }
  writeFileSync(path.join(root, "grader", "cases", "public.json"), generatePublicCases());
  console.log("[generate] grader/cases/public.json");
} catch (e) {
  if (e instanceof MarkerError) { console.error(`[generate] ${e.message}`); process.exit(1); }
  throw e;
}
