"""Asking the person before a change that removes something."""

import sys

from skilltrack.cli.context import Context
from skilltrack.record.errors import RecordError


def confirm(context: Context, question: str, *, assume_yes: bool) -> bool:
    """Ask on the terminal; with no terminal to ask on, refuse unless --yes was given."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise RecordError(f"{question.rstrip('?')} — run again with --yes to confirm")
    context.print(f"{question} [y/N] ")
    return sys.stdin.readline().strip().lower() in {"y", "yes"}
