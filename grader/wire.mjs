// @ts-check
// Values between the grader and its sandboxed child, one JSON document per line. JSON drops undefined and
// turns NaN/±Infinity into null; a wrong answer must stay wrong, so those travel as { "$wire": "NaN" } etc.
const TAG = "$wire";
const special = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, undefined: undefined };

/**
 * One line of JSON (no newline inside), keeping undefined, NaN and ±Infinity.
 * @example encode([1, NaN, undefined]) // => '[1,{"$wire":"NaN"},{"$wire":"undefined"}]'
 * @param {unknown} value
 * @returns {string}
 */
export function encode(value) {
  return JSON.stringify(value, (_key, v) => (v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? { [TAG]: String(v) } : v)) ?? `{"${TAG}":"undefined"}`;
}

/**
 * The inverse of `encode`; throws on anything that is not JSON (the caller decides what that means).
 * @example decode('[1,{"$wire":"NaN"}]') // => [1, NaN]
 * @param {string} line
 * @returns {unknown}
 */
export function decode(line) {
  return JSON.parse(line, (_key, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === TAG && Object.hasOwn(special, v[TAG])) return special[/** @type {keyof typeof special} */ (v[TAG])];
    }
    return v;
  });
}

/**
 * What a returned value becomes before it is compared (in the sandboxed child and in the notebook's self-check
 * alike): Matrix-like results become number[][], typed arrays become arrays, objects are walked.
 * @example normalize({ rows: 1, toArray: () => [[1, 2]] }) // => [[1, 2]]
 * @param {any} v
 * @returns {unknown}
 */
export function normalize(v) {
  if (v && typeof v === "object") {
    if (typeof v.toArray === "function" && typeof v.rows === "number") return v.toArray();
    if (ArrayBuffer.isView(v)) return Array.from(/** @type {Float64Array} */ (v));
    if (Array.isArray(v)) return v.map(normalize);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  }
  return v;
}
