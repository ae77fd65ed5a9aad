"""A sync killed at any moment (SIGKILL, in a real process) leaves the record as it was or with all of
the sync applied; the next sync completes, and the two records end the same."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from skilltrack.domain.dates import SessionStart
from skilltrack.guide import load_builtin_framework
from skilltrack.record.opener import open_record
from skilltrack.record.sessions import insert_session
from skilltrack.record.skills import resolve_skill
from tests.conftest import NOW
from tests.sync.helpers import Replica, make_replicas
from tests.transfer.test_bulk_and_kill import kill_when, writing_now

SESSIONS = 20_000


def fill(replica: Replica, sessions: int) -> None:
    """``sessions`` sessions of 20 minutes, one every half hour, written as ``log`` writes them."""
    record = open_record(replica.db)
    try:
        with record.writing() as db:
            skill = resolve_skill(db, typed="Go", ladder=load_builtin_framework).skill
            first = datetime(2024, 1, 1, tzinfo=UTC)
            for number in range(sessions):
                started = first + timedelta(minutes=30 * number)
                start = SessionStart(started, date.fromisoformat(started.date().isoformat()), "UTC")
                insert_session(
                    db, skill_id=skill.id, start=start, minutes=20, kind="study", note=f"n{number}"
                )
    finally:
        record.close()


def start_sync(record: Path, folder: Path) -> "subprocess.Popen[bytes]":
    environment = dict(os.environ, SKILLTRACK_NOW=NOW, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "skilltrack", "--db", str(record), "sync", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )


def sessions_in(replica: Replica) -> int:
    open_record(replica.db).close()  # recovers what a killed process left, as the next command would
    return int(replica.query("SELECT count(*) FROM learning_session")[0][0])


def test_a_killed_sync_applies_all_or_nothing_and_the_next_one_converges(tmp_path: Path) -> None:
    os.environ["SKILLTRACK_NOW"] = NOW
    source, *targets = make_replicas(tmp_path, 6)
    folder = tmp_path / "shared"
    folder.mkdir()
    fill(source, SESSIONS)
    source.sync(folder)

    def in_transaction_for(record: Path, seconds: float) -> Callable[[], bool]:
        since: list[float] = []

        def ready() -> bool:
            if not since and record.exists() and writing_now(record):
                since.append(time.monotonic())
            return bool(since) and time.monotonic() - since[0] >= seconds

        return ready

    def after(seconds: float) -> Callable[[], bool]:
        began = time.monotonic()
        return lambda: time.monotonic() - began >= seconds

    moments: tuple[tuple[str, Callable[[], Callable[[], bool]]], ...] = (
        ("0.2 s after it starts", lambda: after(0.2)),
        ("as it writes", lambda: in_transaction_for(target.db, 0.0)),
        ("0.5 s into writing", lambda: in_transaction_for(target.db, 0.5)),
        ("1.5 s after it starts", lambda: after(1.5)),
        ("3 s after it starts", lambda: after(3.0)),
    )
    outcomes = []
    for target, (name, moment) in zip(targets, moments, strict=True):
        target.ok("profile", "--set", "name=Bea")  # a record of its own, with a change to send
        ready = moment()
        child = start_sync(target.db, folder)
        killed = kill_when(child, ready)
        found = sessions_in(target)
        assert target.integrity() == "ok", name
        assert found in (0, SESSIONS), (name, found)
        if killed:
            assert child.returncode == -signal.SIGKILL, name
        outcomes.append((name, killed, found))
        target.sync(folder)
        assert sessions_in(target) == SESSIONS, name
    source.sync(folder)
    for target in targets:
        target.sync(folder)
    exported = source.export()
    assert all(target.export() == exported for target in targets)
    assert any(killed and found == 0 for _, killed, found in outcomes), outcomes
    print(f"\nkilled syncs of {SESSIONS} sessions: {outcomes}")
