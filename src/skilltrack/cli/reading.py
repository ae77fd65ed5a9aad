"""One plain-SQL read for a command, without the ORM when the record allows (see skilltrack.db.direct).

A record already in the current schema is read through ``sqlite3`` alone, so a read-only command does
not pay for importing SQLAlchemy and SQLModel; anything else (no file yet, an older schema) goes through
the ORM's :meth:`Database.reading`, which creates, upgrades or refuses the file as before.
"""

import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from skilltrack.cli.context import Context
from skilltrack.db import direct

T = TypeVar("T")


def read_sql(context: Context, read: Callable[[sqlite3.Connection, date], T]) -> T:
    """``read(connection, today)`` in one read transaction; ``today`` is in the record's home zone."""
    with direct.opened(context.db_path) as record:
        if record is not None:
            with record.reading() as connection:
                return read(connection, direct.today(connection, context.now_utc, context.machine_zone))
    from skilltrack.db.engine import sqlite_connection

    with context.database.reading() as session:
        return read(sqlite_connection(session), context.today(session))
