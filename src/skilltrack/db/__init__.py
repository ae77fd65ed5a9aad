"""The record on disk: SQLite through SQLModel, kept safe by pragmas, schema versions and clear errors."""
