"""Times a cell that prints many lines, on any kernel, through jupyter_client (issue 20).

Usage: python3 test/kernel/flood.py KERNEL_NAME CWD LINES CODE
CODE prints LINES lines "line <i>" (i from 0). Prints one JSON object: seconds from execute_request to the
idle status, how many stream messages and lines arrived before idle (and whether in order), and any arriving
within 2 s after idle (there should be none).
"""
import json, sys, time, queue
from jupyter_client.manager import start_new_kernel

def main():
    kernel, cwd, lines, code = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    km, kc = start_new_kernel(kernel_name=kernel, cwd=cwd, startup_timeout=60)
    try:
        kc.execute_interactive("1", timeout=60, output_hook=lambda m: None)  # warm: first-cell costs are not the flood's
        t0 = time.perf_counter()
        msg_id = kc.execute(code)
        text, messages, idle = [], 0, None
        while idle is None:
            m = kc.get_iopub_msg(timeout=300)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "stream":
                messages += 1
                text.append(m["content"]["text"])
            elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                idle = time.perf_counter() - t0
        late = 0
        try:
            while True:
                m = kc.get_iopub_msg(timeout=2)
                if m["msg_type"] == "stream":
                    late += 1
        except queue.Empty:
            pass
        got = "".join(text).splitlines()
        print(json.dumps({
            "seconds": idle, "stream_messages": messages, "lines": len(got),
            "in_order": got == [f"line {i}" for i in range(lines)], "late_messages": late,
        }))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)

if __name__ == "__main__":
    main()
