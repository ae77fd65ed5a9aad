"""What a backup's file name says, read without opening the file, and whether an automatic one is due.

A backup is named ``<record>-<identity>-<UTC stamp>-<kind>[-<serial>].sqlite3``, e.g.
``skilltrack-3f2a9c1e-20261124T183000Z-auto.sqlite3``: the record's file name without its suffix, the
first :data:`IDENTITY_IN_NAME` hex digits of the record's identity (``record_identity``, schema 3), when
and why it was taken. Two records in one folder (``skilltrack.sqlite3`` and ``skilltrack.db``, or one
moved in beside another) so never share their backups. Names from before records had an identity,
``<record>-<UTC stamp>-<kind>[-<serial>].sqlite3``, are still read: they say nothing of the record.

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
IDENTITY_IN_NAME = 8
"""How many hex digits of the record's identity a backup's name carries: enough that two records never
meet on them (one chance in four billion), few enough to read. Whatever deletes or restores a backup
reads its whole identity through SQLite first."""
_HEX = frozenset("0123456789abcdef")

NameParts = tuple[datetime, str, int | None, int, str | None]
"""When, which kind, the schema before an upgrade (else ``None``), the serial (1 if none), and the start
of the record's identity (``None`` in a name from before backups carried one)."""


def backups_folder(database: Path) -> Path:
    return database.parent / "backups"


def name_identity(identity: str | None) -> str | None:
    """The part of the record's identity its backups' names carry (``None`` for a record without one)."""
    return None if identity is None else identity[:IDENTITY_IN_NAME]


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


def _stamp_and_kind(text: str) -> tuple[datetime, str, int | None, int] | None:
    """``<stamp>-<kind>[-<serial>]``: when, which kind, the schema before an upgrade and the serial."""
    taken_at = stamp_instant(text[:16])
    if taken_at is None or text[16:17] != "-":
        return None
    rest = text[17:]
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


def name_parts(database: Path, name: str) -> NameParts | None:
    """What ``<record>-[<identity>-]<stamp>-<kind>[-<serial>].sqlite3`` says (see :data:`NameParts`);
    ``None`` if it names no backup of a record at ``database``'s file name."""
    prefix = f"{database.stem}-"
    if not (name.startswith(prefix) and name.endswith(BACKUP_SUFFIX)):
        return None
    middle = name[len(prefix) : len(name) - len(BACKUP_SUFFIX)]
    # A stamp begins with eight digits and a "T", so "<8 hex digits>-" cannot be mistaken for one.
    head = middle[:IDENTITY_IN_NAME]
    if middle[IDENTITY_IN_NAME : IDENTITY_IN_NAME + 1] == "-" and set(head) <= _HEX:
        parts = _stamp_and_kind(middle[IDENTITY_IN_NAME + 1 :])
        return None if parts is None else (*parts, head)
    parts = _stamp_and_kind(middle)
    return None if parts is None else (*parts, None)


def backed_up_lately(database: Path, now: datetime, identity: str | None = None) -> bool:
    """Whether a backup skilltrack took by itself of the record with ``identity`` is younger than
    :data:`AUTO_INTERVAL`, from the names alone (``identity`` ``None``: a record without one, whose
    backups are those named without one). ``OSError`` when the backups folder cannot be listed."""
    try:
        with os.scandir(backups_folder(database)) as entries:
            names = [entry.name for entry in entries]
    except FileNotFoundError:
        return False
    wanted = name_identity(identity)
    for name in names:
        parts = name_parts(database, name)
        if (
            parts is not None
            and parts[4] == wanted
            and parts[1] in SELF_TAKEN
            and timedelta(0) <= now - parts[0] < AUTO_INTERVAL
        ):
            return True
    return False
