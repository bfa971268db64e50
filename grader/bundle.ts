// Compiles one submission file and the lib helpers it may use into a single plain .mjs, so the sandboxed
// child needs no TypeScript loader and may read nothing but that file.
import { build } from "esbuild";
import path from "node:path";

const facade = path.resolve(process.cwd(), "grader", "student_lib.ts");

/** The bundled JavaScript, or throws with esbuild's message (line and column included). */
export async function bundle(file: string): Promise<string> {
  const result = await build({
    entryPoints: [file], bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent", target: "node20",
    plugins: [{
      name: "student-lib",
      setup(b) {
        b.onResolve({ filter: /(^|\/)lib\/index(\.js|\.ts)?$/ }, () => ({ path: facade }));
      },
    }],
  }).catch((e: { errors?: { text: string; location?: { line: number; column: number } | null }[] }) => {
    const first = e.errors?.[0];
    throw new Error(first ? `${first.location ? `line ${first.location.line}:${first.location.column + 1}: ` : ""}${first.text}` : String(e));
  });
  return result.outputFiles[0].text;
}
