"""A writer killed mid-stream (SIGKILL: no cleanup at all) loses no committed session and damages nothing."""

import signal
from pathlib import Path

import pytest

from skilltrack.record.opener import open_record
from tests.reliability.records import count_rows, integrity, start_writer

SEEN_BEFORE_KILL = 50


def committed_counts(lines: list[str]) -> list[int]:
    """The counts the child reported, ignoring a last line cut short by the kill."""
    return [int(line) for line in lines if line.endswith("\n") and line.strip()]


@pytest.mark.parametrize("trial", range(3))
def test_sigkill_during_writes_keeps_every_reported_commit(tmp_path: Path, trial: int) -> None:
    path = tmp_path / f"record-{trial}.sqlite3"
    open_record(path).close()
    child = start_writer(path, 1_000_000, "K")
    assert child.stdout is not None
    lines: list[str] = []
    try:
        while True:
            line = child.stdout.readline()
            if not line:
                _, error = child.communicate(timeout=30)
                raise AssertionError(f"the writer stopped before it was killed: {error}")
            lines.append(line)
            if int(line) >= SEEN_BEFORE_KILL:
                break
        child.send_signal(signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        rest, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    lines.extend(rest.splitlines(keepends=True))
    reported = committed_counts(lines)
    assert reported == list(range(1, len(reported) + 1))
    last = reported[-1]
    assert last >= SEEN_BEFORE_KILL

    # The record opens cleanly, as the next command would open it, and nothing is damaged.
    record = open_record(path)
    try:
        with record.reading() as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
            rows = db.execute("SELECT count(*) FROM learning_session").fetchone()[0]
    finally:
        record.close()
    # Every commit the child reported is there; at most one more (committed, not yet reported).
    assert isinstance(rows, int)
    assert last <= rows <= last + 1
    assert integrity(path) == "ok"
    assert count_rows(path, "learning_session") == rows
