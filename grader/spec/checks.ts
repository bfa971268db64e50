// The property checks design exercises may name (see declare.ts): the manifest refers to them by name, so the
// student release, which has no solutions, grades design exercises the same way.
import { checkOffsetHead, checkPositionHead } from "./head_check.js";
import { checkItToStreet } from "./street_check.js";

export const checks: Record<string, (args: unknown[], value: unknown, variant?: number) => string | null> = { checkItToStreet, checkOffsetHead, checkPositionHead };
