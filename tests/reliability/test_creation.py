"""Two processes creating the same missing record at once both succeed, and one valid record results."""

from pathlib import Path

import pytest

from skilltrack.record.connection import APPLICATION_ID, identify
from skilltrack.record.migrations import SCHEMA_VERSION
from tests.reliability.records import (
    application_id,
    count_rows,
    integrity,
    release_together,
    start_writer,
    user_version,
)


@pytest.mark.parametrize("trial", range(3))
def test_two_processes_creating_the_same_record_at_once_both_succeed(tmp_path: Path, trial: int) -> None:
    folder = tmp_path / f"trial-{trial}" / "data"  # the folders are missing too
    path = folder / "record.sqlite3"
    children = [start_writer(path, 1, tag, wait=True) for tag in ("A", "B")]
    try:
        release_together(children)
        outputs = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    for child, (output, error) in zip(children, outputs, strict=True):
        assert child.returncode == 0, error
        assert output.split() == ["1"]

    assert identify(path) == SCHEMA_VERSION
    assert application_id(path) == APPLICATION_ID
    assert user_version(path) == SCHEMA_VERSION
    assert integrity(path) == "ok"
    # Both wrote to the same file: neither was left writing to a copy that was then thrown away.
    assert count_rows(path, "learning_session") == 2
    assert count_rows(path, "skill") == 1
    leftovers = [child.name for child in folder.iterdir() if child.name.endswith((".new", ".partial"))]
    assert leftovers == []
