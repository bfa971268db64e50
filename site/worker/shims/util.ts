// node:util's inspect in the browser worker, for a cell's value (worker.ts passes kernel/display.ts's options:
// depth 4, maxArrayLength 100, maxStringLength 10,000, breakLength 100): Node's layout for the values notebooks show — numbers, strings
// quoted, arrays `[ 1, 2 ]`, objects `{ a: 1 }`, Maps, Sets, class names, long arrays cut with
// "… more items", and lines broken past breakLength. Not every corner of Node's inspect (no array grouping
// into columns).
export interface InspectOptions { depth?: number; maxArrayLength?: number; breakLength?: number; maxStringLength?: number }

const quote = (s: string) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`);
const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));

export function inspect(v: unknown, opts: InspectOptions = {}): string {
  const depth = opts.depth ?? 2, maxArr = opts.maxArrayLength ?? 100, width = opts.breakLength ?? 80;
  const seen = new Set<unknown>();
  const wrap = (open: string, items: string[], close: string, indent: string): string => {
    if (items.length === 0) return `${open.trimEnd()}${close.trimStart()}`;
    const flat = `${open} ${items.join(", ")} ${close}`;
    if (flat.length + indent.length <= width && !flat.includes("\n")) return flat;
    return `${open}\n${items.map((s) => `${indent}  ${s.replace(/\n/g, `\n${indent}  `)}`).join(",\n")}\n${indent}${close}`;
  };
  const go = (x: unknown, d: number, indent: string): string => {
    if (x === null) return "null";
    switch (typeof x) {
      case "undefined": return "undefined";
      case "number": return Object.is(x, -0) ? "-0" : String(x);
      case "bigint": return `${x}n`;
      case "boolean": return String(x);
      case "string": return quote(opts.maxStringLength !== undefined && x.length > opts.maxStringLength ? x.slice(0, opts.maxStringLength) : x) + (opts.maxStringLength !== undefined && x.length > opts.maxStringLength ? `... ${x.length - opts.maxStringLength} more characters` : "");
      case "symbol": return x.toString();
      case "function": return `[${/^class\s/.test(Function.prototype.toString.call(x)) ? "class" : "Function"}: ${(x as { name: string }).name || "(anonymous)"}]`;
    }
    const o = x as Record<string, unknown>;
    if (seen.has(o)) return "[Circular *1]";
    if (o instanceof Error) return o.stack ?? `${o.name}: ${o.message}`;
    if (o instanceof Date) return o.toISOString();
    if (o instanceof RegExp) return String(o);
    if (o instanceof Promise) return "Promise { <pending> }";
    const name = o.constructor?.name;
    if (d > depth) return Array.isArray(o) ? "[Array]" : `[${name ?? "Object"}]`;
    seen.add(o);
    try {
      const more = (n: number) => (n > maxArr ? [`... ${n - maxArr} more item${n - maxArr > 1 ? "s" : ""}`] : []);
      if (Array.isArray(o) || ArrayBuffer.isView(o)) {
        const arr = o as unknown as ArrayLike<unknown>;
        const items = Array.from({ length: Math.min(arr.length, maxArr) }, (_, i) => go(arr[i], d + 1, `${indent}  `));
        const prefix = Array.isArray(o) ? (name && name !== "Array" ? `${name}(${arr.length}) ` : "") : `${name}(${arr.length}) `;
        return prefix + wrap("[", [...items, ...more(arr.length)], "]", indent);
      }
      if (o instanceof Map) return `Map(${o.size}) ` + wrap("{", [...o].slice(0, maxArr).map(([k, val]) => `${go(k, d + 1, `${indent}  `)} => ${go(val, d + 1, `${indent}  `)}`).concat(more(o.size)), "}", indent);
      if (o instanceof Set) return `Set(${o.size}) ` + wrap("{", [...o].slice(0, maxArr).map((val) => go(val, d + 1, `${indent}  `)).concat(more(o.size)), "}", indent);
      const items = Object.keys(o).map((k) => `${key(k)}: ${go(o[k], d + 1, `${indent}  `)}`);
      const prefix = name === undefined ? "[Object: null prototype] " : name !== "Object" ? `${name} ` : "";
      return prefix + wrap("{", items, "}", indent);
    } finally {
      seen.delete(o);
    }
  };
  return go(v, 0, "");
}
export const format = (...args: unknown[]): string => args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ");
export default { inspect, format };
