"""Copies of the record through SQLite's backup API (never a plain file copy), each verified.

Backups live in ``backups/`` beside the record, named after the record and its identity (see
:mod:`skilltrack.record.backup_names`): ``<record>-<identity>-<UTC stamp>-<kind>.sqlite3``, e.g.
``skilltrack-3f2a9c1e-20261124T183000Z-auto.sqlite3``. The name says whose backup it is, when and why it
was taken, so deciding whether one is due is one directory listing, never a look inside the files; and
two records in one folder never see, thin or restore each other's backups. Before a backup is deleted or
restored, its whole identity is read through SQLite: a name is never trusted alone for either.

Kinds: ``auto`` (taken on opening the record, at most one per 30 minutes, thinned), ``manual``
(``skilltrack backup``), ``pre-upgrade-schemaN`` (before an upgrade from schema N), ``pre-restore`` (the
record as it was before ``skilltrack restore``), ``pre-fix`` (before ``skilltrack check --fix``) and
``damaged`` (a record too damaged to copy, moved aside by a restore). Only ``auto`` backups are ever
deleted, by thinning, and only those carrying the record's identity.

Every copy is verified: ``PRAGMA quick_check`` on the copy, and the same number of rows in every table,
the same schema and the same identity as the source had in the very snapshot that was copied.
"""

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from skilltrack.record.backup_names import AUTO_INTERVAL as AUTO_INTERVAL
from skilltrack.record.backup_names import BACKUP_SUFFIX as BACKUP_SUFFIX
from skilltrack.record.backup_names import SELF_TAKEN as SELF_TAKEN
from skilltrack.record.backup_names import STAMP_FORMAT as STAMP_FORMAT
from skilltrack.record.backup_names import UPGRADE_KIND, name_parts
from skilltrack.record.backup_names import backups_folder as backups_folder
from skilltrack.record.backup_names import name_identity as name_identity
from skilltrack.record.backup_names import utc_now as utc_now
from skilltrack.record.connection import (
    IDENTITY_SINCE,
    identify_with_identity,
    read_identity,
    read_only,
    record_identity,
    write_identity,
)
from skilltrack.record.ddl import SCHEMA_VERSION
from skilltrack.record.errors import StorageError
from skilltrack.record.values import new_id

_BOOKKEEPING = frozenset({"record_identity", "sync_replica"})
"""Tables a brand-new record already has a row in: a record holding nothing else is empty."""
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
    record: str | None = None
    """The start of the record's identity the name carries; ``None`` in a name from before backups
    carried one (it says nothing of the record)."""

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

    @property
    def kind_in_name(self) -> str:
        return self.kind if self.from_schema is None else f"{UPGRADE_KIND}{self.from_schema}"


def backup_name(
    database: Path, kind: str, taken_at: datetime, serial: int = 1, *, identity: str | None = None
) -> str:
    """The name of a backup of ``database``; without ``identity``, as named before records had one."""
    stamp = taken_at.astimezone(UTC).strftime(STAMP_FORMAT)
    extra = f"-{serial}" if serial > 1 else ""
    record = "" if identity is None else f"{name_identity(identity)}-"
    return f"{database.stem}-{record}{stamp}-{kind}{extra}{BACKUP_SUFFIX}"


def parse_backup_name(database: Path, path: Path) -> BackupFile | None:
    """The backup of a record at ``database``'s file name that ``path`` names; ``None`` if it is none."""
    parts = name_parts(database, path.name)
    return None if parts is None else BackupFile(path, *parts)


def named_backups(database: Path) -> list[BackupFile]:
    """Every backup named for a record at ``database``'s file name, of any identity, newest first."""
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


def backups_named_for(database: Path, identity: str | None) -> list[BackupFile]:
    """The backups whose names carry ``identity`` (``None``: those named before backups carried one),
    newest first; names alone, one directory listing."""
    wanted = name_identity(identity)
    return [backup for backup in named_backups(database) if backup.record == wanted]


def list_backups(database: Path) -> list[BackupFile]:
    """The backups of the record at ``database``, newest first, by their names: those carrying its
    identity (read through SQLite), or for a record without one (or none readable), those named before
    backups carried one. :func:`check_backups` looks inside them too."""
    return backups_named_for(database, _readable_identity(database)[1])


@dataclass(frozen=True)
class CheckedBackup:
    """A backup as its name describes it, and what a cheap look inside it (through SQLite) found."""

    file: BackupFile
    schema: int | None
    identity: str | None
    """The identity of the record it is a copy of; ``None`` when it has none (made by schema 1 or 2) or
    it cannot be read."""
    problem: str | None
    """Why it cannot be restored (damaged, cut short, not a skilltrack record, from a newer skilltrack);
    ``None`` when it opens as a skilltrack record."""
    this_record: bool | None
    """``True``: a backup of this record; ``None``: it cannot be told (made before backups carried their
    record's identity, or the record's own cannot be read)."""

    @property
    def damaged(self) -> bool:
        return self.problem is not None


@dataclass(frozen=True)
class BackupListing:
    """The backups of one record: :func:`check_backups`."""

    identity: str | None
    """The record's identity; ``None`` when it has none or it cannot be read."""
    unidentified: str | None
    """Why the record's identity cannot be read (there is no record, or it is damaged); then the backups
    of every record named like it are listed, none as this record's."""
    backups: list[CheckedBackup]


def check_backups(database: Path) -> BackupListing:
    """The backups of the record at ``database``, newest first, each looked inside through SQLite.

    Listed: those carrying the record's identity, and those named before backups carried one (unless
    they hold another record's identity); never another record's. Each is opened read-only as
    :func:`~skilltrack.record.connection.identify` opens a record: the header, the application id, the
    schema and the schema's own pages are read, and the identity, so a file that is cut short, is not
    SQLite, is another program's or a newer skilltrack's is marked damaged, at well under a millisecond
    a file. Damage deep inside the pages is left to ``PRAGMA quick_check`` at restore (tens of
    milliseconds a 30 MB file, seconds for a folder of them: too slow for a listing).
    """
    unidentified: str | None = None
    identity: str | None = None
    if not database.exists():
        unidentified = "there is no record there"
    else:
        try:
            identity = record_identity(database)
        except StorageError as error:
            unidentified = error.problem
    listed = []
    for backup in named_backups(database):
        if unidentified is None and backup.record not in (None, name_identity(identity)):
            continue  # another record's, by its name: not even opened
        schema, found, problem = _look_inside(backup.path)
        this_record = None
        if unidentified is None:
            this_record = belongs_to(identity, found, backup.record, schema)
            if this_record is False:
                continue
        listed.append(CheckedBackup(backup, schema, found, problem, this_record))
    return BackupListing(identity, unidentified, listed)


def _look_inside(path: Path) -> tuple[int | None, str | None, str | None]:
    """Its schema, its record's identity, and why it cannot be used (``None`` if it can); never raises."""
    try:
        schema, identity = identify_with_identity(path)
    except StorageError as error:
        return None, None, error.problem
    except (sqlite3.Error, OSError, ValueError) as error:
        return None, None, f"cannot be read ({error})"
    return schema, identity, None


def belongs_to(
    record: str | None, identity: str | None, name_record: str | None, schema: int | None
) -> bool | None:
    """Whether a backup holding ``identity`` (of schema ``schema``, named with ``name_record``) is a
    backup of the record whose identity is ``record``: ``None`` when it cannot be told.

    A backup holding an identity is this record's exactly when it is the record's. One holding none (made
    by schema 1 or 2) is known to be this record's only when its name carries the record's identity: the
    upgrade that gave the record its identity names the backup it took just before so. Any other is of
    an unknown record, never assumed to be this one.
    """
    if identity is not None:
        return identity == record
    from_before_identities = schema is None or schema < IDENTITY_SINCE
    if record is not None and from_before_identities and name_record == name_identity(record):
        return True
    return None


# ── verified copies ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Copy:
    """A verified copy: where it is, and what it holds (rows per table, schema version, identity)."""

    path: Path
    counts: dict[str, int]
    schema: int
    identity: str | None = None

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


Fingerprint = tuple[int, int, str | None]
"""Application id, schema version and record identity: what a copy must have as its source had."""


def _fingerprint(connection: sqlite3.Connection) -> Fingerprint:
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    return application_id, version, read_identity(connection)


def _verify(copy: sqlite3.Connection, counts: dict[str, int], fingerprint: Fingerprint) -> str | None:
    """What is wrong with the copy, or ``None`` if it holds exactly what the source did."""
    damaged = _damage_in(copy)
    if damaged:
        return "; ".join(damaged[:3])
    if _fingerprint(copy) != fingerprint:
        return "its application id, schema version or identity differs from the record's"
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
        reader.execute("BEGIN")  # one snapshot for the counts, the identity and the copy
        counts = table_counts(reader)
        fingerprint = _fingerprint(reader)
        if skip_if_empty and not any(rows for table, rows in counts.items() if table not in _BOOKKEEPING):
            return None
        partial.parent.mkdir(parents=True, exist_ok=True)
        writer = sqlite3.connect(partial, isolation_level=None)
        try:
            reader.backup(writer, progress=_give_up_after(LOCK_WAIT_SECONDS))
            # The copy stands alone: one file, no -wal beside it.
            writer.execute("PRAGMA journal_mode = DELETE")
            problem = _verify(writer, counts, fingerprint)
        finally:
            writer.close()
    finally:
        reader.close()
    if problem is not None:
        raise _CopyCheckError(problem)
    return Copy(partial, counts, fingerprint[1], fingerprint[2])


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


Targets = Callable[[str | None], Sequence[Path]]
"""Where a copy may go, given the identity of the record it copies: the first free one is taken."""


def _verified_copy(
    source: Path, partial: Path, targets: Targets, *, skip_if_empty: bool = False
) -> Copy | None:
    """Copy ``source`` to the first of ``targets`` not yet taken, verified; never replaces a file.

    The names are chosen after the copy, from the identity read in the very snapshot copied.
    """
    where: Path = partial.parent
    try:
        copy = _copy_to_partial(source, partial, skip_if_empty=skip_if_empty)
        if copy is None:
            return None
        chosen = targets(copy.identity)
        where = chosen[0]
        for target in chosen:
            try:
                _place(partial, target)
            except FileExistsError:
                continue
            return replace(copy, path=target)
        raise StorageError(where, "already exists; a backup never replaces a file", "choose another name")
    except sqlite3.Error as error:
        raise StorageError(source, f"could not be backed up to {where} ({error})") from None
    except _CopyCheckError as failure:
        raise StorageError(source, f"backup to {where} failed its check ({failure})") from None
    except OSError as error:
        raise StorageError(
            source, f"could not be backed up to {where} ({error.strerror or error})", "check that folder"
        ) from None
    finally:
        partial.unlink(missing_ok=True)


def backup_to(database: Path, target: Path) -> Path:
    """Copy ``database`` to ``target`` consistently, even while others write, and verify the copy."""
    return copy_to(database, target).path


def copy_to(database: Path, target: Path) -> Copy:
    """:func:`backup_to`, telling what the verified copy holds."""
    copy = _verified_copy(database, _partial_beside(target), lambda identity: [target])
    assert copy is not None
    return copy


def _serials(
    folder: Path, database: Path, kind: str, taken_at: datetime, identity: str | None = None
) -> list[Path]:
    return [
        folder / backup_name(database, kind, taken_at, serial, identity=identity) for serial in range(1, 100)
    ]


def take_backup(
    database: Path, kind: str, *, now: datetime | None = None, skip_if_empty: bool = False
) -> Copy | None:
    """A verified backup of kind ``kind`` in the backups folder, named after the record's identity (as
    named before records had one, for a record without one); ``None`` only if skipped as empty."""
    taken_at = (now or utc_now()).replace(microsecond=0)
    folder = backups_folder(database)

    def targets(identity: str | None) -> list[Path]:
        return _serials(folder, database, kind, taken_at, identity)

    return _verified_copy(
        database, _partial_beside(folder / database.name), targets, skip_if_empty=skip_if_empty
    )


def backup_before_upgrade(database: Path, from_version: int) -> Path:
    copy = take_backup(database, f"{UPGRADE_KIND}{from_version}")
    assert copy is not None
    return copy.path


def name_after_identity(backup: Path, database: Path, identity: str | None) -> Path:
    """``backup`` renamed to carry ``identity``: for the backup taken just before the upgrade that gave
    the record its identity (it holds none itself). Where it already carries it, or cannot be renamed,
    it stays as it is (then listed as a backup of an unknown record: never taken for another's)."""
    parsed = parse_backup_name(database, backup)
    if identity is None or parsed is None or parsed.record == name_identity(identity):
        return backup
    with suppress(OSError):
        for target in _serials(backup.parent, database, parsed.kind_in_name, parsed.taken_at, identity):
            try:
                _place(backup, target)
            except FileExistsError:
                continue
            return target
    return backup


# ── automatic backups and thinning ─────────────────────────────────────────────────────────────


def auto_backup(database: Path, *, now: datetime | None = None) -> Path | None:
    """Take an automatic backup if one is due; never raise (a failure is one warning line on stderr).

    Due when no backup skilltrack took by itself of this record is younger than :data:`AUTO_INTERVAL`
    (judged from the names, which carry the record's identity) and the record holds any row. After a
    new one, this record's older automatic backups are thinned (:func:`backups_to_delete`).
    """
    try:
        return _auto_backup(database, now or utc_now())
    except Exception as error:  # the person's command matters more than this backup
        _warn(database, error)
        return None


def _auto_backup(database: Path, now: datetime) -> Path | None:
    if _recent(backups_named_for(database, record_identity(database)), now):
        return None
    made = take_backup(database, "auto", now=now, skip_if_empty=True)
    if made is None:
        return None
    if made.identity is not None:  # a record without an identity has no backups known to be its own
        autos = [backup for backup in backups_named_for(database, made.identity) if backup.kind == "auto"]
        for old in backups_to_delete(autos, keep=made.path):
            _delete_if_a_copy_of(old.path, made.identity)
    _remove_stale_partials(made.path.parent)
    return made.path


def _delete_if_a_copy_of(path: Path, identity: str) -> None:
    """Delete the backup at ``path`` if SQLite says it is a copy of the record ``identity``; a file that
    cannot be read, or is another record's whatever its name, is left alone."""
    try:
        _, found = identify_with_identity(path)
    except (StorageError, sqlite3.Error):
        return
    if found == identity:
        with suppress(OSError):
            path.unlink()


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
    identity: str | None = None
    """The identity of the record it is a copy of; ``None`` for one made by schema 1 or 2."""


@dataclass(frozen=True)
class Restored:
    contents: BackupContents
    kept: Path | None
    """The record as it was: a verified ``pre-restore`` backup, or (``damaged``) the file moved aside."""
    damaged: bool = False
    upgraded: bool = False
    """The backup's content was brought to the current schema on its way in."""


Upgrade = Callable[[sqlite3.Connection, int], None]
"""Runs the schema steps from a version on, in an open transaction (``migrations.run_steps``: given by
the caller, since the migrations take their backups through this module)."""


def examine_backup(backup: Path) -> BackupContents:
    """Check that ``backup`` is a sound skilltrack record no newer than this skilltrack; read-only."""
    advice = "choose another backup (see: skilltrack backups); the record was not changed"
    try:
        schema = identify_with_identity(backup)[0]
    except StorageError as error:
        raise StorageError(backup, error.problem, advice) from None
    try:
        with _closing(read_only(backup)) as connection:
            connection.execute("BEGIN")
            damaged = _damage_in(connection)
            counts = table_counts(connection)
            identity = read_identity(connection)
    except sqlite3.Error as error:
        raise StorageError(backup, f"cannot be read as a backup ({error})", advice) from None
    if damaged:
        raise StorageError(backup, f"is damaged ({'; '.join(damaged[:3])})", advice)
    return BackupContents(backup, schema, counts, identity)


def other_record_refusal(database: Path, contents: BackupContents) -> StorageError | None:
    """Why restoring ``contents`` over the record at ``database`` needs ``--other-record``: it is a backup
    of another record, or of one that cannot be told. ``None`` when it is known to be this record's, or
    when there is no record there to tell (none, or one too damaged to read its identity: a restore moves
    it aside whole) and the backup is not that of a record beside it named alike (:func:`_live_twin`)."""
    readable, record = _readable_identity(database)
    if not readable:
        twin = None if contents.identity is None else _live_twin(database, contents.identity)
        if twin is None:
            return None
        problem = (
            f"is a backup of the record at {twin} ({name_identity(contents.identity)}), which is beside "
            f"{database} and named like it"
        )
        advice = (
            f"nothing was changed; restore it there (skilltrack --db {twin} restore …), or add "
            "--other-record to start a record of its own here from it"
        )
        return StorageError(contents.path, problem, advice)
    parsed = parse_backup_name(database, contents.path)
    name_record = None if parsed is None else parsed.record
    if belongs_to(record, contents.identity, name_record, contents.schema):
        return None
    this = f"record {name_identity(record)}" if record else "made before records had an identity"
    if contents.identity is None:
        problem = (
            f"was made before backups carried their record's identity, so it cannot be told whether "
            f"it is a backup of the record at {database} ({this})"
        )
        advice = (
            "the record was not changed; if it is this record's, restore it with --other-record "
            "(the record as it is now is kept as a backup)"
        )
    else:
        problem = (
            f"is a backup of another record ({name_identity(contents.identity)}), "
            f"not of the record at {database} ({this})"
        )
        advice = (
            "the record was not changed; choose one of its own backups (see: skilltrack backups), or "
            "add --other-record to replace its content with this one (the record as it is now is kept "
            "as a backup)"
        )
    return StorageError(contents.path, problem, advice)


def _readable_identity(database: Path) -> tuple[bool, str | None]:
    """Whether there is a record at ``database`` whose identity can be read, and that identity."""
    if not database.exists():
        return False, None
    try:
        return True, record_identity(database)
    except StorageError:
        return False, None


def _live_twin(database: Path, identity: str) -> Path | None:
    """Another record beside ``database``, named like it but for its suffix (so its backups are named
    alike), that carries ``identity``: a backup of it restored as this record would make two records
    share one identity, and so their backups. Each candidate is asked of SQLite, read-only."""
    try:
        with os.scandir(database.parent) as entries:
            candidates = [Path(entry.path) for entry in entries if entry.is_file()]
    except OSError:
        return None
    for path in candidates:
        if path.name == database.name or path.stem != database.stem:
            continue
        if path.name.endswith(("-wal", "-shm", "-journal")):
            continue
        with suppress(StorageError, sqlite3.Error):
            if identify_with_identity(path)[1] == identity:
                return path
    return None


def identity_after_restore(database: Path, contents: BackupContents) -> str | None:
    """The identity the record at ``database`` keeps when ``contents`` is restored there: its own when it
    can be read; a new one when it has none yet, or when the backup's is a live record's beside it (two
    records never share one); else the backup's (``None``: whatever the content has or is given)."""
    readable, own = _readable_identity(database)
    if own is not None:
        return own
    if contents.identity is None:
        return None
    if readable or _live_twin(database, contents.identity) is not None:
        return new_id()
    return None


def restore_backup(
    database: Path,
    backup: Path,
    *,
    now: datetime | None = None,
    other_record: bool = False,
    upgrade: Upgrade | None = None,
) -> Restored:
    """Replace the record's content with ``backup``'s, keeping the record as it was as a backup first.

    A backup of another record (or of one that cannot be told) is refused unless ``other_record``
    (:func:`other_record_refusal`). The record keeps its own identity whatever it is given, so that its
    backups stay its own. The backup is first copied beside the record and prepared there: brought to
    the current schema by ``upgrade`` and given the record's identity. A sound record is then kept as a
    verified ``pre-restore`` backup and overwritten in place through the backup API, so other programs
    with the record open see the old content or the new, never a mix. A record too damaged to copy is
    moved aside instead.
    """
    contents = examine_backup(backup)
    if database.exists() and _same_file(database, backup):
        raise StorageError(backup, "is the record itself", "choose a backup (see: skilltrack backups)")
    if not other_record:
        refused = other_record_refusal(database, contents)
        if refused is not None:
            raise refused
    now = now or utc_now()
    keep = identity_after_restore(database, contents)
    staged, upgraded = _stage(backup, contents, database, keep, upgrade)
    try:
        if not database.exists():
            set_aside_orphan_journal(database, now)
            _place_restored(staged, database, backup)
            return Restored(contents, None, upgraded=upgraded)
        if not _quick_check(database):  # damaged, or not SQLite at all: it cannot be copied, so keep it whole
            kept = _move_aside(database, now, _readable_identity(database)[1])
            try:
                _place_restored(staged, database, backup)
            except BaseException:
                _move_back(kept, database)
                raise
            return Restored(contents, kept, damaged=True, upgraded=upgraded)
        pre_restore = take_backup(database, "pre-restore", now=now)
        assert pre_restore is not None
        _copy_into_live(staged, database, backup)
        return Restored(contents, pre_restore.path, upgraded=upgraded)
    finally:
        staged.unlink(missing_ok=True)


def _stage(
    backup: Path, contents: BackupContents, database: Path, keep: str | None, upgrade: Upgrade | None
) -> tuple[Path, bool]:
    """A verified copy of ``backup`` beside the record, at the current schema (with ``upgrade``) and
    with the identity ``keep`` (when the record has one): no one else has it open while it is changed."""
    unchanged = "the record was not changed"
    staged = _partial_beside(database)
    upgraded = False
    try:
        _copy_to_partial(backup, staged)
        with _closing(sqlite3.connect(staged, isolation_level=None)) as connection:
            connection.execute("PRAGMA foreign_keys = OFF")  # as an upgrade runs: no cascades
            connection.execute("BEGIN IMMEDIATE")
            if contents.schema < SCHEMA_VERSION and upgrade is not None:
                broken = len(connection.execute("PRAGMA foreign_key_check").fetchall())
                upgrade(connection, contents.schema)
                if len(connection.execute("PRAGMA foreign_key_check").fetchall()) > broken:
                    raise _CopyCheckError("the upgrade of its content would break references")
                upgraded = True
            schema = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if keep is not None and schema >= IDENTITY_SINCE and read_identity(connection) != keep:
                write_identity(connection, keep)
            connection.execute("COMMIT")
    except (sqlite3.Error, _CopyCheckError) as error:
        staged.unlink(missing_ok=True)
        raise StorageError(database, f"could not be restored from {backup} ({error})", unchanged) from None
    except OSError as error:
        staged.unlink(missing_ok=True)
        problem = f"could not be restored from {backup} ({error.strerror or error})"
        raise StorageError(database, problem, f"{unchanged}; check its folder") from None
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged, upgraded


def _place_restored(staged: Path, database: Path, backup: Path) -> None:
    try:
        _place(staged, database)
    except FileExistsError:
        raise StorageError(
            database, "appeared while the backup was being prepared", "it was not changed; try again"
        ) from None
    except OSError as error:
        raise StorageError(
            database, f"could not be restored from {backup} ({error.strerror or error})", "check its folder"
        ) from None


def _copy_into_live(staged: Path, database: Path, backup: Path) -> None:
    unchanged = "the record was not changed"
    try:
        with _closing(read_only(staged)) as reader:
            reader.execute("BEGIN")
            counts = table_counts(reader)
            fingerprint = _fingerprint(reader)
            with _closing(sqlite3.connect(database, timeout=10, isolation_level=None)) as live:
                reader.backup(live, progress=_give_up_after(LOCK_WAIT_SECONDS))
                problem = _verify(live, counts, fingerprint)
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


def _move_aside(database: Path, now: datetime, identity: str | None = None) -> Path:
    """Move a damaged record (and its -wal) into the backups folder, untouched, under a free name."""
    folder = backups_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for target in _serials(folder, database, "damaged", now.replace(microsecond=0), identity):
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
