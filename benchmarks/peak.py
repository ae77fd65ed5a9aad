"""Run a command; write its wall time (s) and peak resident memory (KiB) to a file.

    python -m benchmarks.peak OUT_FILE COMMAND [ARG ...]

The child's ``ru_maxrss`` comes from ``os.wait4``. Linux counts in it the memory of the process that
started it (the pages it had when it forked), so the benchmark, which holds built records in memory,
starts every measured command through this small process. The app runs under tmux, where the
benchmark cannot wait for it itself: there this wrapper is used for the memory runs only.
"""

import os
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    out, command = Path(sys.argv[1]), sys.argv[2:]
    started = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    out.write_text(f"{elapsed} {usage.ru_maxrss}\n", encoding="utf-8")
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
