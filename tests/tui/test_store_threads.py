"""The app's store is called from several worker threads at once, and the first of those calls import the
database layer (the app starts without it): that must work however the calls overlap.

At start-up the dashboard's load, the log form's skill names and the timer's state can all run together
when the person presses a key before the record has loaded. Each check runs in a fresh interpreter, where
the database layer is not imported yet; the calls start together from a barrier, and module lookups are
slowed a little, as on a cold start from a slow disk, so that imports which overlap overlap for longer.
"""

import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import sys, threading, time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from skilltrack.guide import load_builtin_framework
from skilltrack.tui.store import Store

preloaded = [name for name in ("sqlalchemy", "sqlmodel") if name in sys.modules]
print("preloaded:", ",".join(preloaded) or "none")


class SlowDisk:
    # Every module lookup takes a little longer, as on a cold start from a slow disk: imports that
    # overlap in time overlap for longer.

    def find_spec(self, name, path=None, target=None):
        time.sleep(0.002)
        return None


sys.meta_path.insert(0, SlowDisk())
store = Store(
    Path(sys.argv[1]),
    load_builtin_framework(),
    now=lambda: datetime(2026, 11, 24, 18, 30, tzinfo=UTC),
    machine_zone=ZoneInfo("UTC"),
)
calls = [store.dashboard, store.skill_names, store.overview, store.skills, store.projects, store.evidence,
         store.profile_values]
barrier = threading.Barrier(len(calls))
errors = []

def run(call):
    barrier.wait()
    try:
        call()
    except Exception as error:
        errors.append(f"{call.__name__}: {type(error).__name__}: {error}")

threads = [threading.Thread(target=run, args=(call,)) for call in calls]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("\\n".join(errors) or "no errors")
"""


def test_first_calls_from_several_threads_at_once(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "record.sqlite3")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    lines = done.stdout.splitlines()
    assert lines[0] == "preloaded: none", "the database layer was imported before the calls: " + output
    assert lines[1:] == ["no errors"], output
