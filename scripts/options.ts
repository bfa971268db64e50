// The one option parser of the npm scripts: every option a script takes is declared, and anything else (a
// mistyped `--hiden` that would silently grade without hidden cases) is refused with its name and the valid ones.

/**
 * An option's kind: a `flag` takes no value; the others take the next argument (or `--name=value`): any
 * `value`, a finite `number`, an `integer`, or one of a list of choices.
 */
export type OptionKind = "flag" | "value" | "number" | "integer" | readonly string[];
export type OptionSpec = Record<string, OptionKind>;
export type Parsed<S extends OptionSpec> = {
  [K in keyof S]?: S[K] extends "flag" ? true : S[K] extends readonly (infer C)[] ? C : string;
} & { _: string[] };

const shown = (kind: OptionKind) =>
  kind === "flag" ? "" : kind === "number" ? " NUMBER" : kind === "integer" ? " N" : kind === "value" ? " VALUE" : ` ${kind.join("|")}`;

/** Why `v` is not a value of `kind`, or undefined when it is. */
function badValue(kind: Exclude<OptionKind, "flag">, v: string): string | undefined {
  if (kind === "value") return undefined;
  if (typeof kind !== "string") return kind.includes(v) ? undefined : `must be one of ${kind.join(", ")}, got ${JSON.stringify(v)}`;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) return `must be a number, got ${JSON.stringify(v)}`;
  return kind === "integer" && !Number.isInteger(n) ? `must be a whole number, got ${JSON.stringify(v)}` : undefined;
}

/**
 * Parses `argv` against `spec`; at most `positionals` arguments without "--". Throws an Error naming the
 * script, the offending argument and the valid options.
 *
 * @example
 * parseOptions("grade", { hidden: "flag", seed: "value" }, ["--hidden", "--seed", "3"]); // => { hidden: true, seed: "3", _: [] }
 * parseOptions("grade", { hidden: "flag" }, ["--hiden"]); // throws "grade: unknown option --hiden; valid options: --hidden"
 * parseOptions("train", { model: ["gru", "transformer"] }, ["--model", "rnn"]); // throws "train: --model must be one of gru, transformer, got \"rnn\""
 */
export function parseOptions<const S extends OptionSpec>(script: string, spec: S, argv: string[], positionals = 0): Parsed<S> {
  const valid = Object.entries(spec).map(([k, kind]) => `--${k}${shown(kind)}`).join(", ") || "none";
  const out: Record<string, unknown> = { _: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("-") || arg === "-") {
      if ((out._ as string[]).length >= positionals) throw new Error(`${script}: unexpected argument ${JSON.stringify(arg)}${positionals ? ` (at most ${positionals} without --)` : ""}; valid options: ${valid}`);
      (out._ as string[]).push(arg);
      continue;
    }
    const [name, inline] = arg.replace(/^--?/, "").split(/=(.*)/s);
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!kind || !arg.startsWith("--")) throw new Error(`${script}: unknown option ${arg.split("=")[0]}; valid options: ${valid}`);
    if (name in out) throw new Error(`${script}: --${name} is given twice`);
    if (kind === "flag") {
      if (inline !== undefined) throw new Error(`${script}: --${name} takes no value`);
      out[name] = true;
    } else {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new Error(`${script}: --${name} needs a value`);
      const bad = badValue(kind, v);
      if (bad) throw new Error(`${script}: --${name} ${bad}`);
      out[name] = v;
    }
  }
  return out as Parsed<S>;
}

/** parseOptions for a script's own argv: prints the reason and exits with code 2 instead of throwing. */
export function scriptOptions<const S extends OptionSpec>(script: string, spec: S, positionals = 0): Parsed<S> {
  try {
    return parseOptions(script, spec, process.argv.slice(2), positionals);
  } catch (e) {
    console.error(`[${script}] ${(e as Error).message.replace(`${script}: `, "")}`);
    process.exit(2);
  }
}
