"""Which modules a command or an import loads, seen from a fresh interpreter (the test process has them all).

Importing any part of a package puts the package itself in ``sys.modules``, so watching ``"sqlalchemy"``
catches every SQLAlchemy module.
"""

import ast
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

HEAVY = ("sqlalchemy", "sqlmodel", "textual", "pydantic")
"""The ORM and the app: what the everyday commands and the plain-SQL reads must never load."""

_COMMAND = """
import sys
from skilltrack.cli import main
code = main(sys.argv[1:])
watched = {watched!r}
sys.stderr.write(repr((code, sorted(name for name in watched if name in sys.modules))) + "\\n")
"""

_IMPORTS = """
import importlib, sys
for module in {modules!r}:
    importlib.import_module(module)
print(repr(sorted(name for name in {watched!r} if name in sys.modules)))
"""


@dataclass(frozen=True)
class CommandRun:
    code: int
    loaded: list[str]
    """The watched modules the command loaded."""
    out: str


def command_loads(env: dict[str, str], cwd: Path, *args: str, watch: Iterable[str] = HEAVY) -> CommandRun:
    """Run ``skilltrack ARGS…`` through ``skilltrack.cli.main`` in a child process."""
    done = subprocess.run(
        [sys.executable, "-c", _COMMAND.format(watched=tuple(watch)), *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    code, loaded = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    return CommandRun(code, loaded, done.stdout)


def imports_load(*modules: str, watch: Iterable[str] = HEAVY) -> list[str]:
    """The watched modules that importing ``modules`` loads."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS.format(modules=modules, watched=tuple(watch))],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded: list[str] = ast.literal_eval(done.stdout.strip())
    return loaded
