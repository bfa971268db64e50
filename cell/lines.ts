// From a place in a compiled cell's body back to the cell's own line, for tracebacks in every host: reads
// the source map of compileCell (v3, base64 VLQ) without node:module's SourceMap, which a browser lacks.

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** One generated line's segments as [generated column, original line] (0-based), in column order. */
type Segments = [number, number][];

function decode(mappings: string): Segments[] {
  const lines: Segments[] = [];
  let srcLine = 0;
  for (const text of mappings.split(";")) {
    const segs: Segments = [];
    let col = 0;
    for (const seg of text.split(",")) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0, shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) { shift += 5; continue; }
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = shift = 0;
      }
      col += values[0];
      if (values.length >= 4) { srcLine += values[2]; segs.push([col, srcLine]); }
    }
    lines.push(segs);
  }
  return lines;
}

/**
 * Maps (line, column) of the body, both 0-based, to the cell's line counted from 1: that of the last mapping
 * at or before the place (as node:module's `SourceMap.findEntry`), undefined before the first.
 * @example
 * cellLines(compileCell("type T = number;\nconst n: T = 1;\nn").sourceMap)(1, 0) // => 3
 */
export function cellLines(sourceMap: string): (line: number, column: number) => number | undefined {
  const lines = decode((JSON.parse(sourceMap) as { mappings: string }).mappings);
  return (line, column) => {
    for (let l = Math.min(line, lines.length - 1); l >= 0; l--) {
      const segs = lines[l];
      for (let i = segs.length - 1; i >= 0; i--) if (l < line || segs[i][0] <= column) return segs[i][1] + 1;
    }
    return undefined;
  };
}
