// `--only`: which lesson's exercise file to grade, from what a student types (a lesson number or a file name).
import path from "node:path";
import { exerciseFiles } from "./exercises.js";

/**
 * The exercise file for `choice`: "01", "1", "01_similarity", "01_similarity.ts" or "exercises/01_similarity.ts"
 * all give "01_similarity.ts". Anything else throws an Error that lists the valid choices.
 * @example
 * lessonFile("2"); // => "02_self_attention.ts"
 */
export function lessonFile(choice: string): string {
  const c = path.basename(choice.trim()).replace(/\.ts$/, "");
  const found = exerciseFiles.find((f) => (/^\d+$/.test(c) ? Number(f.slice(0, 2)) === Number(c) : f === `${c}.ts`));
  if (found) return found;
  const valid = exerciseFiles.map((f) => `${f.slice(0, 2)} (${f})`).join(", ");
  throw new Error(`only: "${choice}" is not a lesson; give a lesson number or exercise file name: ${valid}`);
}
