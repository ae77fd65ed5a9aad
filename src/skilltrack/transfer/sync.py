"""``skilltrack sync DIR``: the record's operations exchanged through a folder people already sync.

The folder holds, per replica (one per record, on each machine)::

    skilltrack-<replica>.ops.jsonl    its operations, one JSON object a line, in clock order; appended
                                      to by that replica alone
    skilltrack-<replica>.seen.json    how far it has applied every other replica's file (for compaction
                                      and ``sync --status``); replaced whole, by that replica alone

so whatever carries the folder between machines — git, Syncthing, Dropbox, a USB stick — never sees
two machines write one file. The record itself never goes into the folder (a copy of a live SQLite
file is how such tools corrupt one).

A sync reads what is new in the other replicas' files (from where it stopped last time), applies it in
one write transaction (:mod:`skilltrack.record.replicate`: all of it or, killed, none), then appends
this replica's new operations to its own file and says how far it has seen. A line cut short by a
killed sync is never read (a line counts once it ends) and is replaced by the next sync. Nothing new:
one ``stat`` per file and no write to the record but the time of the sync.

Compaction: once every replica's ``seen`` file shows it has applied this replica's operations up to some
clock, the ones before it that a later operation of this replica overrides (an older value of a field,
the fields of a row it has since deleted) are dropped from its file — a new replica starting from the
folder still gets every row's present state and every tombstone.
"""

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from skilltrack.domain.clocks import ZERO, is_clock
from skilltrack.domain.errors import InputError
from skilltrack.record.opener import Record
from skilltrack.record.operations import (
    ACTIONS,
    BY_TABLE,
    Operation,
    count_own_operations_after,
    own_operations_after,
    replica_state,
)
from skilltrack.record.replicate import Applied, apply_operations
from skilltrack.record.values import now_stored

PREFIX = "skilltrack-"
OPS_SUFFIX = ".ops.jsonl"
SEEN_SUFFIX = ".seen.json"
_TAIL = 64 * 1024


@dataclass(frozen=True)
class PeerFile:
    replica: str
    path: Path
    size: int


@dataclass
class SyncResult:
    folder: Path
    replica: str
    read: dict[str, int] = field(default_factory=dict)
    """Operations read per other replica."""
    applied: Applied = field(default_factory=Applied)
    sent: int = 0
    compacted: int = 0
    problems: list[str] = field(default_factory=list)
    """Lines or files that could not be read (named, skipped)."""


@dataclass(frozen=True)
class PeerStatus:
    replica: str
    pending: int
    """Complete lines in its file this record has not applied yet."""
    seen_ours: str | None
    """The clock up to which it says it has applied this replica's operations."""


@dataclass(frozen=True)
class SyncStatus:
    folder: Path
    replica: str
    unsent: int
    peers: tuple[PeerStatus, ...]
    last_sync_at_utc: str | None
    last_sync_folder: str | None


def ops_file(folder: Path, replica: str) -> Path:
    return folder / f"{PREFIX}{replica}{OPS_SUFFIX}"


def seen_file(folder: Path, replica: str) -> Path:
    return folder / f"{PREFIX}{replica}{SEEN_SUFFIX}"


def check_folder(folder: Path, record_path: Path) -> Path:
    """The folder to sync through, or :class:`InputError`: it must exist, be a folder, and not hold the
    record (a folder sync tool copying a live SQLite file damages the copy)."""
    folder = folder.expanduser()
    if not folder.exists():
        raise InputError("folder", f"there is no folder at {folder}; create it (or give the one you sync)")
    if not folder.is_dir():
        raise InputError("folder", f"{folder} is a file; give a folder")
    record = record_path.expanduser().absolute()
    try:
        inside = record.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if inside:
        raise InputError(
            "folder",
            f"{folder} holds your record itself; sync through a folder of its own (never let a "
            "folder sync tool copy the live record)",
        )
    return folder


def peer_files(folder: Path, replica: str) -> list[PeerFile]:
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if not (name.startswith(PREFIX) and name.endswith(OPS_SUFFIX)):
                continue
            other = name[len(PREFIX) : -len(OPS_SUFFIX)]
            if other == replica or len(other) != 32:
                continue
            try:
                size = entry.stat().st_size
            except OSError:
                continue
            found.append(PeerFile(other, Path(entry.path), size))
    return sorted(found, key=lambda peer: peer.replica)


def _operation(line: bytes, replica: str) -> Operation | None:
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    clock, entity, row = data.get("clock"), data.get("entity"), data.get("row")
    field_name, action = data.get("field", ""), data.get("action")
    if not (is_clock(clock) and isinstance(clock, str) and clock.endswith(replica)):
        return None
    if entity not in BY_TABLE or action not in ACTIONS:
        return None
    if not isinstance(row, str) or not row or not isinstance(field_name, str):
        return None
    value = data.get("value")
    return Operation(
        clock, str(entity), row, field_name, str(action), None if action == "delete" else json.dumps(value)
    )


def read_new_lines(path: Path, offset: int) -> tuple[list[bytes], int]:
    """The complete lines of ``path`` from byte ``offset``, and the offset after the last of them."""
    with path.open("rb") as handle:
        handle.seek(offset)
        data = handle.read()
    end = data.rfind(b"\n")
    if end < 0:
        return [], offset
    return data[: end + 1].splitlines(), offset + end + 1


@dataclass(frozen=True)
class _Peer:
    file: str
    read_bytes: int
    last_clock: str


def _peers(db: sqlite3.Connection) -> dict[str, _Peer]:
    return {
        replica: _Peer(file, read_bytes, last_clock)
        for replica, file, read_bytes, last_clock in db.execute(
            "SELECT replica, file, read_bytes, last_clock FROM sync_peer"
        )
    }


def _read_peer(peer: PeerFile, known: _Peer | None, problems: list[str]) -> tuple[list[Operation], _Peer]:
    """The operations in ``peer``'s file after what was applied from it, and where reading stopped."""
    last_clock = ZERO if known is None else known.last_clock
    offset = 0 if known is None else known.read_bytes
    if offset and not _ends_with_clock(peer.path, offset, last_clock):
        # Rewritten since (compacted, or replaced by the folder's own sync): the stored offset may fall
        # anywhere in it, so it is read again from the start, keeping only the operations not yet seen.
        offset = 0
    lines, end = read_new_lines(peer.path, offset)
    operations = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        operation = _operation(line, peer.replica)
        if operation is None:
            problems.append(f"{peer.path.name}: a line that is not an operation was skipped (line {number})")
            continue
        if operation.clock > last_clock:
            operations.append(operation)
    newest = max((operation.clock for operation in operations), default=last_clock)
    return operations, _Peer(peer.path.name, end, newest)


def _ends_with_clock(path: Path, offset: int, clock: str) -> bool:
    """Whether the line of ``path`` that ends at byte ``offset`` is the operation stamped ``clock``: the
    file still holds, up to ``offset``, what was read from it last time."""
    start = max(0, offset - _TAIL)
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            before = handle.read(offset - start)
    except OSError:
        return False
    if len(before) != offset - start or not before.endswith(b"\n"):
        return False
    line = before[:-1].rsplit(b"\n", 1)[-1]
    if len(line) == len(before) - 1 and start > 0:
        return False  # a line longer than the window: cannot tell, so read again
    try:
        found = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(found, dict) and found.get("clock") == clock


def _tail(handle: BinaryIO, size: int) -> tuple[int, bytes]:
    """The end of a file holding its last complete line whole (at least the last 64 KiB, more when that
    line is longer): where that part starts, and its bytes."""
    start = size
    while True:
        start = max(0, start - _TAIL)
        handle.seek(start)
        tail = handle.read(size - start)
        end = tail.rfind(b"\n")
        if start == 0 or (end > 0 and b"\n" in tail[:end]):
            return start, tail


def _last_clock_in(tail: bytes) -> str:
    """The clock of the last complete operation line in ``tail``."""
    end = tail.rfind(b"\n")
    for line in reversed(tail[: end + 1].splitlines() if end >= 0 else []):
        try:
            clock = json.loads(line).get("clock")
        except (ValueError, AttributeError):
            continue
        if is_clock(clock):
            return str(clock)
    return ZERO


def _own_last_clock(path: Path) -> str:
    """The clock of the last complete line of this replica's own file; a line cut short by a killed sync
    is cut off (it was never complete, so no one has read it)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return ZERO
    with path.open("r+b") as handle:
        start, tail = _tail(handle, size)
        complete = tail.rfind(b"\n") + 1
        if complete != len(tail):
            handle.truncate(start + complete)
            handle.flush()
            os.fsync(handle.fileno())
    return _last_clock_in(tail)


def _line(operation: Operation) -> bytes:
    data: dict[str, Any] = {
        "clock": operation.clock,
        "entity": operation.entity,
        "row": operation.row,
        "field": operation.field,
        "action": operation.action,
    }
    if operation.value is not None:
        data["value"] = json.loads(operation.value)
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _append(path: Path, operations: Iterator[Operation]) -> int:
    count = 0
    with path.open("ab") as handle:
        batch: list[bytes] = []
        for operation in operations:
            batch.append(_line(operation))
            count += 1
            if len(batch) >= 5000:
                handle.write(b"".join(batch))
                batch.clear()
        handle.write(b"".join(batch))
        handle.flush()
        os.fsync(handle.fileno())
    return count


def _write_whole(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _write_seen(folder: Path, replica: str, seen: dict[str, str]) -> None:
    document = {"format": "skilltrack-sync-seen", "version": 1, "replica": replica, "seen": seen}
    _write_whole(seen_file(folder, replica), (json.dumps(document, indent=1, sort_keys=True) + "\n").encode())


def read_seen(folder: Path, replica: str) -> dict[str, str] | None:
    """What replica ``replica`` says it has applied of every other's file; ``None`` if unreadable."""
    try:
        document = json.loads(seen_file(folder, replica).read_bytes())
    except (OSError, ValueError):
        return None
    seen = document.get("seen") if isinstance(document, dict) else None
    if not isinstance(seen, dict):
        return None
    return {str(key): str(value) for key, value in seen.items() if is_clock(value)}


def _unchanged(peer: PeerFile, previous: "_Peer | None") -> bool:
    """Nothing new in ``peer``'s file since it was read: the same size, ending with the same operation
    (compaction may rewrite a file to the very size it had, with a newer operation at its end)."""
    if previous is None or previous.file != peer.path.name or previous.read_bytes != peer.size:
        return False
    return _last_clock_read_only(peer.path) == previous.last_clock


def sync(record: Record, folder: Path) -> SyncResult:
    """One sync of ``record`` through ``folder`` (checked by :func:`check_folder`)."""
    with record.reading() as db:
        state = replica_state(db)
        known = _peers(db)
    result = SyncResult(folder, state.replica)
    incoming: list[Operation] = []
    reached: dict[str, _Peer] = {}
    for peer in peer_files(folder, state.replica):
        previous = known.get(peer.replica)
        if _unchanged(peer, previous):
            continue
        operations, reached[peer.replica] = _read_peer(peer, previous, result.problems)
        result.read[peer.replica] = len(operations)
        incoming.extend(operations)
    own = ops_file(folder, state.replica)
    own_last = _own_last_clock(own)
    with record.writing() as db:
        mine_missing = _own_operations_lost(db, own, own_last, result.problems)
        result.applied = apply_operations(db, [*incoming, *mine_missing])
        for replica, position in reached.items():
            db.execute(
                "INSERT OR REPLACE INTO sync_peer (replica, file, read_bytes, last_clock) "
                "VALUES (?, ?, ?, ?)",
                (replica, position.file, position.read_bytes, position.last_clock),
            )
        db.execute(
            "UPDATE sync_replica SET last_sync_at_utc = ?, last_sync_folder = ? WHERE id = 1",
            (now_stored(), str(folder.absolute())),
        )
    with record.reading() as db:
        result.sent = _append(own, own_operations_after(db, replica=state.replica, clock=own_last))
        seen = {replica: peer.last_clock for replica, peer in _peers(db).items()}
    _write_seen(folder, state.replica, seen)
    if result.sent or any(result.read.values()):
        # Compaction reads this replica's whole file: never for a sync with nothing new.
        result.compacted = compact(folder, state.replica)
    return result


def _own_operations_lost(
    db: sqlite3.Connection, own: Path, own_last: str, problems: list[str]
) -> list[Operation]:
    """Operations of this replica in its own file that the record no longer has (an older backup was
    restored over it): they come back like any other replica's."""
    state = replica_state(db)
    if own_last <= state.clock:
        return []
    mine, _ = _read_peer(PeerFile(state.replica, own, own.stat().st_size), None, problems)
    return [operation for operation in mine if operation.clock > state.clock]


def sync_status(record: Record, folder: Path) -> SyncStatus:
    """What a sync through ``folder`` would send and apply, without changing anything."""
    with record.reading() as db:
        state = replica_state(db)
        known = _peers(db)
        own_last = ZERO
        own = ops_file(folder, state.replica)
        if own.exists():
            own_last = _last_clock_read_only(own)
        unsent = count_own_operations_after(db, replica=state.replica, clock=own_last)
    peers = []
    for peer in peer_files(folder, state.replica):
        previous = known.get(peer.replica)
        pending = 0 if _unchanged(peer, previous) else len(_read_peer(peer, previous, [])[0])
        seen = read_seen(folder, peer.replica) or {}
        peers.append(PeerStatus(peer.replica, pending, seen.get(state.replica)))
    return SyncStatus(
        folder, state.replica, unsent, tuple(peers), state.last_sync_at_utc, state.last_sync_folder
    )


def _last_clock_read_only(path: Path) -> str:
    size = path.stat().st_size
    with path.open("rb") as handle:
        return _last_clock_in(_tail(handle, size)[1])


def compact(folder: Path, replica: str) -> int:
    """Drop from this replica's own file the operations every replica has applied and a later one of
    its own overrides; how many went. Replaced whole (a reader mid-way reads it again from the start)."""
    own = ops_file(folder, replica)
    others = [peer.replica for peer in peer_files(folder, replica)]
    if not others or not own.exists():
        return 0
    acknowledged = []
    for other in others:
        seen = read_seen(folder, other)
        if seen is None or replica not in seen:
            return 0
        acknowledged.append(seen[replica])
    horizon = min(acknowledged)
    lines, _ = read_new_lines(own, 0)
    parsed = [(line, _operation(line, replica)) for line in lines]
    last_write: dict[tuple[str, str, str], str] = {}
    deleted: dict[tuple[str, str], str] = {}
    for _, operation in parsed:
        if operation is None:
            continue
        if operation.action == "delete":
            deleted[(operation.entity, operation.row)] = operation.clock
        elif operation.action == "update":
            key = (operation.entity, operation.row, operation.field)
            last_write[key] = max(last_write.get(key, ZERO), operation.clock)
    kept = []
    for line, operation in parsed:
        if operation is not None and operation.clock <= horizon:
            tombstone = deleted.get((operation.entity, operation.row))
            # The creation of a row with a natural key stays: it says which name the deletion was of,
            # which another replica's row of that name needs to know.
            keyed = operation.action == "create" and BY_TABLE[operation.entity].natural_key is not None
            if (
                tombstone is not None
                and operation.action != "delete"
                and operation.clock < tombstone
                and not keyed
            ):
                continue
            overridden = operation.action == "update" and (
                last_write[(operation.entity, operation.row, operation.field)] > operation.clock
            )
            if overridden:
                continue
        kept.append(line)
    dropped = len(lines) - len(kept)
    if dropped:
        _write_whole(own, b"".join(line + b"\n" for line in kept))
    return dropped


def since_last_sync(stored: str | None, now: datetime) -> str:
    """When the last sync was, in words: ``never``, ``just now``, ``12 min ago``, ``3 h ago``,
    ``5 days ago (2026-11-29)`` (what ``sync --status`` and the app's Sync screen say)."""
    if stored is None:
        return "never"
    then = datetime.fromisoformat(stored).replace(tzinfo=UTC)
    minutes = max(0, int((now - then).total_seconds() // 60))
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // (24 * 60)} days ago ({then:%Y-%m-%d})"
