"""The floor for ``skilltrack log``: a bare Python process doing the same write with the same pragmas.

    python benchmarks/log_floor.py RECORD SKILL_KEY

It opens the record, sets what every skilltrack connection sets (busy timeout, foreign keys, WAL, full
sync), and in one ``BEGIN IMMEDIATE`` transaction finds the skill by its key, inserts one session and
reads the week's minutes back, as ``log`` does. Nothing else: no parsing, no messages, no ladder. Only the
standard library, so it measures what the interpreter, sqlite3 and the disk cost on this machine.
"""

import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta


def main() -> int:
    path, skill_key = sys.argv[1], sys.argv[2]
    now = datetime.now(UTC)
    connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 10000")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("BEGIN IMMEDIATE")
    (skill_id,) = connection.execute(
        "SELECT id FROM skill WHERE name_key = ? "
        "OR id IN (SELECT skill_id FROM skill_alias WHERE alias_key = ?)",
        (skill_key, skill_key),
    ).fetchone()
    started = now - timedelta(minutes=25)
    stamp = started.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    connection.execute(
        "INSERT INTO learning_session (uuid, skill_id, started_at_utc, time_zone, local_day, minutes, kind, "
        "note, created_at_utc) VALUES (?, ?, ?, 'UTC', ?, 25, 'study', 'floor', ?)",
        (os.urandom(16).hex(), skill_id, stamp, started.date().isoformat(), stamp),
    )
    monday = now.date() - timedelta(days=now.weekday())
    connection.execute(
        "SELECT coalesce(sum(minutes), 0) FROM learning_session WHERE local_day >= ? AND local_day <= ?",
        (monday.isoformat(), now.date().isoformat()),
    ).fetchone()
    connection.execute("COMMIT")
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
