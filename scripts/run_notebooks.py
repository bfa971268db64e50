"""Executes notebooks headless with the project's kernel through nbclient and prints one JSON report.

Usage: .venv/bin/python scripts/run_notebooks.py [--runs N] [--save DIR] NOTEBOOK...
.venv holds the course's kernelspec (env/jupyter.ts puts it there). For each notebook and run: wall time, kernel
start time, per-cell times, cells that failed with their stderr (tslab reports errors on stderr and
nbconvert's own message is empty), and the outputs, so the caller can compare runs. With --save DIR the
first run's executed notebook is written to DIR (as Jupyter would save it), so the caller can measure its
size and render its outputs without running it again.
"""
import json, os, sys, time
import nbformat
from nbclient import NotebookClient

def run(path, save_dir=None):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="tslab-attention", timeout=120, allow_errors=True, resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})  # the kernel starts in the notebook's folder, as in Jupyter
    report = {"path": path, "cells": [], "failures": []}
    t0 = time.perf_counter()
    with client.setup_kernel():
        report["kernel_start_s"] = time.perf_counter() - t0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            t = time.perf_counter()
            client.execute_cell(cell, index)
            reply_error = any(o.get("output_type") == "error" for o in cell.outputs)
            stderr = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
            report["cells"].append({"index": index, "seconds": time.perf_counter() - t})
            if stderr or reply_error:
                report["failures"].append({"cell": index, "source": cell.source[:300], "stderr": stderr[:3000]})
    report["seconds"] = time.perf_counter() - t0
    report["outputs"] = [c.get("outputs", []) for c in nb.cells if c.cell_type == "code"]
    if save_dir:
        report["saved"] = os.path.join(save_dir, os.path.basename(path))
        nbformat.write(nb, report["saved"])
    return report

def main(argv):
    runs, save_dir = 1, None
    while argv[:1] in (["--runs"], ["--save"]):
        if argv[0] == "--runs":
            runs = int(argv[1])
        else:
            save_dir = argv[1]
            os.makedirs(save_dir, exist_ok=True)
        argv = argv[2:]
    print(json.dumps([[run(p, save_dir if k == 0 else None) for p in argv] for k in range(runs)]))

if __name__ == "__main__":
    main(sys.argv[1:])
