"""Time from launching a command in a real terminal (tmux) until its screen shows a given text.

    .venv/bin/python benchmarks/first_frame.py [--runs 7]

Prints, for skilltrack on a demo-sized record and for a minimal Textual app, the median, min and max
time to the first frame (the footer is drawn) and, for skilltrack, until the dashboard shows the record.
Both run with their compiled modules kept, as installed programs are (pip compiles them; Python writes
them on first use): each is run once, untimed, to write them.
"""

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOCKET = f"skilltrack-bench-{os.getpid()}"
RUN = 0


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False)
    if done.returncode and args[0] == "new-session":
        raise RuntimeError(f"tmux {args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def time_until(
    command: list[str],
    env: dict[str, str],
    marks: list[str],
    timeout: float = 30,
    wait_for: Path | None = None,
) -> list[float]:
    """Seconds from launch until each of ``marks`` is on the screen, in order.

    After quitting, waits (up to 10 s) for the file ``wait_for`` to be written, if given.
    """
    environment = " ".join(shlex.quote(f"{key}={value}") for key, value in env.items())
    shell = f"env {environment} {shlex.join(command)}"
    global RUN
    RUN += 1
    name = f"bench{RUN}"
    for attempt in range(5):
        try:
            start = time.perf_counter()
            tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", shell)
            break
        except RuntimeError:  # the server of the last session was still exiting: start a new one
            if attempt == 4:
                raise
            time.sleep(0.2)
    found: list[float] = []
    last = ""
    try:
        while len(found) < len(marks) and time.perf_counter() - start < timeout:
            last = tmux("capture-pane", "-p", "-t", name)
            if marks[len(found)] in last:
                found.append(time.perf_counter() - start)
                continue
            time.sleep(0.005)
    finally:
        tmux("send-keys", "-t", name, "q")
        time.sleep(0.3)
        for _ in range(200 if wait_for else 0):
            if wait_for and wait_for.exists() and wait_for.read_text():
                break
            time.sleep(0.05)
        tmux("kill-session", "-t", name)
    if len(found) < len(marks):
        raise RuntimeError(f"{command}: never showed {marks[len(found)]!r}: {last!r}")
    return found


def summary(name: str, values: list[float]) -> str:
    ms = [value * 1000 for value in values]
    return f"{name:<36} median {statistics.median(ms):7.0f} ms   min {min(ms):6.0f}   max {max(ms):6.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed")
    python = sys.executable
    skilltrack = shutil.which("skilltrack", path=str(Path(python).parent)) or f"{python} -m skilltrack"
    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "demo.sqlite3"
        from skilltrack.demo import populate_demo
        from skilltrack.guide import load_builtin_framework
        from skilltrack.record.opener import open_record

        opened = open_record(record)
        populate_demo(opened, load_builtin_framework(), today=date.today())
        opened.close()
        env = {
            "SKILLTRACK_DB": str(record),
            "SKILLTRACK_CONFIG": str(Path(folder) / "config.toml"),
            # Empty, not unset: the apps run under tmux, whose server passes on its own environment. The
            # compiled modules go to the work folder, so that nothing is written into the tree.
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
        }
        time_until([python, str(HERE / "minimal_app.py")], env, ["Quit"])
        time_until([skilltrack], env, ["Quit", "Streak"])
        minimal, first, filled = [], [], []
        for _ in range(args.runs):
            minimal += time_until([python, str(HERE / "minimal_app.py")], env, ["Quit"])
            frame, dashboard = time_until([skilltrack], env, ["Quit", "Streak"])
            first.append(frame)
            filled.append(dashboard)
    tmux("kill-server")
    print(summary("minimal Textual app, first frame", minimal))
    print(summary("skilltrack, first frame", first))
    print(summary("skilltrack, dashboard filled", filled))


if __name__ == "__main__":
    main()
