"""The team's view: the commands run through the real entry point, on records of their own per person."""

from tests.cli.conftest import run  # noqa: F401  (the fixture tests/cli runs commands with)
