// What `npm run generate` writes, as pure functions so a test can compare them with the committed files. The one
// source is solutions/*.ts: reference bodies with their declarations (declare.ts) beside them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ManifestLesson } from "./exercises.js";
import { exerciseHeader, stripSolutions } from "./markers.js";
import { solutionLessons, type SolutionLesson } from "./reference.js";
import { stripDeclarations } from "./strip_declarations.js";
import { checks } from "./spec/checks.js";
import type { Kind } from "./spec/declare.js";

export { generatePublicCases, PUBLIC_DRAWN, PUBLIC_SEED } from "./public_cases.js";

const KIND_NOTE: Record<Kind, string> = {
  core: "", design: ", design", interpretation: ", interpretation",
  predict: ", predict",
  stretch: ", stretch: its points are extra, added to your score but not to the maximum",
};
const and = (names: string[]) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);
const lessonOf = (file: string): SolutionLesson => {
  const l = solutionLessons.find((x) => x.file === file);
  if (!l) throw new Error(`generate: solutions/${file} declares no lesson`);
  return l;
};

/**
 * The prose a student reads, derived from the declarations: under the file's first line, the allowed imports
 * and which exercises are design exercises; on each exercise's first doc line `name.` becomes
 * `2.5 · name (2 points, design).`
 */
function withProse(text: string, l: SolutionLesson, variant: number): string {
  const lessonNo = Number(l.file.slice(0, 2));
  const number = (i: number) => `${lessonNo}.${i + 1}`;
  const designs = l.exercises.flatMap((e, i) => (e.declaration.kind === "design" ? [number(i)] : []));
  const header = [
    l.imports.length === 0 ? "// Allowed imports: none — write these from scratch."
      : `// Allowed imports from "../lib/index.js": ${and(l.imports)}${l.imports.includes("matmul") ? " (matmul returns a Matrix: use .toArray())" : ""}.`,
    ...(designs.length === 0 ? [] : designs.length === 1
      ? [`// ${designs[0]} is a design exercise: many answers are right, and the grader checks the property it asks for.`]
      : [`// ${and(designs)} are design exercises: many answers are right, and the grader checks the property they ask for.`]),
  ];
  const [first, ...rest] = text.split("\n");
  let out = [first, ...header, ...rest].join("\n");
  l.exercises.forEach((e, i) => {
    const { points, kind = "core" } = e.declaration;
    const at = new RegExp(`^ \\* ${e.name}\\.(?= |$)`, "m");
    if (!at.test(out)) throw new Error(`generate: solutions/${l.file}: the doc comment of ${e.name} must start with " * ${e.name}."`);
    out = out.replace(at, ` * ${number(i)} · ${e.name} (${points} point${points === 1 ? "" : "s"}${KIND_NOTE[kind]}).`);
    // a student's variant: its words in place of the course's, within this exercise's doc comment
    const docStart = out.search(new RegExp(`^ \\* ${number(i).replace(".", "\\.")} · ${e.name} `, "m")), docEnd = out.indexOf("*/", docStart);
    for (const [from, to] of Object.entries(e.declaration.wording?.(variant) ?? {})) {
      const doc = out.slice(docStart, docEnd);
      if (!doc.includes(from)) throw new Error(`generate: solutions/${l.file}: ${e.name}'s wording names ${JSON.stringify(from)}, which its doc comment does not contain`);
      out = out.slice(0, docStart) + doc.split(from).join(to) + out.slice(docEnd);
    }
  });
  return out;
}

const source = (root: string, file: string) => readFileSync(path.join(root, "solutions", file), "utf8");

/** exercises/<file> (for `variant`, default the course's): header + the solution without declarations, each
 * marked region a stub that throws. */
export function exerciseFile(root: string, file: string, variant = 0): string {
  return exerciseHeader(file) + stripSolutions(withProse(stripDeclarations(source(root, file), file).text, lessonOf(file), variant), file);
}

/**
 * A finished submission of <file>: what a student who solved everything hands in (the reference bodies kept). In
 * a student's `variant`, a design exercise with a declared `answer` returns that variant's answer instead.
 */
export function finishedFile(root: string, file: string, variant = 0): string {
  let text = withProse(stripDeclarations(source(root, file), file).text, lessonOf(file), variant);
  for (const e of lessonOf(file).exercises) {
    if (variant === 0 || !e.declaration.answer) continue;
    const at = text.indexOf(`export function ${e.name}(`), begin = text.indexOf("// BEGIN SOLUTION", at), end = text.indexOf("// END SOLUTION", begin);
    text = `${text.slice(0, begin)}// BEGIN SOLUTION\n  return ${JSON.stringify(e.declaration.answer(variant))};\n  ${text.slice(end)}`;
  }
  return exerciseHeader(file) + text.split("\n").filter((l) => !/^\s*\/\/ (BEGIN|END) SOLUTION\s*$/.test(l)).join("\n");
}

/**
 * Writes finishedFile of every lesson (or of `files`) into `dir` (created if missing; default a fresh temporary
 * folder) and returns `dir`: the solutions as a student hands them in, since solutions/*.ts carry declarations
 * that a submission may not import.
 */
export function writeFinished(root: string, dir = mkdtempSync(path.join(os.tmpdir(), "attention-kit-finished-")), files = solutionLessons.map((l) => l.file), variant = 0): string {
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(path.join(dir, f), finishedFile(root, f, variant));
  return dir;
}

/** exercises/<file> for every solution file, in the course's variant or a student's. */
export function generateExercises(root: string, variant = 0): Map<string, string> {
  return new Map(solutionLessons.map((l) => [l.file, exerciseFile(root, l.file, variant)]));
}

/** grader/manifest.ts: what the grader and the student release know of each exercise (no solution, no generator). */
export function generateManifest(root: string): string {
  const lessons: ManifestLesson[] = solutionLessons.map((l) => {
    const { params } = stripDeclarations(source(root, l.file), l.file);
    return {
      file: l.file, imports: l.imports,
      exercises: l.exercises.map(({ name, declaration: d }) => {
        const check = d.check && Object.keys(checks).find((k) => checks[k] === d.check);
        if (d.check && !check) throw new Error(`generate: the check of ${l.file}#${name} is not one of grader/spec/checks.ts`);
        if ((d.kind === "design") !== !!d.check) throw new Error(`generate: ${l.file}#${name}: a design exercise has a check, and only a design exercise`);
        return { name, params: params.get(name) ?? [], points: d.points, title: d.title, kind: d.kind ?? "core", hint: d.hint, ...(check ? { check } : {}) };
      }),
    };
  });
  const body = lessons.map((l) => `  {\n    file: ${JSON.stringify(l.file)}, imports: ${JSON.stringify(l.imports)},\n    exercises: [\n${
    l.exercises.map((e) => `      ${JSON.stringify(e)},`).join("\n")}\n    ],\n  },`).join("\n");
  return "// Generated by `npm run generate` from the declarations in solutions/*.ts (see grader/spec/declare.ts): do not edit.\n" +
    `import type { ManifestLesson } from "./exercises.js";\n\nexport const manifest: ManifestLesson[] = [\n${body}\n];\n`;
}
