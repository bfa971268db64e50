import test from "ava";
import { causalMask, paddingMask } from "../../lib/index.js";
import { throwsWith } from "../helpers.js";

test("causal mask is lower-triangular", (t) => {
  t.deepEqual(causalMask(3), [[true, false, false], [true, true, false], [true, true, true]]);
});

test("causal mask with nQ ≠ nK is aligned top-left", (t) => {
  t.deepEqual(causalMask(2, 3), [[true, false, false], [true, true, false]]);
  t.deepEqual(causalMask(3, 2), [[true, false], [true, true], [true, true]]);
});

test("padding mask keeps the first validK keys", (t) => {
  t.deepEqual(paddingMask(2, 3, 2), [[true, true, false], [true, true, false]]);
  throwsWith(t, () => paddingMask(2, 3, 0), "paddingMask", "validK", "(2, 3)");
  throwsWith(t, () => causalMask(0), "causalMask", "nQ");
});
