"""Schema versions and the steps between them.

A file records its version in ``PRAGMA user_version``. Version 1 is the first released schema; 2 added
postings, mock interviews and stories; 3 the record's identity (``record_identity``), which its backups'
names carry. An upgrade takes a verified backup, then runs every step in one transaction with foreign
keys off (so that a table rebuild cannot cascade-delete child rows) and checks the foreign keys before
committing. The backup taken before the upgrade to schema 3 is then named after the identity the record
was given, so that it is known to be this record's although it holds no identity itself.
"""

import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from skilltrack.record.connection import read_identity
from skilltrack.record.ddl import SCHEMA_VERSION as SCHEMA_VERSION
from skilltrack.record.errors import StorageError
from skilltrack.record.operations import start_operations
from skilltrack.record.values import new_id

Step = Callable[[sqlite3.Connection], None]

# Each step's SQL is frozen as it was released: the models may move on, a released step may not.
_POSTINGS_INTERVIEWS_STORIES = (
    """CREATE TABLE posting (
	id INTEGER NOT NULL,
	uuid CHAR(32) NOT NULL,
	company VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	link VARCHAR NOT NULL,
	posted_on DATE NOT NULL,
	status VARCHAR NOT NULL,
	status_changed_on DATE NOT NULL,
	text VARCHAR NOT NULL,
	match_at_save INTEGER NOT NULL,
	created_at_utc DATETIME NOT NULL,
	PRIMARY KEY (id),
	CONSTRAINT posting_status_known CHECK (status IN ('considering', 'applied', 'interviewing', 'offer', 'rejected')),
	CONSTRAINT posting_match_range CHECK (match_at_save BETWEEN 0 AND 100),
	UNIQUE (uuid)
)""",  # noqa: E501  (as SQLAlchemy wrote it; the schema test compares the text)
    "CREATE INDEX ix_posting_status ON posting (status)",
    """CREATE TABLE interview_practice (
	id INTEGER NOT NULL,
	uuid CHAR(32) NOT NULL,
	session_id INTEGER NOT NULL,
	round VARCHAR NOT NULL,
	score INTEGER NOT NULL,
	rubric JSON NOT NULL,
	created_at_utc DATETIME NOT NULL,
	PRIMARY KEY (id),
	CONSTRAINT interview_score_range CHECK (score BETWEEN 1 AND 5),
	CONSTRAINT interview_round_known CHECK (round IN ('system-design', 'coding', 'debugging', 'behavioural')),
	UNIQUE (uuid),
	UNIQUE (session_id),
	FOREIGN KEY(session_id) REFERENCES learning_session (id) ON DELETE CASCADE
)""",
    "CREATE INDEX ix_interview_practice_round ON interview_practice (round, session_id)",
    """CREATE TABLE story (
	id INTEGER NOT NULL,
	uuid CHAR(32) NOT NULL,
	title VARCHAR NOT NULL,
	title_key VARCHAR NOT NULL,
	situation VARCHAR NOT NULL,
	task VARCHAR NOT NULL,
	action VARCHAR NOT NULL,
	result VARCHAR NOT NULL,
	project_id INTEGER,
	expectation_id VARCHAR,
	themes JSON NOT NULL,
	created_at_utc DATETIME NOT NULL,
	updated_at_utc DATETIME NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (uuid),
	UNIQUE (title_key),
	FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE SET NULL
)""",
    "CREATE INDEX ix_story_expectation_id ON story (expectation_id)",
    "CREATE INDEX ix_story_project_id ON story (project_id)",
)


def _add_postings_interviews_and_stories(connection: sqlite3.Connection) -> None:
    for statement in _POSTINGS_INTERVIEWS_STORIES:
        connection.execute(statement)


_RECORD_IDENTITY = (
    """CREATE TABLE record_identity (
	id INTEGER NOT NULL,
	uuid CHAR(32) NOT NULL,
	PRIMARY KEY (id),
	CONSTRAINT single_identity CHECK (id = 1)
)""",
)


def _add_record_identity(connection: sqlite3.Connection) -> None:
    for statement in _RECORD_IDENTITY:
        connection.execute(statement)
    connection.execute("INSERT INTO record_identity (id, uuid) VALUES (1, ?)", (new_id(),))


_SYNC_TABLES = (
    """CREATE TABLE sync_merge (
	entity VARCHAR NOT NULL,
	from_uuid VARCHAR NOT NULL,
	to_uuid VARCHAR NOT NULL,
	PRIMARY KEY (entity, from_uuid)
)""",
    """CREATE TABLE sync_operation (
	id INTEGER NOT NULL,
	clock VARCHAR NOT NULL,
	replica VARCHAR NOT NULL,
	entity VARCHAR NOT NULL,
	row_uuid VARCHAR NOT NULL,
	field VARCHAR NOT NULL,
	action VARCHAR NOT NULL,
	value JSON,
	ref VARCHAR,
	PRIMARY KEY (id),
	CONSTRAINT sync_operation_action_known CHECK (action IN ('create', 'update', 'delete')),
	UNIQUE (entity, row_uuid, field, clock)
)""",
    "CREATE INDEX ix_sync_operation_ref ON sync_operation (entity, ref)",
    "CREATE INDEX ix_sync_operation_replica ON sync_operation (replica, clock)",
    """CREATE TABLE sync_peer (
	replica VARCHAR NOT NULL,
	file VARCHAR NOT NULL,
	read_bytes INTEGER NOT NULL,
	last_clock VARCHAR NOT NULL,
	PRIMARY KEY (replica)
)""",
    """CREATE TABLE sync_replica (
	id INTEGER NOT NULL,
	replica VARCHAR NOT NULL,
	clock_ms INTEGER NOT NULL,
	counter INTEGER NOT NULL,
	applying BOOLEAN NOT NULL,
	last_sync_at_utc VARCHAR,
	last_sync_folder VARCHAR,
	PRIMARY KEY (id),
	CONSTRAINT single_replica CHECK (id = 1)
)""",
)


def _add_sync_operations(connection: sqlite3.Connection) -> None:
    """Schema 4: the tables of sync, then the replica, its triggers, and one create operation for every
    row already in the record (what its first sync sends)."""
    for statement in _SYNC_TABLES:
        connection.execute(statement)
    start_operations(connection)


STEPS: dict[int, Step] = {
    1: _add_postings_interviews_and_stories,
    2: _add_record_identity,
    3: _add_sync_operations,
}
"""``STEPS[n]`` moves a file from schema ``n`` to ``n + 1``."""


def run_steps(
    connection: sqlite3.Connection, from_version: int, steps: dict[int, Step] | None = None
) -> None:
    """Run every step from ``from_version`` to :data:`SCHEMA_VERSION` in the caller's transaction (foreign
    keys off), then set the version. For :func:`upgrade`, and for a copy no one else has open yet (a
    restore prepares the backup's content in one before it replaces the record's)."""
    steps = STEPS if steps is None else steps
    for version in range(from_version, SCHEMA_VERSION):
        steps[version](connection)
        if not connection.in_transaction:
            # e.g. executescript() commits: the upgrade would no longer be all-or-nothing.
            raise _EndedEarlyError(version)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _broken_references(connection: sqlite3.Connection) -> Counter[tuple[str, str]]:
    """How many rows of each table point at nothing in each parent table (``PRAGMA foreign_key_check``)."""
    return Counter((str(row[0]), str(row[2])) for row in connection.execute("PRAGMA foreign_key_check"))


class _EndedEarlyError(Exception):
    """A step ended the upgrade's transaction."""

    def __init__(self, version: int) -> None:
        super().__init__(f"upgrade step {version} ended the transaction early")
        self.version = version


def upgrade(path: Path, from_version: int, steps: dict[int, Step] | None = None) -> Path:
    """Bring the file at ``path`` to :data:`SCHEMA_VERSION`; return the backup taken first."""
    steps = STEPS if steps is None else steps
    missing = [version for version in range(from_version, SCHEMA_VERSION) if version not in steps]
    if missing:
        raise StorageError(path, f"has schema {from_version}, which this skilltrack cannot upgrade")
    from skilltrack.record.backup import backup_before_upgrade, name_after_identity

    backup = backup_before_upgrade(path, from_version)
    unchanged = f"it is unchanged; a backup is at {backup}"
    connection = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("BEGIN IMMEDIATE")
        try:
            found = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if found >= SCHEMA_VERSION:  # another process upgraded it while this one took its backup
                identity = read_identity(connection)
                connection.execute("ROLLBACK")
                return name_after_identity(backup, path, identity)
            if found != from_version:
                raise StorageError(
                    path, f"changed schema during the upgrade (from {from_version} to {found})"
                )
            broken_before = _broken_references(connection)
            try:
                run_steps(connection, from_version, steps)
            except _EndedEarlyError as early:
                raise StorageError(
                    path, str(early), f"it may be partly upgraded; restore the backup at {backup}"
                ) from None
            # References broken before the upgrade are left for ``skilltrack check`` to report and repair:
            # refusing them here would lock the person out of a record that worked yesterday.
            added = _broken_references(connection) - broken_before
            if added:
                count = sum(added.values())
                raise StorageError(path, f"upgrade would leave {count} broken references", unchanged)
            identity = read_identity(connection)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    except StorageError:
        raise
    except Exception as error:
        raise StorageError(
            path, f"could not be upgraded ({type(error).__name__}: {error})", unchanged
        ) from None
    finally:
        connection.close()
    return name_after_identity(backup, path, identity)
