"""Write ``src/skilltrack/record/ddl.py``: the SQL the SQLModel declarations compile to.

    .venv/bin/python scripts/write_ddl.py

Run it after changing :mod:`skilltrack.record.schema` (with a migration step for the change);
``tests/unit/test_schema.py`` fails until it is run.
"""

from pathlib import Path

from skilltrack.record.schema import SCHEMA_VERSION, schema_statements

TARGET = Path(__file__).resolve().parent.parent / "src" / "skilltrack" / "record" / "ddl.py"

HEADER = '''"""The SQL that creates a new record: what :mod:`skilltrack.record.schema` compiles to.

Written by ``scripts/write_ddl.py``; do not edit by hand. Kept as text so that creating a record needs
no ORM (``tests/unit/test_schema.py`` holds it to the declarations).
"""

'''


def _quoted(text: str) -> str:
    """``text`` as a double-quoted Python literal, as the formatter writes one."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _literal(statement: str) -> str:
    """One statement as adjacent string literals, a line of SQL each, so the file reads as the SQL does."""
    lines = statement.splitlines(keepends=True)
    if len(lines) == 1:
        return f"    {_quoted(statement)},\n"
    pieces = "".join(f"        {_quoted(line)}\n" for line in lines)
    return f"    (\n{pieces}    ),\n"


def render() -> str:
    body = "".join(_literal(statement) for statement in schema_statements())
    version = f"SCHEMA_VERSION = {SCHEMA_VERSION}\n\nSCHEMA = (\n"
    return HEADER + version + body + ")\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"Wrote {TARGET}")
