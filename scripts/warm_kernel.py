"""Runs the first code cell of each notebook (its imports) in one kernel, so that the kernel's type-check cache
holds the library before a student opens a notebook: `npm start` calls this once after an install.
Usage: .venv/bin/python scripts/warm_kernel.py notebooks/*.ipynb   (.venv holds the course's kernelspec)"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient

nb = nbformat.v4.new_notebook()
for path in sys.argv[1:]:
    cells = json.load(open(path, encoding="utf-8"))["cells"]
    first = next((c for c in cells if c["cell_type"] == "code"), None)
    if first:
        nb.cells.append(nbformat.v4.new_code_cell("".join(first["source"])))
folder = os.path.dirname(os.path.abspath(sys.argv[1])) if sys.argv[1:] else "."
NotebookClient(nb, kernel_name="tslab-attention", timeout=120, resources={"metadata": {"path": folder}}).execute()
