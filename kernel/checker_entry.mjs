// Worker entry of the type checker (checker.ts), bundled like the rest of the kernel.
import { bundled } from "./bundle.mjs";

await import(bundled("checker"));
