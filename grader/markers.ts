// The one-instructor-source rule (nbgrader style): solutions/*.ts hold reference bodies between
// `// BEGIN SOLUTION` and `// END SOLUTION`; the student file replaces each region with a stub that throws.

const BEGIN = /^(\s*)\/\/ BEGIN SOLUTION\s*$/;
const END = /^\s*\/\/ END SOLUTION\s*$/;
const LOOKS_LIKE_MARKER = /(BEGIN|END)\s*SOLUTION/i;
const EXPORTED_FUNCTION = /^\s*export\s+(?:async\s+)?function\s+([A-Za-z_$][\w$]*)/;

/** A malformed-marker error names the file and line, like a compiler would. */
export class MarkerError extends Error {}

/**
 * Returns the student version of `source` (the text of solutions/`file`). Throws MarkerError on a
 * nested, unclosed, unmatched or misspelled marker, or a region outside an exported function.
 *
 * @example
 * stripSolutions("export function f(): number {\n  // BEGIN SOLUTION\n  return 1;\n  // END SOLUTION\n}\n", "a.ts");
 * // => "export function f(): number {\n  throw new Error(\"not implemented yet: f (exercises/a.ts)\");\n}\n"
 */
export function stripSolutions(source: string, file: string): string {
  const out: string[] = [];
  let openAt = 0; // line number of the open BEGIN, 0 when outside a region
  let fn = "";
  source.split("\n").forEach((line, index) => {
    const n = index + 1;
    const fnMatch = line.match(EXPORTED_FUNCTION);
    if (fnMatch && !openAt) fn = fnMatch[1];
    const begin = line.match(BEGIN);
    if (begin) {
      if (openAt) throw new MarkerError(`${file}:${n}: nested BEGIN SOLUTION (the one at line ${openAt} is still open)`);
      if (!fn) throw new MarkerError(`${file}:${n}: BEGIN SOLUTION is not inside an exported function`);
      openAt = n;
      out.push(`${begin[1]}throw new Error("not implemented yet: ${fn} (exercises/${file})");`);
      return;
    }
    if (END.test(line)) {
      if (!openAt) throw new MarkerError(`${file}:${n}: END SOLUTION without a BEGIN SOLUTION`);
      openAt = 0;
      return;
    }
    if (LOOKS_LIKE_MARKER.test(line)) {
      throw new MarkerError(`${file}:${n}: malformed marker "${line.trim()}"; write exactly "// BEGIN SOLUTION" or "// END SOLUTION" on a line of its own`);
    }
    if (!openAt) out.push(line);
  });
  if (openAt) throw new MarkerError(`${file}:${openAt}: BEGIN SOLUTION is never closed by END SOLUTION`);
  return out.join("\n");
}

/** The banner on every generated exercise file. */
export function exerciseHeader(file: string): string {
  return `// Your exercise file: replace each \`throw new Error("not implemented yet: …")\` with your code.\n` +
    `// Check your work with \`npm run grade\`. (Generated from solutions/${file} by \`npm run generate\`.)\n`;
}
