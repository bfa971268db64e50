// What is graded: every exercise's file, export, points, allowed imports, hint and check, read from
// grader/manifest.ts, which `npm run generate` derives from the declarations in solutions/*.ts (spec/declare.ts).
// Imports no solution, so it ships to students with the public cases; the case generators stay in reference.ts.
import { manifest } from "./manifest.js";
import { checks } from "./spec/checks.js";
import type { Hint, Kind } from "./spec/declare.js";

export interface Exercise {
  file: string; // e.g. "01_similarity.ts", in exercises/ or a submission folder
  name: string; // the exported function
  /** Its parameter names, for the feedback's inputs. */
  params: string[];
  points: number;
  title: string;
  kind: Kind;
  hint: Hint;
  /** A design exercise's property check (spec/declare.ts): it grades the returned value instead of the reference's output. */
  check?: (args: unknown[], value: unknown, variant?: number) => string | null;
  /** A stretch exercise: its points are extra — added to the score, not to the maximum. */
  stretch?: boolean;
}

/** One lesson of the manifest, as generate.ts writes it. */
export interface ManifestLesson {
  file: string;
  imports: string[];
  exercises: { name: string; params: string[]; points: number; title: string; kind: Kind; hint: Hint; check?: string }[];
}

/** The title a report shows: design and stretch exercises say what they are. */
const shownTitle = (kind: Kind, title: string) => (kind === "design" ? `design: ${title}` : kind === "stretch" ? `${title} (stretch)` : title);

export const exercises: Exercise[] = manifest.flatMap((l) => l.exercises.map(({ check, ...e }): Exercise => ({
  file: l.file, ...e, title: shownTitle(e.kind, e.title), ...(e.kind === "stretch" ? { stretch: true } : {}), ...(check ? { check: checks[check] } : {}),
})));

export const exerciseFiles = manifest.map((l) => l.file);

/** The exercise as a student with `variant` is graded: its check knows their targets (grader/variant.ts). */
export const withVariant = (ex: Exercise, variant = 0): Exercise =>
  (ex.check ? { ...ex, check: (args, value) => ex.check!(args, value, variant) } : ex);

/** Names a file may import from "../lib/index.js"; everything else in lib/ and anything in solutions/ is refused. */
export const allowedLibImports: Record<string, string[]> = Object.fromEntries(manifest.map((l) => [l.file, l.imports]));

export { TOLERANCE } from "./cases.js";
