"""Jupyter's kernel conformance suite (jupyter_kernel_test) for the project kernel.

Run from test/kernel/ with JUPYTER_PATH pointing at the project's .jupyter/:
  /usr/bin/python3 -m unittest -v conformance.ProjectKernel
The same checks with Python samples run against Debian's ipykernel (class IPyKernel): if those fail, the
harness is broken, not our kernel.
"""
import os
import unittest
import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

NOTEBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks")


class ProjectKernel(jupyter_kernel_test.KernelTests):
    kernel_name = "tslab-attention"
    language_name = "typescript"
    file_extension = ".ts"

    @classmethod
    def setUpClass(cls):
        # Started where Jupyter starts it for a course notebook: the notebook's folder.
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, cwd=NOTEBOOKS, startup_timeout=60)

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("to stderr")'
    completion_samples = [{"text": "Math.ma", "matches": {"max"}}, {"text": "const numHeads = 4; numH", "matches": {"numHeads"}}]
    complete_code_samples = ["const a = 1;", "console.log('x')", "function f() {\n  return 1;\n}"]
    incomplete_code_samples = ["function f() {", "const xs = [1, 2,", "const s = `abc"]
    invalid_code_samples = ["let x = ;", "const = 5;", "1 +* 2"]
    code_page_something = "?Math.max"
    code_generate_error = 'throw new Error("boom")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
        {"code": 'import { Matrix } from "../lib/index.js";\nMatrix.from([[1, 2], [3, 4]])', "mime": "text/html"},
    ]
    code_display_data = [
        {"code": 'import * as tslab from "tslab";\ntslab.display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'import { bar, show } from "../lib/plot/index.js";\nshow(bar([0.7, 0.3], ["a", "b"]))', "mime": "text/html"},
    ]
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = "console.clear()"


class IPyKernel(jupyter_kernel_test.KernelTests):
    kernel_name = "python3"
    language_name = "python"
    file_extension = ".py"
    code_hello_world = 'print("hello, world")'
    code_stderr = 'import sys; print("to stderr", file=sys.stderr)'
    completion_samples = [{"text": "zi", "matches": {"zip"}}]
    complete_code_samples = ["1", "print('x')"]
    incomplete_code_samples = ["def f():", "xs = [1, 2,"]
    invalid_code_samples = ["x = = 1"]
    code_page_something = "?print"
    code_generate_error = 'raise Exception("boom")'
    code_execute_result = [{"code": "6 * 7", "result": "42"}]
    code_display_data = [{"code": "from IPython.display import HTML, display; display(HTML('<b>b</b>'))", "mime": "text/html"}]
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "print"
    code_clear_output = "from IPython.display import clear_output; clear_output()"


if __name__ == "__main__":
    unittest.main()
