"""Storage problems as one clear line naming the file and what to do."""

import sqlite3
from pathlib import Path


class StorageError(Exception):
    """The record's file cannot be used as asked. ``str()`` is the line shown to the user."""

    def __init__(self, path: Path, problem: str, advice: str = "") -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        message = f"{path}: {problem}"
        super().__init__(f"{message}; {advice}" if advice else message)


class NoRecordError(StorageError):
    """There is no record at the path, and the command would not make one (it only reads)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "there is no record here yet",
            "log a session or set your profile to start one, or check the path given to --db",
        )


class RecordError(Exception):
    """A request the record refuses (an unknown skill, a duplicate name, a timer already running)."""


def explain_sqlite_error(path: Path, error: BaseException) -> StorageError:
    """Translate SQLite's error into what happened to this file and what the person can do."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StorageError(
            path,
            "is locked by another program that is writing to it",
            "wait for it to finish, or close it, and try again",
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(
            path, "is read-only", "check its permissions and those of its folder, or use --db PATH"
        )
    if "disk is full" in text or "database or disk is full" in text or "disk i/o" in text:
        return StorageError(
            path,
            "could not be written: the disk is full or failing",
            "free some space and try again; nothing was saved by this command",
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StorageError(
            path,
            "is damaged or is not a skilltrack database",
            "it was left untouched; restore a backup or use --db PATH for another file",
        )
    if "unable to open" in text:
        return StorageError(path, "cannot be opened", "check that its folder exists and is writable")
    if isinstance(error, sqlite3.IntegrityError) or "constraint" in text:
        return StorageError(path, f"refused a change that would break the record ({error})")
    return StorageError(path, f"could not be used ({error})")
