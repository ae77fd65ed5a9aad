"""Raw looks at records: every row of every table, to compare records exactly."""

import sqlite3
from pathlib import Path

Rows = dict[str, list[tuple[object, ...]]]


def all_rows(path: Path) -> Rows:
    """Every row of every table, sorted, read without writing a byte."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


def counts(path: Path) -> dict[str, int]:
    return {table: len(rows) for table, rows in all_rows(path).items()}


def quick_check(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(connection.execute("PRAGMA quick_check").fetchone()[0])
    finally:
        connection.close()


def execute(path: Path, *statements: str) -> None:
    """Run statements on a plain connection with foreign keys off (as another tool might)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("BEGIN")
        for statement in statements:
            connection.execute(statement)
        connection.execute("COMMIT")
    finally:
        connection.close()
