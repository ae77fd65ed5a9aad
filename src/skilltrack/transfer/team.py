"""The team folder: writing this person's readiness snapshot into it, reading everyone's back, and which
folder is the team's.

The folder is one the team already shares (a synced folder, a git working copy, a network drive). Each
person writes only their own file, whole or not at all (a temporary file in the folder, then a rename),
so the folder's own sync never sees two writers on one file. Reading takes only the snapshot files; a
file that cannot be read is named in a warning and skipped, never the end of the command.
"""

import json
import os
import stat
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

from skilltrack.domain.errors import InputError
from skilltrack.domain.team import (
    SNAPSHOT_SUFFIX,
    Snapshot,
    SnapshotError,
    read_snapshot,
    snapshot_document,
    snapshot_file_name,
)
from skilltrack.files import atomic_text_file, is_record_file
from skilltrack.locations import config_file

MAX_SNAPSHOT_BYTES = 4 * 1024 * 1024
"""A snapshot of the largest ladder read is well under this; a bigger file is not one."""
TEAM_FOLDER_VARIABLE = "SKILLTRACK_TEAM"
REMEMBERED_FILE = "team-folder"
"""Beside the config file: the team folder last published to or chosen in the app."""


class TeamRead(NamedTuple):
    snapshots: list[tuple[str, Snapshot]]
    """Each snapshot read, with its file's name, in file name order."""
    warnings: list[str]
    """One line per file that was skipped, naming it and why."""


def _folder(typed: str, *, record: Path) -> Path:
    folder = Path(typed).expanduser()
    if not typed.strip():
        raise InputError("folder", "is empty; give the team's shared folder")
    if is_record_file(folder, record):
        raise InputError("folder", f"{typed} is your record's own file; give the team's shared folder")
    if not folder.exists():
        raise InputError("folder", f"{typed}: there is no such folder; create it or give the shared one")
    if not folder.is_dir():
        raise InputError("folder", f"{typed}: is a file; give the team's shared folder")
    return folder


def write_snapshot(typed: str, snapshot: Snapshot, *, record: Path) -> Path:
    """Write ``snapshot`` as its person's one file in the folder ``typed``; the path written."""
    folder = _folder(typed, record=record)
    target = folder / snapshot_file_name(snapshot.name)
    if target.exists() and not stat.S_ISREG(target.lstat().st_mode):
        raise InputError("folder", f"{target} is not a regular file; it was left as it was")
    text = json.dumps(snapshot_document(snapshot), indent=2, ensure_ascii=False) + "\n"
    with atomic_text_file(target) as handle:
        handle.write(text)
    return target


def read_team(typed: str, *, record: Path) -> TeamRead:
    """Every snapshot in the folder ``typed``, and a warning for each snapshot file that cannot be read."""
    folder = _folder(typed, record=record)
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as error:
        raise InputError("folder", f"{typed}: cannot be read ({error.strerror})") from None
    snapshots: list[tuple[str, Snapshot]] = []
    warnings: list[str] = []
    for name in names:
        if not name.endswith(SNAPSHOT_SUFFIX) or name.startswith("."):
            continue  # not a snapshot (a temporary file being written starts with a dot)
        try:
            snapshots.append((name, read_snapshot_file(folder / name)))
        except SnapshotError as error:
            warnings.append(f"{folder / name}: skipped, {error}")
    return TeamRead(snapshots, warnings)


def read_snapshot_file(path: Path) -> Snapshot:
    """One snapshot file, or :class:`SnapshotError` saying why it cannot be read."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise SnapshotError("is not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_SNAPSHOT_BYTES + 1)
    except OSError as error:
        raise SnapshotError(f"cannot be read ({error.strerror})") from None
    if len(data) > MAX_SNAPSHOT_BYTES:
        raise SnapshotError(f"is larger than {MAX_SNAPSHOT_BYTES:,} bytes; not a snapshot")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SnapshotError("is not UTF-8 text; not a snapshot") from None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        # json raises ValueError for what is not JSON, RecursionError for nesting deeper than Python's stack
        problem = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deeply"
        raise SnapshotError(f"is not valid JSON ({problem}); damaged or not a snapshot") from None
    return read_snapshot(document)


# ── which folder is the team's ──────────────────────────────────────────────────────────────────


def remembered_file(environ: Mapping[str, str]) -> Path:
    return config_file(environ).with_name(REMEMBERED_FILE)


def team_folder(environ: Mapping[str, str]) -> str | None:
    """The team folder to show: ``SKILLTRACK_TEAM``, else the one last published to or chosen in the app
    (remembered beside the config file), else ``None``."""
    from_environment = environ.get(TEAM_FOLDER_VARIABLE, "").strip()
    if from_environment:
        return from_environment
    try:
        remembered = remembered_file(environ).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return remembered if remembered and "\n" not in remembered else None


def remember_folder(typed: str, environ: Mapping[str, str]) -> bool:
    """Remember the team folder for the app (as an absolute path); whether it could be. Not being able to
    (a read-only config folder) costs only the app's remembering it, so it is never an error."""
    folder = str(Path(typed).expanduser().absolute())
    path = remembered_file(environ)
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_text_file(path) as handle:
            handle.write(folder + "\n")
    except InputError:
        return False
    return True
