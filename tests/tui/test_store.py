"""The app's store: the one door to the record the commands take, never the ORM, and safe to call from
several worker threads at once.

Two ways into one file in one process once lost data (see :mod:`skilltrack.record.opener`): the schema's
declaration in SQLModel is the only place the ORM may be imported, and nothing the app runs does. Each
check runs in a fresh interpreter, where nothing is imported yet.
"""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

from skilltrack.record.opener import open_record
from skilltrack.tui import screens
from tests.probes import imports_load

ORM = ("sqlalchemy", "sqlmodel", "pydantic")

OPEN_STORE = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from skilltrack.guide import load_builtin_framework
from skilltrack.tui.store import Store

framework = load_builtin_framework()
store = Store(
    Path(sys.argv[1]),
    lambda: framework,
    now=lambda: datetime(2026, 11, 24, 18, 30, tzinfo=UTC),
    machine_zone=ZoneInfo("UTC"),
)
"""
"""The start of every child: the store of the record at ``argv[1]``, not opened yet."""


def run_child(script: str, record: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [sys.executable, "-c", OPEN_STORE + script, str(record)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


READ_AND_WRITE = """
from skilltrack.domain.drafts import SessionDraft
from skilltrack.record.overview import load_dashboard
from skilltrack.record.sessions import log_session

dashboard = store.read(lambda db, today: load_dashboard(db, framework=framework, today=today))
logged = store.write(
    lambda db, today: log_session(
        db,
        draft=SessionDraft(skill="kafka", minutes=45, kind="study"),
        ladder=store.ladder,
        now_utc=store.now(),
        fallback_zone=store.machine_zone,
    )
)
store.close()
print(len(dashboard.recent), logged.skill, sorted(name for name in {orm!r} if name in sys.modules))
"""


def test_the_store_reads_and_writes_without_the_orm(demo_db: Path) -> None:
    done = run_child(READ_AND_WRITE.format(orm=ORM), demo_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["8", "Kafka", "[]"]


def test_the_app_and_its_screens_import_no_orm() -> None:
    every_screen = [f"{screens.__name__}.{found.name}" for found in pkgutil.iter_modules(screens.__path__)]
    assert "skilltrack.tui.screens.postings" in every_screen
    assert imports_load("skilltrack.tui.app", *every_screen, watch=ORM) == []


# At start-up the dashboard's load, the log form's skill names and the timer's state can all run together
# when the person presses a key before the record has loaded; the first of them opens the record (here:
# creates it). The calls start together from a barrier, and module lookups are slowed a little, as on a
# cold start from a slow disk, so that first imports which overlap overlap for longer.
FIRST_CALLS_AT_ONCE = """
import threading, time

preloaded = [name for name in ("sqlalchemy", "sqlmodel") if name in sys.modules]
print("preloaded:", ",".join(preloaded) or "none")


class SlowDisk:
    def find_spec(self, name, path=None, target=None):
        time.sleep(0.002)
        return None


sys.meta_path.insert(0, SlowDisk())


def dashboard():
    from skilltrack.record.overview import load_dashboard

    store.read(lambda db, today: load_dashboard(db, framework=framework, today=today))


def skill_names():
    from skilltrack.record.skills import known_name_keys

    store.read(lambda db, today: known_name_keys(db))


def timer():
    from skilltrack.record.sessions import running_timer

    store.read(lambda db, today: running_timer(db))


def skills():
    from skilltrack.record.skills import skill_rows

    store.read(lambda db, today: skill_rows(db, today=today))


def projects():
    from skilltrack.record.projects import project_rows

    store.read(lambda db, today: project_rows(db))


def evidence():
    from skilltrack.record.evidence import evidence_rows

    store.read(lambda db, today: evidence_rows(db))


def profile():
    from skilltrack.record.profile import update_profile

    store.write(lambda db, today: update_profile(db, changes={"name": "Alex"}))


calls = [dashboard, skill_names, timer, skills, projects, evidence, profile]
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
store.close()
print("\\n".join(errors) or "no errors")
"""


def test_first_calls_from_several_threads_at_once(tmp_path: Path) -> None:
    # The app never makes a record on its own (the welcome does, on purpose): the first calls open one.
    path = tmp_path / "record.sqlite3"
    open_record(path).close()
    done = run_child(FIRST_CALLS_AT_ONCE, path)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    lines = done.stdout.splitlines()
    assert lines[0] == "preloaded: none", "the ORM was imported before the calls: " + output
    assert lines[1:] == ["no errors"], output
