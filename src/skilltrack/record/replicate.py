"""Applying other replicas' operations: every copy ends up the same, because what a row holds is worked
out from the operations about it, never from the order they arrived in.

The rules (an operation is described in :mod:`skilltrack.record.operations`):

- **Once.** An operation is kept by its row, field and clock: the same one arriving again changes nothing.
- **One name, one row.** Rows created under the same natural key — a skill's or a project's name, a
  story's title, a mock interview's session — on two replicas are one row, known by the lowest of their
  UUIDs; every reference to any of them means it.
- **Alive or deleted by the later.** A row exists while its latest creation is later than its latest
  deletion (so a delete wins over everything older, and a name added again afterwards comes back).
- **What hangs on a row goes with it.** A session (a rating, a mock interview) exists only while its
  skill (session) does and was created after that skill's latest deletion; a piece of evidence or a
  story keeps living without its deleted project.
- **The later write wins a field**; a row's creation writes every field.
- **Names stay unique.** Should two rows end with one name (a rename onto another's name), the row
  created under that name keeps it and the other is shown as ``Name (1a2b3c4d)`` until one is renamed;
  an alias two skills claim stays with the row created first under its name, or the lower UUID.
- **Whatever had to be decided is said.**

The caller holds one write transaction around :func:`apply_operations`: a sync is applied whole or not
at all. Rows are worked out again only where an operation arrived (and, for a row that died or came
back, what hangs on it).
"""

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from skilltrack.domain.clocks import parse_clock, received
from skilltrack.domain.names import name_key
from skilltrack.record.operations import BY_TABLE, ENTITIES, SINGLETON_ROW, Entity, Operation, reference_in
from skilltrack.record.values import new_id

State = dict[str, Any]
"""A row as operations carry it: plain fields as stored, references as UUIDs, lists as lists."""

_KEYS = {"skill": "name_key", "project": "name_key", "story": "title_key", "interview_practice": "session"}
"""The natural key a row is created under (the value of this field in its creation)."""

_NAMES = {"skill": ("name", "name_key"), "project": ("name", "name_key"), "story": ("title", "title_key")}
"""Tables whose rows must end with unique names: the name and the key it is kept unique by."""

_HELD = "\x1f"
"""Starts the key a name is held apart under while a sync settles names (no name holds a control
character, so it meets no real one)."""

_DEPENDS = {"learning_session": "skill", "skill_rating": "skill", "interview_practice": "session"}
"""A row that cannot exist without the row this field names."""

_CHILDREN = {
    "skill": (
        ("learning_session", "skill_id"),
        ("skill_rating", "skill_id"),
        ("skill_alias", "skill_id"),
        ("project_skill", "skill_id"),
        ("running_timer", "skill_id"),
    ),
    "project": (("evidence", "project_id"), ("story", "project_id"), ("project_skill", "project_id")),
}
"""Where stored rows hang on a row by its local id: moved when two stored rows become one."""

_HANGING = {
    "skill": (("learning_session", "skill"), ("skill_rating", "skill")),
    "project": (("evidence", "project"), ("story", "project")),
    "learning_session": (("interview_practice", "session"),),
}
"""Who hangs on a row, by the field that names it: worked out again when that row dies or comes back."""


@dataclass
class Applied:
    """What one sync did with the operations it read."""

    applied: int = 0
    """Operations kept for the first time (each row they are about worked out again)."""
    already: int = 0
    """Kept by an earlier sync (or made here)."""
    decisions: list[str] = field(default_factory=list)
    """What had to be decided, in words."""


def _json(value: object) -> Any:
    """A stored value back as JSON (the column keeps a JSON number as the number itself)."""
    if value is None:
        return None
    return json.loads(value) if isinstance(value, str) else value


def apply_operations(db: sqlite3.Connection, operations: Iterable[Operation]) -> Applied:
    """Keep ``operations`` and work out again every row they are about; the caller's write transaction
    holds it all."""
    result = Applied()
    latest_seen: tuple[int, int] | None = None
    touched: set[tuple[str, str]] = set()
    db.execute("UPDATE sync_replica SET applying = 1 WHERE id = 1")
    try:
        for operation in operations:
            stored = db.execute(
                "INSERT OR IGNORE INTO sync_operation (clock, replica, entity, row_uuid, field, action, "
                "value, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    operation.clock,
                    operation.replica,
                    operation.entity,
                    operation.row,
                    operation.field,
                    operation.action,
                    operation.value,
                    reference_in(operation),
                ),
            )
            if stored.rowcount:
                touched.add((operation.entity, operation.row))
                result.applied += 1
            else:
                result.already += 1
            parsed = parse_clock(operation.clock)
            if parsed is not None and (latest_seen is None or parsed[:2] > latest_seen):
                latest_seen = parsed[:2]
        _Settler(db, result).settle(touched)
        if latest_seen is not None:
            own_ms, own_counter = db.execute(
                "SELECT clock_ms, counter FROM sync_replica WHERE id = 1"
            ).fetchone()
            clock_ms, counter = received(own_ms, own_counter, *latest_seen)
            db.execute("UPDATE sync_replica SET clock_ms = ?, counter = ? WHERE id = 1", (clock_ms, counter))
    finally:
        db.execute("UPDATE sync_replica SET applying = 0 WHERE id = 1")
    return result


@dataclass
class _Worked:
    """A row worked out from its operations."""

    alive: bool
    state: State
    created: str
    """Its latest creation's clock."""
    deleted: str
    """Its latest deletion's clock ('' if none)."""
    clocks: dict[str, str]
    """Per field, the clock of the write that set it."""


def _label(table: str, state: State) -> str:
    for name in ("name", "title"):
        if isinstance(state.get(name), str) and state[name]:
            return f"{table.replace('_', ' ')} {state[name]!r}"
    return table.replace("_", " ")


class _Settler:
    def __init__(self, db: sqlite3.Connection, result: Applied) -> None:
        self.db = db
        self.result = result
        self.canonical: dict[str, dict[str, str]] = {}
        """Per table with a natural key: every member UUID → the row's (lowest) UUID."""
        self.members: dict[str, dict[str, list[str]]] = {}
        self.worked: dict[tuple[str, str], _Worked] = {}
        self.held: set[str] = set()
        """Tables with a row whose name is held apart until the names are settled."""

    # -- who is one row --------------------------------------------------------------------------------

    def _classes(self, table: str) -> None:
        """Rows created under one natural key are one row: from the creations alone."""
        key = _KEYS[table]
        created_under: dict[str, object] = {}
        created_at: dict[str, str] = {}
        for row, value, clock in self.db.execute(
            "SELECT row_uuid, value, clock FROM sync_operation WHERE entity = ? AND action = 'create'",
            (table,),
        ):
            created = _json(value)
            found = created.get(key) if isinstance(created, dict) else None
            if key == "session" and isinstance(found, str):
                found = self.row_of("learning_session", found)
            created_under[str(row)] = found if found is not None else ("", str(row))
            created_at[str(row)] = max(created_at.get(str(row), ""), str(clock))
        deleted_at, renamed_away = self._deletions(table, created_under)
        groups: dict[object, set[str]] = defaultdict(set)
        for row, under in created_under.items():
            # A row renamed away and deleted under its new name was not the row its first name stands
            # for by then: it is a row of its own, and takes no other row of that name with it.
            groups[("", row) if row in renamed_away else under].add(row)
        canonical: dict[str, str] = {}
        members: dict[str, list[str]] = {}
        for uuids in groups.values():
            # Known by the lowest UUID of those created since the name was last deleted: a name added
            # again is a new row, not the deleted one back.
            last_deleted = max((deleted_at.get(uuid, "") for uuid in uuids), default="")
            since = [uuid for uuid in uuids if created_at.get(uuid, "") > last_deleted]
            keep = min(since or uuids)
            members[keep] = sorted(uuids)
            for uuid in uuids:
                canonical[uuid] = keep
        self.canonical[table], self.members[table] = canonical, members
        self.db.execute("DELETE FROM sync_merge WHERE entity = ?", (table,))
        self.db.executemany(
            "INSERT INTO sync_merge (entity, from_uuid, to_uuid) VALUES (?, ?, ?)",
            [(table, uuid, keep) for uuid, keep in canonical.items() if uuid != keep],
        )

    def _deletions(self, table: str, created_under: dict[str, object]) -> tuple[dict[str, str], set[str]]:
        """Per deleted row, the clock of its latest deletion; and which rows were deleted while under
        another name than the one they were created under."""
        renames: dict[str, list[tuple[str, object]]] = defaultdict(list)
        if table in _NAMES:
            for row, clock, value in self.db.execute(
                "SELECT row_uuid, clock, value FROM sync_operation WHERE entity = ? AND action = 'update' "
                "AND field = ? ORDER BY clock",
                (table, _KEYS[table]),
            ):
                renames[str(row)].append((str(clock), _json(value)))
        deleted_at: dict[str, str] = {}
        renamed_away: set[str] = set()
        for row, clock in self.db.execute(
            "SELECT row_uuid, max(clock) FROM sync_operation WHERE entity = ? AND action = 'delete' "
            "GROUP BY row_uuid",
            (table,),
        ):
            uuid = str(row)
            deleted_at[uuid] = str(clock)
            then = [key for renamed_at, key in renames.get(uuid, ()) if renamed_at < deleted_at[uuid]]
            if then and then[-1] != created_under.get(uuid):
                renamed_away.add(uuid)
        return deleted_at, renamed_away

    def row_of(self, table: str, uuid: str) -> str:
        """The UUID the row ``uuid`` is known by."""
        if BY_TABLE[table].singleton:
            return SINGLETON_ROW
        return self.canonical.get(table, {}).get(uuid, uuid)

    def members_of(self, table: str, row: str) -> list[str]:
        return self.members.get(table, {}).get(row, [row])

    # -- one row ---------------------------------------------------------------------------------------

    def work_out(self, table: str, row: str) -> _Worked:
        """The row ``row`` of ``table`` as its operations (and those of the rows it hangs on) say."""
        cached = self.worked.get((table, row))
        if cached is not None:
            return cached
        entity = BY_TABLE[table]
        members = self.members_of(table, row)
        marks = ", ".join("?" for _ in members)
        state: State = {}
        clocks: dict[str, str] = {}
        created = deleted = ""
        for name, clock, action, value in self.db.execute(
            f"SELECT field, clock, action, value FROM sync_operation WHERE entity = ? "
            f"AND row_uuid IN ({marks}) ORDER BY clock",
            (table, *members),
        ):
            if action == "delete":
                deleted = max(deleted, clock)
            elif action == "create":
                created = max(created, clock)
                written = _json(value)
                # The one profile is made with empty fields wherever it is first written: its making
                # yields to every field set on purpose, on any replica (a clock below all real ones).
                weight = f"0{clock}" if entity.singleton else clock
                if isinstance(written, dict):
                    for key, item in written.items():
                        if weight >= clocks.get(key, ""):
                            state[key], clocks[key] = item, weight
            elif clock >= clocks.get(name, ""):
                state[name], clocks[name] = _json(value), clock
        alive = bool(created) and created > deleted
        depends = _DEPENDS.get(table)
        if alive and depends is not None:
            parent_table = entity.reference(depends)
            assert parent_table is not None
            parent_uuid = state.get(depends)
            if not isinstance(parent_uuid, str):
                alive = False
            else:
                parent = self.work_out(parent_table.entity, self.row_of(parent_table.entity, parent_uuid))
                # A deletion takes what hung on the row then; what was added after it stays.
                alive = parent.alive and created > parent.deleted
        worked = _Worked(alive, state, created, deleted, clocks)
        self.worked[(table, row)] = worked
        return worked

    def _local(self, table: str, row: str) -> tuple[int, str] | None:
        if BY_TABLE[table].singleton:
            found = self.db.execute(f"SELECT id, uuid FROM {table} LIMIT 1").fetchone()
        else:
            members = self.members_of(table, row)
            marks = ", ".join("?" for _ in members)
            found = self.db.execute(
                f"SELECT id, uuid FROM {table} WHERE uuid IN ({marks}) ORDER BY id LIMIT 1", tuple(members)
            ).fetchone()
        return None if found is None else (int(found[0]), str(found[1]))

    def _local_id(self, table: str, uuid: str) -> int | None:
        found = self._local(table, self.row_of(table, uuid))
        return None if found is None else found[0]

    def _columns(self, entity: Entity, state: State) -> dict[str, Any]:
        columns: dict[str, Any] = {}
        for name in entity.field_names:
            if name not in state:
                continue
            reference = entity.reference(name)
            if reference is None:
                columns[name] = state[name]
                continue
            uuid = state[name]
            target = None
            if (
                isinstance(uuid, str)
                and self.work_out(reference.entity, self.row_of(reference.entity, uuid)).alive
            ):
                target = self._local_id(reference.entity, uuid)
            columns[reference.column] = target
        return columns

    def _fold(self, table: str, row: str) -> None:
        """Two stored rows that are one (created under one name, one since renamed): what hangs on the
        others moves to the first, and they go."""
        members = self.members_of(table, row)
        if len(members) < 2:
            return
        marks = ", ".join("?" for _ in members)
        found = [
            int(local)
            for (local,) in self.db.execute(
                f"SELECT id FROM {table} WHERE uuid IN ({marks}) ORDER BY id", tuple(members)
            )
        ]
        for other in found[1:]:
            for child, column in _CHILDREN.get(table, ()):
                self.db.execute(
                    f"UPDATE OR IGNORE {child} SET {column} = ? WHERE {column} = ?", (found[0], other)
                )
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", (other,))

    def write(self, table: str, row: str) -> bool:
        """Make the stored row what its operations say; whether it lives or died changed."""
        entity = BY_TABLE[table]
        worked = self.work_out(table, row)
        self._fold(table, row)
        local = self._local(table, row)
        if not worked.alive:
            if local is None:
                return False
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", (local[0],))
            return True
        columns = self._columns(entity, worked.state)
        if table in _NAMES:
            # Names are settled together afterwards: held apart until then.
            columns[_NAMES[table][1]] = f"{_HELD}{row}"
            self.held.add(table)
        if entity.singleton:
            columns.setdefault("uuid", new_id())
        else:
            columns["uuid"] = row
        if local is None:
            if entity.singleton:
                columns["id"] = 1
            names = ", ".join(columns)
            self.db.execute(
                f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in columns)})",
                tuple(columns.values()),
            )
            return True
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*columns.values(), local[0]))
        return False

    # -- a sync's worth ----------------------------------------------------------------------------------

    def settle(self, touched: set[tuple[str, str]]) -> None:
        tables = {table for table, _ in touched}
        for table in _KEYS:
            self._classes(table)
        rows: dict[str, set[str]] = defaultdict(set)
        for table, uuid in touched:
            rows[table].add(self.row_of(table, uuid))
        for table in _KEYS:  # rows that are one but are not stored as one yet (made here, too)
            for keep, members in self.members[table].items():
                if len(members) < 2:
                    continue
                marks = ", ".join("?" for _ in members)
                stored = self.db.execute(
                    f"SELECT uuid FROM {table} WHERE uuid IN ({marks})", tuple(members)
                ).fetchall()
                # Stored apart, or the living row not stored: a class that died and is stored as
                # nothing is settled, and writing it again would change nothing.
                apart = any(uuid != keep for (uuid,) in stored)
                missing = not stored and self.work_out(table, keep).alive
                if apart or missing or any(member in rows[table] for member in members):
                    rows[table].add(keep)
        written: list[tuple[str, str]] = []
        for entity in ENTITIES:  # parents before what hangs on them
            for row in sorted(rows.get(entity.table, ())):
                self.write(entity.table, row)
                written.append((entity.table, row))
        self._hanging(written, rows)
        for table in _NAMES:  # every table a write held a name apart in, whatever made the write
            if table in self.held:
                self._names(table)
        if tables & {"skill", "project"}:
            self._aliases()
            self._project_skills()
        self._report_merges(rows)

    def _hanging(self, written: list[tuple[str, str]], settled: dict[str, set[str]]) -> None:
        """Rows that hang on a row worked out again: worked out again too, unless this sync already did
        (a session of a skill that died goes; one of a skill added again after its deletion comes back;
        one that arrived before its skill lives once the skill does)."""
        queue = [(table, row) for table, row in written if table in _HANGING]
        while queue:
            table, row = queue.pop()
            members = self.members_of(table, row)
            marks = ", ".join("?" for _ in members)
            for child_table, _ in _HANGING[table]:
                children = {
                    self.row_of(child_table, str(uuid))
                    for (uuid,) in self.db.execute(
                        f"SELECT DISTINCT row_uuid FROM sync_operation WHERE entity = ? AND ref IN ({marks})",
                        (child_table, *members),
                    )
                }
                for child in sorted(children - settled.get(child_table, set())):
                    self.worked.pop((child_table, child), None)
                    self.write(child_table, child)
                    settled.setdefault(child_table, set()).add(child)
                    if child_table in _HANGING:
                        queue.append((child_table, child))

    def _names(self, table: str) -> None:
        """Every living row its latest name; two rows ending with one name: the row created under it
        keeps it (or the lower UUID), the other shows its UUID's start beside it."""
        name_field, key_field = _NAMES[table]
        held = self.db.execute(
            f"SELECT uuid FROM {table} WHERE substr({key_field}, 1, 1) = ?", (_HELD,)
        ).fetchall()
        if not held:
            return
        wanted: dict[str, tuple[str, str]] = {}
        for (uuid,) in self.db.execute(f"SELECT uuid FROM {table}"):
            worked = self.work_out(table, str(uuid))
            name = worked.state.get(name_field)
            if isinstance(name, str) and name:
                wanted[str(uuid)] = (name, name_key(name))
        by_key: dict[str, list[str]] = defaultdict(list)
        for uuid, (_, key) in wanted.items():
            by_key[key].append(uuid)
        final: dict[str, tuple[str, str]] = {}
        for key, uuids in by_key.items():
            created_under = [uuid for uuid in uuids if self._created_key(table, uuid) == key]
            keeper = min(created_under) if created_under else min(uuids)
            for uuid in uuids:
                name = wanted[uuid][0]
                if uuid != keeper:
                    name = f"{name} ({uuid[:8]})"
                    self.result.decisions.append(
                        f"{table.replace('_', ' ')} {wanted[uuid][0]!r} has the name of another: "
                        f"shown as {name!r} until one is renamed"
                    )
                final[uuid] = (name, name_key(name))
        self.db.executemany(
            f"UPDATE {table} SET {key_field} = ? WHERE uuid = ?", [(f"{_HELD}{uuid}", uuid) for uuid in final]
        )
        self.db.executemany(
            f"UPDATE {table} SET {name_field} = ?, {key_field} = ? WHERE uuid = ?",
            [(name, key, uuid) for uuid, (name, key) in final.items()],
        )

    def _created_key(self, table: str, row: str) -> object:
        for member in self.members_of(table, row):
            found = self.db.execute(
                "SELECT value FROM sync_operation WHERE entity = ? AND row_uuid = ? AND action = 'create' "
                "ORDER BY clock LIMIT 1",
                (table, member),
            ).fetchone()
            if found is not None:
                created = _json(found[0])
                if isinstance(created, dict):
                    return created.get(_KEYS[table])
        return None

    def _aliases(self) -> None:
        """Every skill's aliases as its latest list says, none a skill's name, each claimed once."""
        skills = [str(uuid) for (uuid,) in self.db.execute("SELECT uuid FROM skill ORDER BY uuid")]
        names = {str(key) for (key,) in self.db.execute("SELECT name_key FROM skill")}
        taken: dict[str, str] = {}
        wanted: list[tuple[str, str, str]] = []
        for uuid in skills:
            aliases = self.work_out("skill", uuid).state.get("aliases") or []
            for alias in aliases if isinstance(aliases, list) else []:
                key = name_key(str(alias))
                if key in names or key in taken:
                    continue
                taken[key] = uuid
                wanted.append((uuid, str(alias), key))
        present = {
            (str(uuid), str(alias), str(key))
            for uuid, alias, key in self.db.execute(
                "SELECT skill.uuid, alias, alias_key FROM skill_alias "
                "JOIN skill ON skill.id = skill_alias.skill_id"
            )
        }
        if present == set(wanted):
            return
        self.db.execute("DELETE FROM skill_alias")
        self.db.executemany(
            "INSERT INTO skill_alias (skill_id, alias, alias_key) SELECT id, ?, ? FROM skill WHERE uuid = ?",
            [(alias, key, uuid) for uuid, alias, key in wanted],
        )

    def _project_skills(self) -> None:
        """Every project's skills as its latest list says, those that still exist."""
        wanted: set[tuple[str, str]] = set()
        for (uuid,) in self.db.execute("SELECT uuid FROM project"):
            skills = self.work_out("project", str(uuid)).state.get("skills") or []
            for skill in skills if isinstance(skills, list) else []:
                row = self.row_of("skill", str(skill))
                if self.work_out("skill", row).alive:
                    wanted.add((str(uuid), row))
        present = {
            (str(project), str(skill))
            for project, skill in self.db.execute(
                "SELECT project.uuid, skill.uuid FROM project_skill JOIN project ON project.id = "
                "project_skill.project_id JOIN skill ON skill.id = project_skill.skill_id"
            )
        }
        if present == wanted:
            return
        self.db.execute("DELETE FROM project_skill")
        self.db.executemany(
            "INSERT OR IGNORE INTO project_skill (project_id, skill_id) SELECT project.id, skill.id "
            "FROM project, skill WHERE project.uuid = ? AND skill.uuid = ?",
            sorted(wanted),
        )

    def _report_merges(self, rows: dict[str, set[str]]) -> None:
        for table in _KEYS:
            for row in sorted(rows.get(table, ())):
                if len(self.members_of(table, row)) > 1 and self.work_out(table, row).alive:
                    state = self.work_out(table, row).state
                    self.result.decisions.append(
                        f"{_label(table, state)} was added on two machines: kept as one"
                    )
