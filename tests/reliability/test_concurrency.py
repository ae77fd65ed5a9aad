"""Two processes writing to the same record at the same time lose nothing."""

from pathlib import Path

from skilltrack.record.opener import open_record
from tests.reliability.records import count_rows, integrity, raw_connection, release_together, start_writer

EACH = 200


def test_two_processes_writing_at_once_keep_every_session(db_path: Path) -> None:
    open_record(db_path).close()  # the record exists; creating it at once is tested elsewhere
    children = [start_writer(db_path, EACH, tag, wait=True) for tag in ("A", "B")]
    try:
        release_together(children)
        outputs = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    for child, (output, error) in zip(children, outputs, strict=True):
        assert child.returncode == 0, error
        assert "Traceback" not in error
        assert output.split() == [str(number) for number in range(1, EACH + 1)]

    assert integrity(db_path) == "ok"
    assert count_rows(db_path, "learning_session") == 2 * EACH
    assert count_rows(db_path, "skill") == 1  # both resolved "Go" to the one skill
    connection = raw_connection(db_path)
    try:
        notes = [row[0] for row in connection.execute("SELECT note FROM learning_session")]
        orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    expected = {f"{tag}-{number}" for tag in ("A", "B") for number in range(EACH)}
    assert sorted(notes) == sorted(expected)
    assert orphans == []
