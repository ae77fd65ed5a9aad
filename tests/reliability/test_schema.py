"""SQLModel declares the schema once: a new record is made from the SQL it compiles to, and is exactly what
SQLModel itself would make (every migration's result is held to a new record in test_schema_fixtures)."""

from pathlib import Path

from sqlalchemy import create_engine
from sqlmodel import SQLModel

from skilltrack.record import ddl, operations, schema
from skilltrack.record.connection import record_identity
from skilltrack.record.opener import open_record
from tests.reliability.test_schema_fixtures import schema as schema_of


def test_the_record_is_created_from_the_sql_of_the_declarations() -> None:
    """``record/ddl.py`` is what ``scripts/write_ddl.py`` writes from ``record/schema.py`` today."""
    assert schema.schema_statements() == ddl.SCHEMA, "run: .venv/bin/python scripts/write_ddl.py"
    assert ddl.SCHEMA_VERSION == schema.SCHEMA_VERSION


def test_a_new_record_has_exactly_the_tables_sqlmodel_makes(tmp_path: Path) -> None:
    made_here = tmp_path / "new.sqlite3"
    open_record(made_here).close()
    made_by_sqlmodel = tmp_path / "sqlmodel.sqlite3"
    engine = create_engine(f"sqlite:///{made_by_sqlmodel}")
    try:
        SQLModel.metadata.create_all(engine)
    finally:
        engine.dispose()
    tables_and_indexes = {entry for entry in schema_of(made_here) if entry[0] != "trigger"}
    assert tables_and_indexes == schema_of(made_by_sqlmodel)


def test_a_new_record_has_the_triggers_that_record_every_change(tmp_path: Path) -> None:
    """Beyond SQLModel's tables: the triggers that write each change's operation, for sync."""
    made_here = tmp_path / "new.sqlite3"
    open_record(made_here).close()
    triggers = {entry for entry in schema_of(made_here) if entry[0] == "trigger"}
    assert {name for _, name, _ in triggers} == {
        statement.split()[2] for statement in operations.trigger_statements()
    }
    assert len(triggers) == 3 * len(operations.ENTITIES) + 2 * sum(
        len(entity.lists) for entity in operations.ENTITIES
    )


def test_a_new_record_is_made_with_an_identity_of_its_own(tmp_path: Path) -> None:
    """The one row SQLModel's tables do not make: which record this is, for its backups' names."""
    identities = []
    for name in ("one.sqlite3", "two.sqlite3"):
        path = tmp_path / name
        open_record(path).close()
        identity = record_identity(path)
        assert identity is not None and len(identity) == 32 and int(identity, 16) >= 0
        identities.append(identity)
    assert identities[0] != identities[1]
