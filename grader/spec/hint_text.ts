// Hint text that several exercises share (declared in solutions/*.ts).
export const OVERFLOW = "large inputs overflow `exp` (e^1000 = Infinity, and Infinity / Infinity = NaN): subtract the row maximum first";
