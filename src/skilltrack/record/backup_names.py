"""What a backup's file name says, read without opening the file, and whether an automatic one is due.

Apart from :mod:`skilltrack.record.backup` (which uses and re-exports these), so that opening the record
finds that no backup is due with one directory listing, without importing the copying machinery; that
import, with :mod:`uuid` and :mod:`_strptime`, took a tenth of ``skilltrack log``.
"""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

AUTO_INTERVAL = timedelta(minutes=30)
"""At most one automatic backup per this much time of use."""
SELF_TAKEN = frozenset({"auto", "pre-upgrade", "pre-restore", "pre-fix"})
"""Kinds skilltrack takes by itself: a recent one of any of these makes an automatic backup not due."""
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
BACKUP_SUFFIX = ".sqlite3"
NAMED_KINDS = frozenset({"auto", "manual", "pre-restore", "pre-fix", "damaged"})
"""Every kind but ``pre-upgrade``, which is named ``pre-upgrade-schemaN`` after the schema it upgraded."""
UPGRADE_KIND = "pre-upgrade-schema"


def backups_folder(database: Path) -> Path:
    return database.parent / "backups"


def utc_now() -> datetime:
    """The clock backups are stamped with: ``SKILLTRACK_NOW`` if set (tests, demos), else the system's."""
    from skilltrack.clock import clock_now
    from skilltrack.domain.errors import InputError

    try:
        return clock_now(os.environ)
    except InputError:
        return datetime.now(UTC)


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def stamp_instant(stamp: str) -> datetime | None:
    """``20261124T183000Z`` → that instant in UTC; ``None`` when it is not such a stamp."""
    if len(stamp) != 16 or stamp[8] != "T" or stamp[15] != "Z":
        return None
    digits = stamp[:8] + stamp[9:15]
    if _number(digits) is None:
        return None
    try:
        return datetime(
            int(digits[0:4]),
            int(digits[4:6]),
            int(digits[6:8]),
            int(digits[8:10]),
            int(digits[10:12]),
            int(digits[12:14]),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def _kind(text: str) -> tuple[str, int | None] | None:
    """The kind a name's kind part stands for, with the schema of a ``pre-upgrade`` one."""
    if text in NAMED_KINDS:
        return text, None
    if text.startswith(UPGRADE_KIND):
        schema = _number(text[len(UPGRADE_KIND) :])
        if schema is not None:
            return "pre-upgrade", schema
    return None


def name_parts(database: Path, name: str) -> tuple[datetime, str, int | None, int] | None:
    """What ``<record>-<stamp>-<kind>[-<serial>].sqlite3`` says: when, which kind, the schema before an
    upgrade (else ``None``) and the serial (1 if none); ``None`` if it names no backup of ``database``."""
    prefix = f"{database.stem}-"
    if not (name.startswith(prefix) and name.endswith(BACKUP_SUFFIX)):
        return None
    middle = name[len(prefix) : len(name) - len(BACKUP_SUFFIX)]
    taken_at = stamp_instant(middle[:16])
    if taken_at is None or middle[16:17] != "-":
        return None
    rest = middle[17:]
    kind, serial = _kind(rest), 1
    if kind is None:
        head, dash, tail = rest.rpartition("-")
        number = _number(tail)
        if not dash or number is None:
            return None
        kind, serial = _kind(head), number
        if kind is None:
            return None
    return taken_at, kind[0], kind[1], serial


def backed_up_lately(database: Path, now: datetime) -> bool:
    """Whether a backup skilltrack took by itself is younger than :data:`AUTO_INTERVAL`, from the names
    alone. ``OSError`` when the backups folder cannot be listed."""
    try:
        with os.scandir(backups_folder(database)) as entries:
            names = [entry.name for entry in entries]
    except FileNotFoundError:
        return False
    for name in names:
        parts = name_parts(database, name)
        if parts is not None and parts[1] in SELF_TAKEN and timedelta(0) <= now - parts[0] < AUTO_INTERVAL:
            return True
    return False
