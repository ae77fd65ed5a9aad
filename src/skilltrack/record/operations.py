"""Every change to the record as an operation another copy of it can apply: the ground of ``sync``.

An operation says what happened to one row: ``create`` (every field), ``update`` (one field's new value)
or ``delete``. It carries the row's UUID (never its local id: ids differ from copy to copy), references to
other rows as *their* UUIDs, and a hybrid logical clock (:mod:`skilltrack.domain.clocks`) stamped by this
copy, the *replica*, whose random id is made once per record. A later clock wins a field; a delete is kept
for good (a tombstone), as Taskwarrior's TaskChampion keeps its operations.

SQLite triggers write the operations, in the transaction of the change itself: no way into the record —
``log``, the app, ``import``, ``check --fix``, a foreign key's cascade — can change a row and forget to
say so, and a change and its operation are committed or lost together. Writing one costs one row more
per changed row. While a sync applies other replicas' operations it sets ``sync_replica.applying``, so
that what it applies is not recorded again as this replica's own.

What is not synced: the running timer (it runs on one machine) and the record's identity (which file
this is, for its backups).
"""

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from skilltrack.domain.clocks import clock_text
from skilltrack.record.values import new_id


@dataclass(frozen=True)
class Reference:
    """A column holding another row's local id, synced as that row's UUID under ``field``."""

    column: str
    field: str
    entity: str


@dataclass(frozen=True)
class ListField:
    """A field kept in a link table (a skill's aliases, a project's skills), synced as one sorted list."""

    field: str
    table: str
    owner_column: str
    value_sql: str
    """The list's value for the owner row ``o``, as JSON text (sorted, so that copies compare equal)."""


@dataclass(frozen=True)
class Entity:
    table: str
    fields: tuple[str, ...]
    """Plain columns (besides ``id`` and ``uuid``), synced as they are stored."""
    references: tuple[Reference, ...] = ()
    lists: tuple[ListField, ...] = ()
    natural_key: str | None = None
    """A unique column (or reference field) two copies can both create a row under: ``name_key`` of a
    skill, ``title_key`` of a story, the session of a mock interview's round. Such rows become one."""
    singleton: bool = False
    """One row per record (the profile): its UUID differs from copy to copy, so it syncs as ``profile``."""

    @property
    def field_names(self) -> tuple[str, ...]:
        return (*self.fields, *(ref.field for ref in self.references))

    def reference(self, field: str) -> Reference | None:
        return next((ref for ref in self.references if ref.field == field), None)

    def list_field(self, field: str) -> ListField | None:
        return next((item for item in self.lists if item.field == field), None)


SINGLETON_ROW = "profile"
"""The row UUID every replica gives its one profile row."""

ENTITIES: tuple[Entity, ...] = (
    Entity(
        "skill",
        ("name", "name_key", "kind", "created_at_utc"),
        lists=(
            ListField(
                "aliases",
                "skill_alias",
                "skill_id",
                "(SELECT json_group_array(alias) FROM "
                "(SELECT alias FROM skill_alias WHERE skill_id = o.id ORDER BY alias_key))",
            ),
        ),
        natural_key="name_key",
    ),
    Entity(
        "project",
        (
            "name",
            "name_key",
            "role",
            "started_on",
            "ended_on",
            "in_production",
            "impact",
            "links",
            "created_at_utc",
        ),
        lists=(
            ListField(
                "skills",
                "project_skill",
                "project_id",
                "(SELECT json_group_array(uuid) FROM (SELECT skill.uuid FROM project_skill "
                "JOIN skill ON skill.id = project_skill.skill_id WHERE project_id = o.id "
                "ORDER BY skill.uuid))",
            ),
        ),
        natural_key="name_key",
    ),
    Entity(
        "skill_rating",
        ("level", "rated_on", "note", "created_at_utc"),
        references=(Reference("skill_id", "skill", "skill"),),
    ),
    Entity(
        "learning_session",
        ("started_at_utc", "time_zone", "local_day", "minutes", "kind", "note", "created_at_utc"),
        references=(Reference("skill_id", "skill", "skill"),),
    ),
    Entity(
        "evidence",
        ("kind", "expectation_id", "occurred_on", "title", "link", "note", "created_at_utc"),
        references=(Reference("project_id", "project", "project"),),
    ),
    Entity(
        "posting",
        (
            "company",
            "title",
            "link",
            "posted_on",
            "status",
            "status_changed_on",
            "text",
            "match_at_save",
            "created_at_utc",
        ),
    ),
    Entity(
        "story",
        (
            "title",
            "title_key",
            "situation",
            "task",
            "action",
            "result",
            "expectation_id",
            "themes",
            "created_at_utc",
            "updated_at_utc",
        ),
        references=(Reference("project_id", "project", "project"),),
        natural_key="title_key",
    ),
    Entity(
        "interview_practice",
        ("round", "score", "rubric", "created_at_utc"),
        references=(Reference("session_id", "session", "learning_session"),),
        natural_key="session",
    ),
    Entity(
        "profile",
        # Its UUID is a field: the one profile row is one row on every replica, under the later UUID.
        (
            "uuid",
            "name",
            "title",
            "career_started_on",
            "target_level",
            "target_date",
            "time_zone",
            "updated_at_utc",
        ),
        singleton=True,
    ),
)
"""The synced tables, parents before children (applying a create needs its references in place)."""

BY_TABLE = {entity.table: entity for entity in ENTITIES}

ACTIONS = ("create", "update", "delete")

_RECORDING = "(SELECT applying FROM sync_replica WHERE id = 1) = 0"
_NOW_MS = "CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)"
# One tick of this replica's clock: wall time if it has moved on, else one more on the counter. SQLite
# evaluates every SET expression on the row as it was, so both see the old clock.
_TICK = (
    f"UPDATE sync_replica SET clock_ms = max(clock_ms, {_NOW_MS}), "
    f"counter = CASE WHEN {_NOW_MS} > clock_ms THEN 0 ELSE counter + 1 END WHERE id = 1"
)
_CLOCK = "printf('%015d-%09d-%s', r.clock_ms, r.counter, r.replica)"
_SYNC_TRIGGERS = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'sync_*'"
_INSERT = "INSERT INTO sync_operation (clock, replica, entity, row_uuid, field, action, value, ref)"


def _row_uuid(entity: Entity, row: str) -> str:
    return f"'{SINGLETON_ROW}'" if entity.singleton else f"{row}.uuid"


def _field_value(entity: Entity, row: str, field: str) -> str:
    """SQL for ``field`` of ``row`` (``NEW``/``OLD``/an alias) as the operation carries it."""
    reference = entity.reference(field)
    if reference is None:
        return f"{row}.{field}"
    return f"(SELECT uuid FROM {reference.entity} WHERE id = {row}.{reference.column})"


def _row_object(entity: Entity, row: str) -> str:
    pairs = ", ".join(f"'{field}', {_field_value(entity, row, field)}" for field in entity.field_names)
    return f"json_object({pairs})"


def _column(entity: Entity, field: str) -> str:
    reference = entity.reference(field)
    return field if reference is None else reference.column


def reference_in(operation: "Operation") -> str | None:
    """The UUID of the row the operation's row hangs on, as this operation writes it (else ``None``)."""
    entity = BY_TABLE.get(operation.entity)
    if entity is None or not entity.references or operation.value is None:
        return None
    name = entity.references[0].field
    try:
        value = json.loads(operation.value)
    except ValueError:
        return None
    if operation.action == "create" and isinstance(value, dict):
        value = value.get(name)
    elif operation.action != "update" or operation.field != name:
        return None
    return value if isinstance(value, str) else None


def _hangs_on(entity: Entity, row: str) -> str:
    """SQL for the UUID of the row ``row`` hangs on (its one reference), or NULL."""
    if not entity.references:
        return "NULL"
    return _field_value(entity, row, entity.references[0].field)


def _changed_ref(entity: Entity) -> str:
    if not entity.references:
        return "NULL"
    return f"CASE WHEN c.field = '{entity.references[0].field}' THEN json_extract(c.value, '$') END"


def trigger_statements() -> tuple[str, ...]:
    """The triggers that record operations, as ``CREATE TRIGGER`` statements."""
    statements: list[str] = []
    for entity in ENTITIES:
        table = entity.table
        statements.append(
            f"CREATE TRIGGER sync_{table}_create AFTER INSERT ON {table} WHEN {_RECORDING} BEGIN "
            f"{_TICK}; {_INSERT} SELECT {_CLOCK}, r.replica, '{table}', {_row_uuid(entity, 'NEW')}, '', "
            f"'create', {_row_object(entity, 'NEW')}, {_hangs_on(entity, 'NEW')} "
            "FROM sync_replica AS r WHERE r.id = 1; END"
        )
        changes = " UNION ALL ".join(
            f"SELECT '{field}' AS field, json_quote({_field_value(entity, 'NEW', field)}) AS value "
            f"WHERE OLD.{_column(entity, field)} IS NOT NEW.{_column(entity, field)}"
            for field in entity.field_names
        )
        statements.append(
            f"CREATE TRIGGER sync_{table}_update AFTER UPDATE ON {table} WHEN {_RECORDING} BEGIN "
            f"{_TICK}; {_INSERT} SELECT {_CLOCK}, r.replica, '{table}', {_row_uuid(entity, 'NEW')}, "
            f"c.field, 'update', c.value, {_changed_ref(entity)} FROM sync_replica AS r, ({changes}) AS c "
            "WHERE r.id = 1; END"
        )
        statements.append(
            f"CREATE TRIGGER sync_{table}_delete AFTER DELETE ON {table} WHEN {_RECORDING} BEGIN "
            f"{_TICK}; {_INSERT} SELECT {_CLOCK}, r.replica, '{table}', {_row_uuid(entity, 'OLD')}, '', "
            f"'delete', NULL, NULL FROM sync_replica AS r WHERE r.id = 1; END"
        )
        for item in entity.lists:
            for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
                # Not while the owner itself is being deleted (a cascade): its delete says it all.
                statements.append(
                    f"CREATE TRIGGER sync_{item.table}_{event.lower()} AFTER {event} ON {item.table} "
                    f"WHEN {_RECORDING} AND EXISTS (SELECT 1 FROM {table} "
                    f"WHERE id = {row}.{item.owner_column}) BEGIN {_TICK}; {_INSERT} "
                    f"SELECT {_CLOCK}, r.replica, '{table}', o.uuid, '{item.field}', "
                    f"'update', {item.value_sql}, NULL FROM sync_replica AS r, {table} AS o "
                    f"WHERE r.id = 1 AND o.id = {row}.{item.owner_column}; END"
                )
    return tuple(statements)


def start_operations(connection: sqlite3.Connection) -> str:
    """Give a record without operations its replica and its triggers, and record every row it already
    holds as created (one operation per row, on one clock): what a first sync sends. Returns the
    replica's id. Runs in the caller's transaction (a new record's, or an upgrade's)."""
    replica = new_id()
    connection.execute(
        f"INSERT INTO sync_replica (id, replica, clock_ms, counter, applying) VALUES (1, ?, {_NOW_MS}, 0, 0)",
        (replica,),
    )
    for statement in trigger_statements():
        connection.execute(statement)
    for entity in ENTITIES:
        connection.execute(
            f"{_INSERT} SELECT {_CLOCK}, r.replica, '{entity.table}', {_row_uuid(entity, 'o')}, '', "
            f"'create', {_row_object(entity, 'o')}, {_hangs_on(entity, 'o')} "
            f"FROM sync_replica AS r, {entity.table} AS o WHERE r.id = 1"
        )
    connection.execute(_TICK)
    for entity in ENTITIES:
        for item in entity.lists:
            connection.execute(
                f"{_INSERT} SELECT {_CLOCK}, r.replica, '{entity.table}', o.uuid, '{item.field}', 'update', "
                f"{item.value_sql}, NULL FROM sync_replica AS r, {entity.table} AS o WHERE r.id = 1 "
                f"AND EXISTS (SELECT 1 FROM {item.table} WHERE {item.owner_column} = o.id)"
            )
    connection.execute(_TICK)
    return replica


@contextmanager
def recorded_in_bulk(db: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's write transaction, rows only added (an import): their operations written
    afterwards in one statement per table rather than by a trigger per row (a trigger per row costs
    an import of 100,000 sessions more than the rows themselves). Nothing added inside may be changed
    or deleted there: only additions are recorded."""
    marks = {
        entity.table: int(db.execute(f"SELECT coalesce(max(rowid), 0) FROM {entity.table}").fetchone()[0])
        for entity in ENTITIES
    }
    list_marks = {
        item.table: int(db.execute(f"SELECT coalesce(max(rowid), 0) FROM {item.table}").fetchone()[0])
        for entity in ENTITIES
        for item in entity.lists
    }
    # The triggers are set aside for the additions, not just told to keep quiet: even a trigger whose
    # condition is false costs each inserted row (two thirds more time for 100,000 sessions). The
    # drops are part of the transaction: a failed or killed import rolls them back with it (SQLite may
    # already have, on a full disk), so they are made again only after additions that succeeded.
    for (name,) in db.execute(_SYNC_TRIGGERS).fetchall():
        db.execute(f"DROP TRIGGER {name}")
    yield
    for statement in trigger_statements():
        db.execute(statement)
    db.execute(_TICK)
    for entity in ENTITIES:
        db.execute(
            f"{_INSERT} SELECT {_CLOCK}, r.replica, '{entity.table}', {_row_uuid(entity, 'o')}, '', "
            f"'create', {_row_object(entity, 'o')}, {_hangs_on(entity, 'o')} "
            f"FROM sync_replica AS r, {entity.table} AS o WHERE r.id = 1 AND o.rowid > ? "
            # In the order of the operations' unique index: its pages filled one after another
            # rather than at random (a third less time for 100,000 sessions).
            f"ORDER BY {_row_uuid(entity, 'o')}",
            (marks[entity.table],),
        )
    db.execute(_TICK)
    for entity in ENTITIES:
        for item in entity.lists:
            db.execute(
                f"{_INSERT} SELECT {_CLOCK}, r.replica, '{entity.table}', o.uuid, '{item.field}', 'update', "
                f"{item.value_sql}, NULL FROM sync_replica AS r, {entity.table} AS o WHERE r.id = 1 "
                f"AND o.id IN (SELECT {item.owner_column} FROM {item.table} WHERE rowid > ?)",
                (list_marks[item.table],),
            )
    db.execute(_TICK)


@dataclass(frozen=True)
class Operation:
    clock: str
    entity: str
    row: str
    field: str
    action: str
    value: str | None
    """JSON text: the row's fields for ``create``, the field's value for ``update``, none for ``delete``."""

    @property
    def replica(self) -> str:
        return self.clock.rsplit("-", 1)[1]


@dataclass(frozen=True)
class ReplicaState:
    replica: str
    clock: str
    last_sync_at_utc: str | None
    last_sync_folder: str | None


def replica_state(db: sqlite3.Connection) -> ReplicaState:
    replica, clock_ms, counter, synced_at, folder = db.execute(
        "SELECT replica, clock_ms, counter, last_sync_at_utc, last_sync_folder FROM sync_replica WHERE id = 1"
    ).fetchone()
    return ReplicaState(replica, clock_text(clock_ms, counter, replica), synced_at, folder)


def own_operations_after(db: sqlite3.Connection, *, replica: str, clock: str) -> Iterator[Operation]:
    """This replica's operations stamped after ``clock``, in clock order (the index on replica, clock)."""
    cursor = db.execute(
        "SELECT clock, entity, row_uuid, field, action, value FROM sync_operation "
        "WHERE replica = ? AND clock > ? ORDER BY clock, id",
        (replica, clock),
    )
    for clock, entity, row_uuid, field, action, value in cursor:
        # The value column has numeric affinity: SQLite keeps a JSON number ('45') as the number itself.
        if value is not None and not isinstance(value, str):
            value = json.dumps(value)
        yield Operation(clock, entity, row_uuid, field, action, value)


def count_own_operations_after(db: sqlite3.Connection, *, replica: str, clock: str) -> int:
    return int(
        db.execute(
            "SELECT count(*) FROM sync_operation WHERE replica = ? AND clock > ?", (replica, clock)
        ).fetchone()[0]
    )
