"""Copies of the record through SQLite's backup API (never a plain file copy), each verified.

Backups live in ``backups/`` beside the record, named ``<record>-<UTC stamp>-<kind>.sqlite3``, e.g.
``skilltrack-20261124T183000Z-auto.sqlite3``. The name alone says when and why a backup was taken, so
listing them and deciding whether one is due is one directory listing, never a look inside the files.

Kinds: ``auto`` (taken on opening the record, at most one per 30 minutes, thinned), ``manual``
(``skilltrack backup``), ``pre-upgrade-schemaN`` (before an upgrade from schema N), ``pre-restore`` (the
record as it was before ``skilltrack restore``), ``pre-fix`` (before ``skilltrack check --fix``) and
``damaged`` (a record too damaged to copy, moved aside by a restore). Only ``auto`` backups are ever
deleted, by thinning.

Every copy is verified: ``PRAGMA quick_check`` on the copy, and the same number of rows in every table as
the source had in the very snapshot that was copied.
"""

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from skilltrack.record.backup_names import AUTO_INTERVAL as AUTO_INTERVAL
from skilltrack.record.backup_names import BACKUP_SUFFIX as BACKUP_SUFFIX
from skilltrack.record.backup_names import SELF_TAKEN as SELF_TAKEN
from skilltrack.record.backup_names import STAMP_FORMAT as STAMP_FORMAT
from skilltrack.record.backup_names import backups_folder as backups_folder
from skilltrack.record.backup_names import name_parts
from skilltrack.record.backup_names import utc_now as utc_now
from skilltrack.record.connection import identify, read_only
from skilltrack.record.errors import StorageError

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
"""Thinning keeps the newest automatic backup of each of the last 12 days, 10 ISO weeks and 9 months."""
LOCK_WAIT_SECONDS = 30.0
"""How long a copy waits for a lock held by another program before giving up."""

_warned: set[str] = set()


# ── names and listing ──────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class BackupFile:
    """One backup in the backups folder, as its name describes it."""

    path: Path
    taken_at: datetime
    kind: str
    """``auto``, ``manual``, ``pre-upgrade``, ``pre-restore``, ``pre-fix`` or ``damaged``."""
    from_schema: int | None = None
    """For ``pre-upgrade`` backups: the schema version the record had."""
    serial: int = 1
    """2, 3, … for later backups of the same kind taken in the same second."""

    @property
    def order(self) -> tuple[datetime, int, str]:
        """Sorts backups oldest first."""
        return self.taken_at, self.serial, self.path.name

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def backup_name(database: Path, kind: str, taken_at: datetime, serial: int = 1) -> str:
    stamp = taken_at.astimezone(UTC).strftime(STAMP_FORMAT)
    extra = f"-{serial}" if serial > 1 else ""
    return f"{database.stem}-{stamp}-{kind}{extra}{BACKUP_SUFFIX}"


def parse_backup_name(database: Path, path: Path) -> BackupFile | None:
    """The backup of ``database`` that ``path`` names, or ``None`` if it is not one."""
    parts = name_parts(database, path.name)
    return None if parts is None else BackupFile(path, *parts)


def list_backups(database: Path) -> list[BackupFile]:
    """The backups of ``database`` in its backups folder, newest first (one directory listing)."""
    folder = backups_folder(database)
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise StorageError(folder, "is a file, so backups cannot be kept there", "move it away") from None
    except OSError as error:
        raise StorageError(folder, f"cannot be read ({error.strerror})", "check its permissions") from None
    found = [parse_backup_name(database, folder / name) for name in names]
    return sorted((backup for backup in found if backup is not None), key=lambda b: b.order, reverse=True)


# ── verified copies ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Copy:
    """A verified copy: where it is, and what it holds (rows per table, schema version)."""

    path: Path
    counts: dict[str, int]
    schema: int

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table of the record (in the connection's current snapshot)."""
    tables = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        table: int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]) for table in tables
    }


CONSTRAINT_MESSAGES = ("CHECK constraint failed in ", "NULL value in ")
"""How ``quick_check``/``integrity_check`` report a row breaking a constraint: not damage to the file
(the row is copied faithfully; ``skilltrack check`` reports it)."""


def damage(check_result: Sequence[str]) -> list[str]:
    """The messages of a ``quick_check``/``integrity_check`` that mean the file itself is damaged."""
    if list(check_result) == ["ok"]:
        return []
    return [message for message in check_result if not message.startswith(CONSTRAINT_MESSAGES)]


def _damage_in(connection: sqlite3.Connection) -> list[str]:
    return damage([str(row[0]) for row in connection.execute("PRAGMA quick_check")])


def _give_up_after(seconds: float) -> Callable[[int, int, int], None]:
    """A progress callback that stops a copy stuck waiting for another program's lock."""
    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    return progress


def _identity(connection: sqlite3.Connection) -> tuple[int, int]:
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    return application_id, version


def _verify(copy: sqlite3.Connection, counts: dict[str, int], identity: tuple[int, int]) -> str | None:
    """What is wrong with the copy, or ``None`` if it holds exactly what the source did."""
    damaged = _damage_in(copy)
    if damaged:
        return "; ".join(damaged[:3])
    if _identity(copy) != identity:
        return "its application id or schema version differs from the record's"
    copied = table_counts(copy)
    if copied != counts:
        differ = sorted(
            table for table in counts.keys() | copied.keys() if counts.get(table) != copied.get(table)
        )
        return f"row counts differ in {', '.join(differ)}"
    return None


def _copy_to_partial(source: Path, partial: Path, *, skip_if_empty: bool = False) -> Copy | None:
    """Copy ``source`` into the new file ``partial`` and verify it; ``None`` if empty and so asked."""
    reader = read_only(source)
    try:
        reader.execute("BEGIN")  # one snapshot for the counts and the copy
        counts = table_counts(reader)
        identity = _identity(reader)
        if skip_if_empty and not any(counts.values()):
            return None
        partial.parent.mkdir(parents=True, exist_ok=True)
        writer = sqlite3.connect(partial, isolation_level=None)
        try:
            reader.backup(writer, progress=_give_up_after(LOCK_WAIT_SECONDS))
            # The copy stands alone: one file, no -wal beside it.
            writer.execute("PRAGMA journal_mode = DELETE")
            problem = _verify(writer, counts, identity)
        finally:
            writer.close()
    finally:
        reader.close()
    if problem is not None:
        raise _CopyCheckError(problem)
    return Copy(partial, counts, identity[1])


class _CopyCheckError(Exception):
    """The copy was made but does not hold what the source did."""


def _partial_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.partial")


def _place(partial: Path, target: Path) -> None:
    """Move ``partial`` to ``target``, never replacing a file already there (``FileExistsError``)."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the check and the move are not atomic there
        if target.exists():
            raise FileExistsError(target) from None
        partial.replace(target)
        return
    partial.unlink()


def _verified_copy(source: Path, targets: Sequence[Path], *, skip_if_empty: bool = False) -> Copy | None:
    """Copy ``source`` to the first of ``targets`` not yet taken, verified; never replaces a file."""
    first = targets[0]
    partial = _partial_beside(first)
    try:
        copy = _copy_to_partial(source, partial, skip_if_empty=skip_if_empty)
        if copy is None:
            return None
        for target in targets:
            try:
                _place(partial, target)
            except FileExistsError:
                continue
            return Copy(target, copy.counts, copy.schema)
        raise StorageError(first, "already exists; a backup never replaces a file", "choose another name")
    except sqlite3.Error as error:
        raise StorageError(source, f"could not be backed up to {first} ({error})") from None
    except _CopyCheckError as failure:
        raise StorageError(source, f"backup to {first} failed its check ({failure})") from None
    except OSError as error:
        raise StorageError(
            source, f"could not be backed up to {first} ({error.strerror or error})", "check that folder"
        ) from None
    finally:
        partial.unlink(missing_ok=True)


def backup_to(database: Path, target: Path) -> Path:
    """Copy ``database`` to ``target`` consistently, even while others write, and verify the copy."""
    copy = _verified_copy(database, [target])
    assert copy is not None
    return copy.path


def copy_to(database: Path, target: Path) -> Copy:
    """:func:`backup_to`, telling what the verified copy holds."""
    copy = _verified_copy(database, [target])
    assert copy is not None
    return copy


def _serials(folder: Path, database: Path, kind: str, taken_at: datetime) -> list[Path]:
    return [folder / backup_name(database, kind, taken_at, serial) for serial in range(1, 100)]


def take_backup(
    database: Path, kind: str, *, now: datetime | None = None, skip_if_empty: bool = False
) -> Copy | None:
    """A verified backup of kind ``kind`` in the backups folder (``None`` only if skipped as empty)."""
    taken_at = (now or utc_now()).replace(microsecond=0)
    targets = _serials(backups_folder(database), database, kind, taken_at)
    return _verified_copy(database, targets, skip_if_empty=skip_if_empty)


def backup_before_upgrade(database: Path, from_version: int) -> Path:
    copy = take_backup(database, f"pre-upgrade-schema{from_version}")
    assert copy is not None
    return copy.path


# ── automatic backups and thinning ─────────────────────────────────────────────────────────────


def auto_backup(database: Path, *, now: datetime | None = None) -> Path | None:
    """Take an automatic backup if one is due; never raise (a failure is one warning line on stderr).

    Due when no backup skilltrack took by itself is younger than :data:`AUTO_INTERVAL` (judged from the
    names, so this costs one directory listing when nothing is due) and the record holds any row.
    After a new one, older automatic backups are thinned (:func:`backups_to_delete`).
    """
    try:
        return _auto_backup(database, now or utc_now())
    except Exception as error:  # the person's command matters more than this backup
        _warn(database, error)
        return None


def _auto_backup(database: Path, now: datetime) -> Path | None:
    if _recent(list_backups(database), now):
        return None
    made = take_backup(database, "auto", now=now, skip_if_empty=True)
    if made is None:
        return None
    autos = [backup for backup in list_backups(database) if backup.kind == "auto"]
    for old in backups_to_delete(autos, keep=made.path):
        with suppress(OSError):
            old.path.unlink()
    _remove_stale_partials(made.path.parent)
    return made.path


def _remove_stale_partials(folder: Path) -> None:
    """Unfinished copies left by a process killed while copying (a day old: surely not in progress)."""
    cutoff = time.time() - 24 * 3600
    for partial in folder.glob(".*.partial"):
        with suppress(OSError):
            if partial.stat().st_mtime < cutoff:
                partial.unlink()


def _recent(backups: Sequence[BackupFile], now: datetime) -> bool:
    return any(
        backup.kind in SELF_TAKEN and timedelta(0) <= now - backup.taken_at < AUTO_INTERVAL
        for backup in backups
    )


def _warn(database: Path, error: BaseException) -> None:
    if isinstance(error, OSError):
        problem = f"{error.filename or database}: {error.strerror or error}"
    else:
        problem = str(error) or type(error).__name__
    message = f"skilltrack: warning: no automatic backup was taken ({problem}); carrying on without one"
    message = " ".join(message.split())
    if message in _warned:
        return
    _warned.add(message)
    with suppress(Exception):
        print(message, file=sys.stderr)


def _day(instant: datetime) -> Hashable:
    return instant.astimezone(UTC).date()


def _week(instant: datetime) -> Hashable:
    iso = instant.astimezone(UTC).isocalendar()
    return iso.year, iso.week


def _month(instant: datetime) -> Hashable:
    day: date = instant.astimezone(UTC).date()
    return day.year, day.month


def backups_to_delete(
    autos: Sequence[BackupFile],
    *,
    keep: Path | None = None,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> list[BackupFile]:
    """Which automatic backups thinning removes: all but the newest of each of the last ``daily`` days,
    ``weekly`` ISO weeks and ``monthly`` months that have one (UTC), and never ``keep``. Pure.
    """
    newest_first = sorted(
        (backup for backup in autos if backup.kind == "auto"),
        key=lambda backup: backup.order,
        reverse=True,
    )
    kept: set[Path] = set() if keep is None else {keep}
    for bucket, wanted in ((_day, daily), (_week, weekly), (_month, monthly)):
        seen: set[Hashable] = set()
        for backup in newest_first:
            key = bucket(backup.taken_at)
            if key in seen:
                continue
            if len(seen) == wanted:
                break
            seen.add(key)
            kept.add(backup.path)
    return [backup for backup in newest_first if backup.path not in kept]


# ── restore ────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, once checked to be a sound skilltrack record this version can use."""

    path: Path
    schema: int
    counts: dict[str, int]


@dataclass(frozen=True)
class Restored:
    contents: BackupContents
    kept: Path | None
    """The record as it was: a verified ``pre-restore`` backup, or (``damaged``) the file moved aside."""
    damaged: bool = False


def examine_backup(backup: Path) -> BackupContents:
    """Check that ``backup`` is a sound skilltrack record no newer than this skilltrack; read-only."""
    advice = "choose another backup (see: skilltrack backups); the record was not changed"
    try:
        schema = identify(backup)
    except StorageError as error:
        raise StorageError(backup, error.problem, advice) from None
    try:
        with _closing(read_only(backup)) as connection:
            connection.execute("BEGIN")
            damaged = _damage_in(connection)
            counts = table_counts(connection)
    except sqlite3.Error as error:
        raise StorageError(backup, f"cannot be read as a backup ({error})", advice) from None
    if damaged:
        raise StorageError(backup, f"is damaged ({'; '.join(damaged[:3])})", advice)
    return BackupContents(backup, schema, counts)


def restore_backup(database: Path, backup: Path, *, now: datetime | None = None) -> Restored:
    """Replace the record's content with ``backup``'s, keeping the record as it was as a backup first.

    A sound record is kept as a verified ``pre-restore`` backup and then overwritten in place through the
    backup API (source: the backup; target: the live file), so other programs with the record open see
    the old content or the new, never a mix. A record too damaged to copy is moved aside instead.
    """
    contents = examine_backup(backup)
    if database.exists() and _same_file(database, backup):
        raise StorageError(backup, "is the record itself", "choose a backup (see: skilltrack backups)")
    now = now or utc_now()
    if not database.exists():
        set_aside_orphan_journal(database, now)
        _verified_copy(backup, [database])
        return Restored(contents, None)
    if not _quick_check(database):  # damaged, or not SQLite at all: it cannot be copied, so keep it whole
        kept = _move_aside(database, now)
        try:
            _verified_copy(backup, [database])
        except BaseException:
            _move_back(kept, database)
            raise
        return Restored(contents, kept, damaged=True)
    pre_restore = take_backup(database, "pre-restore", now=now)
    assert pre_restore is not None
    _copy_into_live(backup, database, contents)
    return Restored(contents, pre_restore.path)


def _copy_into_live(backup: Path, database: Path, contents: BackupContents) -> None:
    unchanged = "the record was not changed"
    try:
        with _closing(read_only(backup)) as reader:
            reader.execute("BEGIN")
            identity = _identity(reader)
            with _closing(sqlite3.connect(database, timeout=10, isolation_level=None)) as live:
                reader.backup(live, progress=_give_up_after(LOCK_WAIT_SECONDS))
                problem = _verify(live, contents.counts, identity)
    except sqlite3.Error as error:
        raise StorageError(database, f"could not be restored from {backup} ({error})", unchanged) from None
    if problem is not None:
        raise StorageError(
            database,
            f"was restored from {backup} but the result failed its check ({problem})",
            "run skilltrack check, or restore again; the record as it was is kept in the backups folder",
        )


def _quick_check(path: Path) -> bool:
    try:
        with _closing(read_only(path)) as connection:
            return not _damage_in(connection)
    except sqlite3.Error:
        return False


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _move_aside(database: Path, now: datetime) -> Path:
    """Move a damaged record (and its -wal) into the backups folder, untouched, under a free name."""
    folder = backups_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for target in _serials(folder, database, "damaged", now.replace(microsecond=0)):
            if target.exists() or Path(f"{target}-wal").exists():
                continue
            database.replace(target)
            wal = Path(f"{database}-wal")
            if wal.exists():
                wal.replace(f"{target}-wal")
            Path(f"{database}-shm").unlink(missing_ok=True)
            return target
    except OSError as error:
        raise StorageError(
            database, f"could not be moved aside ({error.strerror or error})", "the record was not changed"
        ) from None
    raise StorageError(folder, "has no free name for the damaged record", "tidy the backups folder")


def set_aside_orphan_journal(database: Path, now: datetime | None = None) -> Path | None:
    """Move a ``-wal`` left beside a missing record into the backups folder, before a file takes its place.

    SQLite would otherwise replay that journal into the new file (restored or created) and mix another
    record's pages into it. The journal is kept, not deleted: it may be all that is left of a record.
    """
    wal = Path(f"{database}-wal")
    # The journal first: a live one appears only after its record is in place, so a journal seen before
    # the record is looked for, and no record then, belongs to no live record. (In the other order,
    # another process creating the record at this moment could have its live journal moved away.)
    if not wal.exists() or database.exists():
        return None
    now = (now or utc_now()).replace(microsecond=0)
    folder = backups_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for target in _serials(folder, database, "orphan-journal", now):
            kept = Path(f"{target}-wal")
            if kept.exists():
                continue
            try:
                wal.replace(kept)
            except FileNotFoundError:
                return None  # another process creating the record at the same moment moved it first
            Path(f"{database}-shm").unlink(missing_ok=True)
            return kept
    except OSError as error:
        raise StorageError(
            database,
            f"has a journal left beside it that could not be moved aside ({error.strerror or error})",
            f"move {wal} away, then try again",
        ) from None
    raise StorageError(folder, "has no free name for the journal left beside the record", "tidy it")


def _move_back(kept: Path, database: Path) -> None:
    with suppress(OSError):
        if not database.exists():
            kept.replace(database)
            wal = Path(f"{kept}-wal")
            if wal.exists():
                wal.replace(f"{database}-wal")


@contextmanager
def _closing(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    try:
        yield connection
    finally:
        connection.close()
