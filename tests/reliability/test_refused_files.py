"""Files that are not a usable skilltrack record are refused clearly and never changed."""

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from skilltrack.record.connection import APPLICATION_ID, identify
from skilltrack.record.errors import StorageError
from skilltrack.record.migrations import SCHEMA_VERSION
from skilltrack.record.opener import open_record
from tests.reliability.records import (
    application_id,
    child_environment,
    count_rows,
    fingerprint,
    make_record,
    raw_connection,
    user_version,
)


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def text_file(path: Path) -> None:
    path.write_text("name,minutes\nGo,30\nPostgreSQL,45\n", encoding="utf-8")


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(20261124).randbytes(64 * 1024))


def truncated_record(path: Path) -> None:
    make_record(path, sessions=400, note_size=200)
    data = path.read_bytes()
    assert len(data) > 64 * 1024, "the record should span many pages"
    path.write_bytes(data[: len(data) // 2])


def foreign_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT, total REAL)")
        connection.executemany(
            "INSERT INTO invoice (customer, total) VALUES (?, ?)", [("Acme", 12.5), ("Globex", 99.0)]
        )
        connection.commit()
    finally:
        connection.close()
    assert application_id(path) == 0


def newer_record(path: Path) -> None:
    make_record(path, sessions=10)
    connection = raw_connection(path)
    try:
        connection.execute("PRAGMA user_version = 99")
    finally:
        connection.close()
    assert user_version(path) == 99
    assert application_id(path) == APPLICATION_ID


REFUSED: dict[str, Callable[[Path], None]] = {
    "empty": empty_file,
    "text": text_file,
    "random-bytes": random_bytes,
    "truncated": truncated_record,
    "foreign-sqlite": foreign_database,
    "newer-schema": newer_record,
}


def run_cli(path: Path, *arguments: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-m", "skilltrack", "--db", str(path), *arguments],
        capture_output=True,
        text=True,
        env=child_environment(),
        timeout=60,
        check=False,
    )


def assert_one_line_failure(result: "subprocess.CompletedProcess[str]", path: Path) -> str:
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    return lines[0]


@pytest.mark.parametrize("make", REFUSED.values(), ids=REFUSED.keys())
def test_open_record_refuses_and_leaves_the_file_untouched(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    path = tmp_path / "record.sqlite3"
    make(path)
    before = fingerprint(path)

    with pytest.raises(StorageError) as caught:
        open_record(path)

    error = caught.value
    assert error.path == path
    assert str(path) in str(error)
    assert error.advice, f"no advice on what to do: {error}"
    assert fingerprint(path) == before


@pytest.mark.parametrize("make", REFUSED.values(), ids=REFUSED.keys())
def test_the_command_line_refuses_in_one_line_and_leaves_the_file_untouched(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    path = tmp_path / "record.sqlite3"
    make(path)
    before = fingerprint(path)

    result = run_cli(path, "status")

    assert_one_line_failure(result, path)
    assert fingerprint(path) == before


def test_refusals_say_what_the_file_is(tmp_path: Path) -> None:
    expectations = {
        "empty": "empty",
        "text": "not a skilltrack database",
        "random-bytes": "not a skilltrack database",
        "truncated": "damaged",
        "foreign-sqlite": "another program",
        "newer-schema": "newer skilltrack",
    }
    for name, make in REFUSED.items():
        path = tmp_path / f"{name}.sqlite3"
        make(path)
        with pytest.raises(StorageError) as caught:
            identify(path)
        assert expectations[name] in str(caught.value), name


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "record.sqlite3"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")

    with pytest.raises(StorageError) as caught:
        open_record(folder)
    assert str(folder) in str(caught.value)
    assert "folder" in str(caught.value)
    assert caught.value.advice

    result = run_cli(folder, "status")
    assert_one_line_failure(result, folder)
    assert sorted(child.name for child in folder.iterdir()) == ["keep.txt"]
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "mine"


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable even for root (the immutable attribute), or by its mode otherwise."""
    if os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode != 0:
            pytest.skip("running as root on a filesystem without the immutable attribute")
        try:
            yield
        finally:
            subprocess.run([chattr, "-i", str(path)], check=True)
        return
    path.chmod(0o444)
    try:
        yield
    finally:
        path.chmod(0o644)


def test_a_read_only_record_can_be_read_but_a_write_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    make_record(path, sessions=10)
    with read_only(path):
        before = fingerprint(path)
        listing = run_cli(path, "session", "list")
        assert "Traceback" not in listing.stdout + listing.stderr
        assert listing.returncode == 0, listing.stderr

        written = run_cli(path, "log", "Go", "30m")
        line = assert_one_line_failure(written, path)
        assert "read-only" in line
        assert fingerprint(path) == before
    assert count_rows(path, "learning_session") == 10


def test_a_missing_file_in_missing_folders_is_created_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "record.sqlite3"

    open_record(path).close()

    assert path.is_file()
    assert application_id(path) == APPLICATION_ID
    assert user_version(path) == SCHEMA_VERSION
    assert identify(path) == SCHEMA_VERSION

    again = open_record(path)
    try:
        with again.reading() as db:
            assert db.execute("SELECT count(*) FROM skill").fetchone()[0] == 0
    finally:
        again.close()
    assert not [child.name for child in path.parent.iterdir() if child.name.endswith(".new")]


def test_a_missing_file_is_created_by_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "new" / "record.sqlite3"
    result = run_cli(path, "log", "Go", "30m")
    assert result.returncode == 0, result.stderr
    assert count_rows(path, "learning_session") == 1
