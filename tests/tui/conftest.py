"""The app's Pilot tests start on a record that exists: a path with none opens the welcome screen
(tests/tui/test_welcome.py), which is not what the tests of an empty record are about."""

from tests.tui.helpers import started_empty_db as empty_db

__all__ = ["empty_db"]
