"""``-o FILE`` never writes over the record, its journal, a backup, or any SQLite database."""

import os
from pathlib import Path

import pytest

from tests.cli.helpers import Run, one_error_line


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "csv"], ["report"]])
def test_output_over_the_record_or_a_backup_is_refused(run: Run, command: list[str]) -> None:
    record = Path(os.environ["SKILLTRACK_DB"])
    assert run("log", "Go", "30m").code == 0
    before = record.read_bytes()
    backups = record.parent / "backups"
    backups.mkdir(exist_ok=True)
    other_database = record.parent / "other.sqlite3"
    other_database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)

    for target in (record, record.with_name(record.name + "-wal"), backups / "copy.json", other_database):
        result = run(*command, "-o", str(target))
        assert result.code == 2, (target, result)
        assert "output" in one_error_line(result)
    assert record.read_bytes() == before
    assert run("session", "list", "--json").code == 0


def test_output_to_an_ordinary_file_is_written(run: Run, tmp_path: Path) -> None:
    assert run("log", "Go", "30m").code == 0
    target = tmp_path / "record.json"
    assert run("export", "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("{")
