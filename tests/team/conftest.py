"""The team's view: the commands run through the real entry point, on records of their own per person."""

import pytest

from skilltrack.cli import COMMANDS
from tests.cli.conftest import run  # noqa: F401  (the fixture tests/cli runs commands with)

TEAM_COMMANDS = {"publish": "team:run_publish", "team": "team:run_team"}


@pytest.fixture(autouse=True)
def team_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """``publish`` and ``team`` in the entry point's table of commands, as ``skilltrack`` dispatches them."""
    for command, handler in TEAM_COMMANDS.items():
        if command not in COMMANDS:
            monkeypatch.setitem(COMMANDS, command, handler)
