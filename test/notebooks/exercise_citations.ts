// How the notebooks and the README cite an exercise: by number and function name, "exercise 2.5 (`maskedSoftmax`)"
// or "`predictShifts` (exercise 2.8"; the number must be the one exercises/*.ts gives that function.
/** "2.5" → "maskedSoftmax", read from the generated stubs' " * 2.5 · maskedSoftmax (" lines. */
export function stubNumbers(stubs: string[]): Map<string, string> {
  return new Map(stubs.flatMap((s) => [...s.matchAll(/^ \* (\d+\.\d+) · (\w+) \(/gm)].map((m): [string, string] => [m[1], m[2]])));
}

/** Every citation of an exercise in `text` that lacks its function name or names another exercise than its number. */
export function citationProblems(text: string, numbers: Map<string, string>, where = ""): string[] {
  const flat = text.replace(/\s+/g, " ");
  const problems: string[] = [];
  for (const m of flat.matchAll(/\bexercises? (\d+\.\d+)/gi)) {
    const at = m.index ?? 0;
    const after = flat.slice(at + m[0].length).match(/^ \(`(\w+)`\)/)?.[1];
    const before = flat.slice(0, at).match(/`(\w+)` \($/)?.[1];
    const named = after ?? before, actual = numbers.get(m[1]);
    if (!actual) problems.push(`${where}cites exercise ${m[1]}, which exercises/ does not have`);
    else if (!named) problems.push(`${where}cites exercise ${m[1]} without its function name: write "exercise ${m[1]} (\`${actual}\`)"`);
    else if (named !== actual) {
      const its = [...numbers].find(([, n]) => n === named)?.[0]; // the number `named` has now
      problems.push(`${where}cites \`${named}\` as exercise ${m[1]}, which is \`${actual}\`${its ? ` (\`${named}\` is ${its})` : ""}`);
    }
  }
  return problems;
}
