// Launches the kernel: node kernel/start.mjs CONNECTION_FILE (see .jupyter/kernels/); runs from any folder
// (Jupyter starts it in the notebook's). The TypeScript sources run as one esbuild bundle (bundle.mjs).
import { bundled } from "./bundle.mjs";

process.setSourceMapsEnabled(true); // stack traces of project files point at their TypeScript lines
await import(bundled("main"));
