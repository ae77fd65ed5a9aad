"""The snapshots of an empty record start on a record that exists: a path with none opens the welcome
screen (its own snapshot), not the dashboard."""

from tests.tui.helpers import started_empty_db as empty_db

__all__ = ["empty_db"]
