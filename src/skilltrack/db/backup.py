"""Copies of the record through SQLite's backup API (never a plain file copy), each verified."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from skilltrack.db.errors import StorageError


def backups_folder(database: Path) -> Path:
    return database.parent / "backups"


def backup_to(database: Path, target: Path) -> Path:
    """Copy ``database`` to ``target`` consistently, even while others write, and verify the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(f"file:{quote(str(database))}?mode=ro", uri=True, timeout=10)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            result = copy.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            copy.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise StorageError(database, f"could not be backed up to {target} ({error})") from None
    finally:
        source.close()
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise StorageError(database, f"backup to {target} failed its check ({result})")
    partial.replace(target)
    return target


def backup_before_upgrade(database: Path, from_version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_folder(database) / f"{database.stem}-schema{from_version}-{stamp}.sqlite3"
    return backup_to(database, target)
