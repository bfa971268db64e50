// `npm run generate`: from solutions/*.ts (reference bodies with their declarations beside them) writes
// exercises/*.ts (markers → stubs, declarations out), grader/manifest.ts (points, hints, imports, checks) and
// grader/cases/public.json (public inputs with the reference outputs). Run it after changing a solution; a test
// checks all three are current.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { MarkerError } from "../grader/markers.js";
import { generateExercises, generateManifest, generatePublicCases } from "../grader/generate.js";
import { scriptOptions } from "./options.js";

scriptOptions("generate", {}); // takes no options: refuses any

const root = path.resolve(import.meta.dirname, "..");
const manifestPath = path.join(root, "grader", "manifest.ts");
try {
  writeFileSync(manifestPath, generateManifest(root));
  console.log("[generate] grader/manifest.ts");
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
