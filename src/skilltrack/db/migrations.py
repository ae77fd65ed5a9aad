"""Schema versions and the steps between them.

A file records its version in ``PRAGMA user_version``. Version 1 is the first released schema. An
upgrade takes a verified backup, then runs every step in one transaction with foreign keys off (so
that a table rebuild cannot cascade-delete child rows) and checks the foreign keys before committing.
"""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from skilltrack.db.backup import backup_before_upgrade
from skilltrack.db.errors import StorageError

SCHEMA_VERSION = 1

Step = Callable[[sqlite3.Connection], None]

STEPS: dict[int, Step] = {}
"""``STEPS[n]`` moves a file from schema ``n`` to ``n + 1``."""


def upgrade(path: Path, from_version: int, steps: dict[int, Step] | None = None) -> Path:
    """Bring the file at ``path`` to :data:`SCHEMA_VERSION`; return the backup taken first."""
    steps = STEPS if steps is None else steps
    missing = [version for version in range(from_version, SCHEMA_VERSION) if version not in steps]
    if missing:
        raise StorageError(path, f"has schema {from_version}, which this skilltrack cannot upgrade")
    backup = backup_before_upgrade(path, from_version)
    unchanged = f"it is unchanged; a backup is at {backup}"
    connection = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("BEGIN IMMEDIATE")
        try:
            for version in range(from_version, SCHEMA_VERSION):
                steps[version](connection)
                if not connection.in_transaction:
                    # e.g. executescript() commits: the upgrade would no longer be all-or-nothing.
                    raise StorageError(
                        path,
                        f"upgrade step {version} ended the transaction early",
                        f"it may be partly upgraded; restore the backup at {backup}",
                    )
            problems = connection.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StorageError(path, f"upgrade would leave {len(problems)} broken references", unchanged)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
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
    return backup
