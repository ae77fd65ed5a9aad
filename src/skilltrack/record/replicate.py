"""Applying other replicas' operations to this record: the rules every copy follows to end up the same.

The rules, each decided by the operations alone so that every replica decides the same whatever order
it meets them in (they are applied in clock order; :mod:`skilltrack.record.operations` says what an
operation is):

- **Once.** An operation already applied (same clock, row and field) is skipped: applying is idempotent.
- **A later write wins a field.** An update applies only if no write to that field (or the row's
  creation) carries a later clock.
- **A delete is for good.** Deleting a row removes it with what hangs on it (its sessions, as on the
  machine that deleted it), and the tombstone stays: a later create or edit of it is not applied.
- **Rows created twice become one.** A skill or project name, a story title, a mock interview's session
  that two replicas both created (or a rename that makes two rows one name) becomes one row under the
  lower UUID, each field taken from the later write, every reference re-pointed.
- **Whatever it decides is said**: merges, edits dropped because the row was deleted elsewhere, rows
  dropped because what they belong to was deleted.

The caller holds one write transaction around :func:`apply_operations`: a sync is applied whole or not
at all.
"""

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from skilltrack.domain.clocks import parse_clock, received
from skilltrack.domain.names import name_key
from skilltrack.record.operations import BY_TABLE, Entity, Operation
from skilltrack.record.values import new_id

State = dict[str, Any]
"""A row as operations carry it: plain fields as stored, references as UUIDs, lists as lists."""

_CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "skill": (
        ("learning_session", "skill_id"),
        ("skill_rating", "skill_id"),
        ("skill_alias", "skill_id"),
        ("project_skill", "skill_id"),
        ("running_timer", "skill_id"),
    ),
    "project": (("evidence", "project_id"), ("story", "project_id"), ("project_skill", "project_id")),
    "learning_session": (("interview_practice", "session_id"),),
}
"""Where rows hang on a row by its local id: re-pointed when two rows become one."""

_ROW_AND_MERGED = (
    "(SELECT field, clock, action FROM sync_operation WHERE entity = ? AND row_uuid = ? UNION ALL "
    "SELECT o.field, o.clock, o.action FROM sync_merge AS m CROSS JOIN sync_operation AS o "
    "ON o.entity = m.entity AND o.row_uuid = m.from_uuid WHERE m.entity = ? AND m.to_uuid = ?)"
)
"""Operations on a row: made on its UUID or on one of the rows that became it. CROSS JOIN keeps the few
merges outside: without statistics SQLite may otherwise scan every operation for each one applied."""

_NULLABLE_REFERENCES = frozenset({("evidence", "project"), ("story", "project")})


@dataclass
class Applied:
    """What one sync did with the operations it read."""

    applied: int = 0
    already: int = 0
    """Applied by an earlier sync (or this replica's own)."""
    superseded: int = 0
    """A later write (or a delete) had already decided the field."""
    decisions: list[str] = field(default_factory=list)
    """What had to be decided, in words."""


def apply_operations(db: sqlite3.Connection, operations: Iterable[Operation]) -> Applied:
    """Apply ``operations`` in clock order; the caller's write transaction holds it all."""
    result = Applied()
    latest_seen: tuple[int, int] | None = None
    db.execute("UPDATE sync_replica SET applying = 1 WHERE id = 1")
    ordered = sorted(operations, key=lambda item: item.clock)
    try:
        # Deletes are kept before anything is applied, so that a create meets its row's tombstone even
        # when both arrive in one sync: whether a row is deleted must not depend on how syncs fall.
        pending = {
            operation.clock
            for operation in ordered
            if operation.action == "delete" and _Applier(db, operation, result).keep_delete()
        }
        for operation in ordered:
            _Applier(db, operation, result, pending).run()
            parsed = parse_clock(operation.clock)
            if parsed is not None and (latest_seen is None or parsed[:2] > latest_seen):
                latest_seen = parsed[:2]
        if latest_seen is not None:
            own_ms, own_counter = db.execute(
                "SELECT clock_ms, counter FROM sync_replica WHERE id = 1"
            ).fetchone()
            clock_ms, counter = received(own_ms, own_counter, *latest_seen)
            db.execute("UPDATE sync_replica SET clock_ms = ?, counter = ? WHERE id = 1", (clock_ms, counter))
    finally:
        db.execute("UPDATE sync_replica SET applying = 0 WHERE id = 1")
    return result


def _label(entity: Entity, state: State) -> str:
    for name in ("name", "title"):
        if isinstance(state.get(name), str) and state[name]:
            return f"{entity.table.replace('_', ' ')} {state[name]!r}"
    return entity.table.replace("_", " ")


def _latest(clocks: dict[str, str], name: str) -> str:
    """The clock of the last write to field ``name`` (its own, or the row's creation)."""
    return max(clocks.get(name, ""), clocks.get("", ""))


def _later_fields(
    ours: State, our_clocks: dict[str, str] | str, theirs: State, their_clocks: dict[str, str]
) -> State:
    """Two rows as one: each field from the row whose last write to it is later. ``our_clocks`` may be
    one clock for every field (a create being applied)."""
    merged: State = {}
    for name in {*ours, *theirs}:
        if name not in theirs:
            merged[name] = ours[name]
        elif name not in ours:
            merged[name] = theirs[name]
        else:
            mine = our_clocks if isinstance(our_clocks, str) else _latest(our_clocks, name)
            merged[name] = ours[name] if mine > _latest(their_clocks, name) else theirs[name]
    return merged


class _Applier:
    def __init__(
        self,
        db: sqlite3.Connection,
        operation: Operation,
        result: Applied,
        pending_deletes: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        self.db = db
        self.op = operation
        self.result = result
        self.pending_deletes = pending_deletes
        self.entity = BY_TABLE[operation.entity]
        self.row = self._translated(self.entity.table, operation.row)

    # -- bookkeeping -------------------------------------------------------------------------------

    def _translated(self, table: str, uuid: str) -> str:
        found = self.db.execute(
            "SELECT to_uuid FROM sync_merge WHERE entity = ? AND from_uuid = ?", (table, uuid)
        ).fetchone()
        return uuid if found is None else str(found[0])

    def _clocks(self, uuid: str) -> dict[str, str]:
        """The latest clock of every field's writes to ``uuid`` ('' : its creation)."""
        return {
            str(name): str(clock)
            for name, clock in self.db.execute(
                f"SELECT field, max(clock) FROM {_ROW_AND_MERGED} WHERE action <> 'delete' GROUP BY field",
                (self.entity.table, uuid, self.entity.table, uuid),
            )
        }

    def _tombstoned(self, uuid: str) -> bool:
        return (
            self.db.execute(
                f"SELECT 1 FROM {_ROW_AND_MERGED} WHERE field = '' AND action = 'delete' LIMIT 1",
                (self.entity.table, uuid, self.entity.table, uuid),
            ).fetchone()
            is not None
        )

    def _store(self) -> bool:
        """Keep the operation (under the row it applies to); ``False`` if it was already kept."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO sync_operation (clock, replica, entity, row_uuid, field, action, value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                self.op.clock,
                self.op.replica,
                self.entity.table,
                self.row,
                self.op.field,
                self.op.action,
                self.op.value,
            ),
        )
        return cursor.rowcount == 1

    # -- rows ----------------------------------------------------------------------------------------

    def _local_id(self, table: str, uuid: str) -> int | None:
        entity = BY_TABLE[table]
        if entity.singleton:
            found = self.db.execute(f"SELECT id FROM {table} LIMIT 1").fetchone()
        else:
            found = self.db.execute(
                f"SELECT id FROM {table} WHERE uuid = ?", (self._translated(table, uuid),)
            ).fetchone()
        return None if found is None else int(found[0])

    def _state(self, uuid: str) -> State | None:
        entity = self.entity
        pairs = []
        for name in entity.field_names:
            reference = entity.reference(name)
            value = (
                f"o.{name}"
                if reference is None
                else f"(SELECT uuid FROM {reference.entity} WHERE id = o.{reference.column})"
            )
            pairs.append(f"'{name}', {value}")
        lists = [f"'{item.field}', json({item.value_sql})" for item in entity.lists]
        where = "1 = 1 LIMIT 1" if entity.singleton else "o.uuid = ?"
        found = self.db.execute(
            f"SELECT json_object({', '.join([*pairs, *lists])}) FROM {entity.table} AS o WHERE {where}",
            () if entity.singleton else (uuid,),
        ).fetchone()
        return None if found is None else dict(json.loads(found[0]))

    def _columns(self, state: State) -> tuple[dict[str, Any], str | None]:
        """Columns to store for ``state`` (references as local ids); a reason if it cannot be stored."""
        columns: dict[str, Any] = {}
        for name, value in state.items():
            if self.entity.list_field(name) is not None or name not in self.entity.field_names:
                continue
            reference = self.entity.reference(name)
            if reference is None:
                columns[name] = value
                continue
            local = None if value is None else self._local_id(reference.entity, str(value))
            if local is None and value is not None:
                if (self.entity.table, name) in _NULLABLE_REFERENCES:
                    self.result.decisions.append(
                        f"{_label(self.entity, state)} kept without its {name}, deleted on another machine"
                    )
                else:
                    return columns, f"its {name} was deleted on another machine"
            columns[reference.column] = local
        return columns, None

    def _write(self, uuid: str, state: State) -> bool:
        """Store ``state`` into the row ``uuid`` (which exists)."""
        columns, problem = self._columns(state)
        if problem is not None:
            return False
        if columns:
            assignments = ", ".join(f"{name} = ?" for name in columns)
            where = "1 = 1" if self.entity.singleton else "uuid = ?"
            self.db.execute(
                f"UPDATE {self.entity.table} SET {assignments} WHERE {where}",
                (*columns.values(), *(() if self.entity.singleton else (uuid,))),
            )
        for item in self.entity.lists:
            if item.field in state:
                self._write_list(uuid, item.field, state[item.field] or [])
        return True

    def _write_list(self, uuid: str, name: str, values: list[str]) -> None:
        owner = self._local_id(self.entity.table, uuid)
        if owner is None:
            return
        if name == "aliases":
            self.db.execute("DELETE FROM skill_alias WHERE skill_id = ?", (owner,))
            for alias in values:
                key = name_key(alias)
                taken = self.db.execute(
                    "SELECT 1 FROM skill_alias WHERE alias_key = ? UNION ALL "
                    "SELECT 1 FROM skill WHERE name_key = ? AND id <> ?",
                    (key, key, owner),
                ).fetchone()
                if taken is not None:
                    self.result.decisions.append(f"alias {alias!r} left out: another skill has that name")
                    continue
                self.db.execute(
                    "INSERT INTO skill_alias (skill_id, alias, alias_key) VALUES (?, ?, ?)",
                    (owner, alias, key),
                )
        elif name == "skills":
            self.db.execute("DELETE FROM project_skill WHERE project_id = ?", (owner,))
            for skill_uuid in values:
                skill = self._local_id("skill", skill_uuid)
                if skill is not None:
                    self.db.execute(
                        "INSERT OR IGNORE INTO project_skill (project_id, skill_id) VALUES (?, ?)",
                        (owner, skill),
                    )

    def _insert(self, state: State) -> bool:
        columns, problem = self._columns(state)
        if problem is not None:
            self.result.decisions.append(f"{_label(self.entity, state)} not added: {problem}")
            return False
        if self.entity.singleton:
            columns.setdefault("uuid", new_id())
            columns["id"] = 1
        else:
            columns["uuid"] = self.row
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        self.db.execute(
            f"INSERT INTO {self.entity.table} ({names}) VALUES ({marks})", tuple(columns.values())
        )
        for item in self.entity.lists:
            if item.field in state:
                self._write_list(self.row, item.field, state[item.field] or [])
        return True

    def _key_holder(self, state: State, besides: str | None) -> str | None:
        """The UUID of another row holding ``state``'s natural key, if any."""
        key = self.entity.natural_key
        if key is None or state.get(key) is None:
            return None
        reference = self.entity.reference(key)
        if reference is None:
            column, value = key, state[key]
        else:
            column, value = reference.column, self._local_id(reference.entity, str(state[key]))
            if value is None:
                return None
        found = self.db.execute(
            f"SELECT uuid FROM {self.entity.table} WHERE {column} = ? AND uuid IS NOT ?", (value, besides)
        ).fetchone()
        return None if found is None else str(found[0])

    # -- the rules -----------------------------------------------------------------------------------

    def keep_delete(self) -> bool:
        """Keep this delete operation ahead of applying; ``False`` if it was already kept."""
        return self.op.action == "delete" and self._store()

    def run(self) -> None:
        clocks = self._clocks(self.row)
        fresh_delete = self.op.action == "delete" and self.op.clock in self.pending_deletes
        if not fresh_delete and not self._store():
            self.result.already += 1
            return
        if self.op.action == "delete":
            self._delete()
        elif self._tombstoned(self.row):
            self.result.superseded += 1
            if self.op.action == "create":
                self._fold_earlier_holder()
        elif self.op.action == "create":
            self._create(clocks)
        else:
            self._update(clocks)

    def _delete(self) -> None:
        where = "1 = 1" if self.entity.singleton else "uuid = ?"
        cursor = self.db.execute(
            f"DELETE FROM {self.entity.table} WHERE {where}", () if self.entity.singleton else (self.row,)
        )
        if cursor.rowcount:
            self.result.applied += 1
        else:
            self.result.superseded += 1

    def _incoming(self) -> State:
        value = json.loads(self.op.value or "null")
        if self.op.action == "create":
            return dict(value) if isinstance(value, dict) else {}
        return {self.op.field: value}

    def _newer_fields(self, incoming: State, clocks: dict[str, str]) -> State:
        return {name: value for name, value in incoming.items() if self.op.clock > _latest(clocks, name)}

    def _create(self, clocks: dict[str, str]) -> None:
        incoming = self._incoming()
        current = self._state(self.row)
        if current is not None:
            newer = self._newer_fields(incoming, clocks)
            if newer and self._write(self.row, newer):
                self.result.applied += 1
            else:
                self.result.superseded += 1
            return
        deleted_twin = self._deleted_twin(incoming)
        if deleted_twin is not None:
            # Created under the name of a row deleted later: the two were one row, and it was deleted.
            self._map(self.row, deleted_twin)
            self.result.superseded += 1
            self.result.decisions.append(
                f"{_label(self.entity, incoming)} was added on two machines and removed on one: removed"
            )
            return
        holder = self._key_holder(incoming, None)
        if holder is None:
            if self._insert(incoming):
                self.result.applied += 1
            return
        # The same name created on two machines: one row, under the lower UUID.
        theirs = self._clocks(holder)
        holder_state = self._state(holder) or {}
        merged = _later_fields(incoming, self.op.clock, holder_state, theirs)
        keep = min(self.row, holder)
        if keep == self.row:
            self._rename_row(holder, self.row)
        else:
            self._map(self.row, holder)
        self._write(keep, merged)
        self.result.applied += 1
        self.result.decisions.append(f"{_label(self.entity, merged)} was added on two machines: kept as one")

    def _update(self, clocks: dict[str, str]) -> None:
        name = self.op.field
        if name not in self.entity.field_names and self.entity.list_field(name) is None:
            self.result.superseded += 1
            return
        current = self._state(self.row)
        if current is None:
            self.result.superseded += 1
            return
        if self.op.clock < _latest(clocks, name):
            self.result.superseded += 1
            return
        incoming = self._incoming()
        holder = (
            self._key_holder({**current, **incoming}, self.row) if name == self.entity.natural_key else None
        )
        if holder is None:
            if self._write(self.row, incoming):
                self.result.applied += 1
            else:
                self.result.superseded += 1
            return
        # A rename onto a name another row holds: the two rows become one, field by field the later.
        theirs = self._clocks(holder)
        holder_state = self._state(holder) or {}
        ours = {**current, **incoming}
        clocks_now = {**clocks, name: self.op.clock}
        merged = _later_fields(ours, clocks_now, holder_state, theirs)
        keep, lose = sorted((self.row, holder))
        self._fold(lose, keep)
        self._write(keep, merged)
        self.result.applied += 1
        self.result.decisions.append(
            f"{_label(self.entity, merged)} was two rows on two machines: kept as one"
        )

    # -- a row deleted that another machine had created too ------------------------------------------

    def _key_at_delete(self, uuid: str, deleted_at: str) -> object:
        """The natural key row ``uuid`` held when it was deleted, from its operations."""
        key = self.entity.natural_key
        found: object = None
        for action, value in self.db.execute(
            "SELECT action, value FROM sync_operation WHERE entity = ? AND row_uuid = ? AND clock < ? "
            "AND (action = 'create' OR (action = 'update' AND field = ?)) ORDER BY clock",
            (self.entity.table, uuid, deleted_at, key),
        ):
            loaded = json.loads(value) if isinstance(value, str) else value
            if action == "update":
                found = loaded
            elif isinstance(loaded, dict):
                found = loaded.get(key)
        return found

    def _deleted_twin(self, state: State) -> str | None:
        """The lowest UUID of another row deleted *after* this create's clock that held the same natural
        key when it was deleted: a create that early is the same row (it would have become one with it),
        so the delete takes it too. A create after the delete is a new row."""
        key = self.entity.natural_key
        if key is None or state.get(key) is None:
            return None
        twins = sorted(
            str(uuid)
            for uuid, deleted_at in self.db.execute(
                "SELECT row_uuid, min(clock) FROM sync_operation WHERE entity = ? AND action = 'delete' "
                "AND field = '' AND clock > ? AND row_uuid <> ? GROUP BY row_uuid",
                (self.entity.table, self.op.clock, self.row),
            )
            if self._key_at_delete(str(uuid), str(deleted_at)) == state[key]
        )
        return twins[0] if twins else None

    def _fold_earlier_holder(self) -> None:
        """This create's row is deleted (later in clock order). A live row holding its natural key that was
        created before that delete is the same row, created on another machine: it goes with it."""
        incoming = self._incoming()
        holder = self._key_holder(incoming, self.row)
        if holder is None:
            return
        deleted_at = self.db.execute(
            "SELECT min(clock) FROM sync_operation WHERE entity = ? AND row_uuid = ? AND action = 'delete'",
            (self.entity.table, self.row),
        ).fetchone()[0]
        created_at = self.db.execute(
            "SELECT min(clock) FROM sync_operation WHERE entity = ? AND row_uuid = ? AND action = 'create'",
            (self.entity.table, holder),
        ).fetchone()[0]
        if deleted_at is None or (created_at is not None and created_at > deleted_at):
            return
        label = _label(self.entity, self._state(holder) or incoming)
        self.db.execute(f"DELETE FROM {self.entity.table} WHERE uuid = ?", (holder,))
        self._map(holder, self.row)
        self.result.decisions.append(f"{label} was added on two machines and removed on one: removed")

    # -- two rows become one ---------------------------------------------------------------------------

    def _map(self, lose: str, keep: str) -> None:
        table = self.entity.table
        self.db.execute(
            "INSERT OR REPLACE INTO sync_merge (entity, from_uuid, to_uuid) VALUES (?, ?, ?)",
            (table, lose, keep),
        )
        self.db.execute(
            "UPDATE sync_merge SET to_uuid = ? WHERE entity = ? AND to_uuid = ?", (keep, table, lose)
        )
        # The operations kept stay under the row they were made on: this replica's own are sent as they
        # were made (the others learn the merge from them), and ``_clocks`` reads a row with its merged.
        if self.row == lose:
            self.row = keep

    def _rename_row(self, lose: str, keep: str) -> None:
        """The local row ``lose`` takes the UUID ``keep``: its local id, and all that hangs on it, stay."""
        self.db.execute(f"UPDATE {self.entity.table} SET uuid = ? WHERE uuid = ?", (keep, lose))
        self._map(lose, keep)

    def _fold(self, lose: str, keep: str) -> None:
        """Everything hanging on row ``lose`` moves to row ``keep``; ``lose`` goes."""
        table = self.entity.table
        lose_id, keep_id = self._local_id(table, lose), self._local_id(table, keep)
        for child, column in _CHILDREN.get(table, ()):
            self.db.execute(
                f"UPDATE OR IGNORE {child} SET {column} = ? WHERE {column} = ?", (keep_id, lose_id)
            )
        self.db.execute(f"DELETE FROM {table} WHERE uuid = ?", (lose,))
        self._map(lose, keep)
