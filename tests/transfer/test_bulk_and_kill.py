"""Big imports: 5,000 generated Watson frames import whole; an import killed part-way changes nothing."""

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from skilltrack.record.opener import open_record
from tests.conftest import NOW
from tests.transfer.helpers import Run, connect, integrity, record_with_sessions, row_counts, session_count
from tests.transfer.make_watson import PROJECTS, watson_frames, write_watson_frames


def test_five_thousand_generated_frames_import_whole(run: Run, tmp_path: Path, db_path: Path) -> None:
    path = write_watson_frames(tmp_path / "frames.json", 5000)
    projects = [str(frame[2]) for frame in watson_frames(5000)]
    dry = run("import", str(path), "--dry-run")
    assert "Dry run: would import 5000 sessions" in dry.out
    started = time.perf_counter()
    result = run("import", str(path))
    elapsed = time.perf_counter() - started
    assert result.code == 0, result.err
    assert "Imported 5000 sessions" in result.out
    assert "golang        → Go" in result.out
    assert "k8s           → Kubernetes (added from the ladder)" in result.out
    assert elapsed < 5, elapsed
    assert session_count(db_path) == 5000
    connection = connect(db_path)
    try:
        by_skill = dict(
            connection.execute(
                "SELECT skill.name, count(*) FROM learning_session"
                " JOIN skill ON skill.id = skill_id GROUP BY skill.name"
            ).fetchall()
        )
    finally:
        connection.close()
    assert by_skill["Go"] == projects.count("go") + projects.count("golang")
    assert by_skill["Kubernetes"] == projects.count("k8s")
    assert by_skill["side-project"] == projects.count("side-project")
    assert sum(by_skill.values()) == 5000
    assert set(by_skill) == {
        "Go",
        "PostgreSQL",
        "Kafka",
        "Kubernetes",
        "System design",
        "Redis",
        "side-project",
        "Debugging",
    }
    assert len(PROJECTS) == 9
    again = run("import", str(path))
    assert "Imported 0 sessions (0 h); 5000 duplicates skipped." in again.out
    assert session_count(db_path) == 5000


# --- a killed import ------------------------------------------------------------------------------

FRAMES = 15_000


def contents(path: Path) -> tuple[dict[str, int], str]:
    """Row counts of every table and a digest of every session, read as the next command would."""
    open_record(path).close()  # recovers the write-ahead log left by a killed process, as on next use
    connection = connect(path)
    try:
        digest = hashlib.sha256()
        for row in connection.execute("SELECT * FROM learning_session ORDER BY id"):
            digest.update(repr(row).encode())
    finally:
        connection.close()
    return row_counts(path), digest.hexdigest()


def start_import(record: Path, frames: Path) -> "subprocess.Popen[bytes]":
    environment = dict(os.environ, SKILLTRACK_NOW=NOW, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "skilltrack", "--db", str(record), "import", str(frames)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )


def kill_when(child: "subprocess.Popen[bytes]", ready: Callable[[], bool]) -> bool:
    """SIGKILL ``child`` as soon as ``ready()``; False if it finished first."""
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        if ready():
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            return True
        time.sleep(0.001)
    child.wait(timeout=30)
    return False


def writing_now(path: Path) -> bool:
    """True while another connection holds the write lock (the import's one transaction is open)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def fresh_copy(pristine: Path, record: Path) -> None:
    for leftover in (record, record.with_name(record.name + "-wal"), record.with_name(record.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(pristine, record)


def test_a_killed_import_leaves_the_record_as_it_was(tmp_path: Path) -> None:
    pristine = record_with_sessions(
        tmp_path / "pristine.sqlite3", {day: f"day {day}" for day in range(1, 11)}
    )
    frames = write_watson_frames(tmp_path / "frames.json", FRAMES)
    record = tmp_path / "record.sqlite3"
    # The import run to its end once: what every killed run must either not have begun or have finished
    # (a few frames overlap the record's own sessions and are skipped, so it is not simply before + frames).
    fresh_copy(pristine, record)
    start_import(record, frames).wait(timeout=120)
    complete = contents(record)
    assert complete[0]["learning_session"] > FRAMES * 0.9
    fresh_copy(pristine, record)
    before = contents(record)

    wal = record.with_name(record.name + "-wal")

    def in_transaction_for(seconds: float) -> Callable[[], bool]:
        since: list[float] = []

        def ready() -> bool:
            if not since and record.exists() and writing_now(record):
                since.append(time.monotonic())
            return bool(since) and time.monotonic() - since[0] >= seconds

        return ready

    triggers: list[tuple[str, Callable[[], bool]]] = [
        ("as its transaction begins", in_transaction_for(0)),
        ("as the transaction reaches the log", lambda: wal.exists() and wal.stat().st_size > 64 * 1024),
        ("0.3 s into its transaction", in_transaction_for(0.3)),
    ]
    unchanged = []
    for name, trigger in triggers:
        fresh_copy(pristine, record)
        child = start_import(record, frames)
        killed = kill_when(child, trigger)
        found = contents(record)
        assert integrity(record) == "ok", name
        if killed:
            assert child.returncode == -signal.SIGKILL, name
        if found == before:
            unchanged.append(name)
        else:
            # Killed after its commit (or not killed at all): then all of it is there.
            assert found[0] == complete[0], name
    assert len(unchanged) >= 2, unchanged
