"""What every command needs: the files in force, the clock, the open record and the ladder, opened lazily."""

import json
import os
import sys
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from skilltrack.domain.dates import parse_time_zone
from skilltrack.domain.errors import InputError
from skilltrack.locations import Config, config_file, database_file, framework_file, read_config

if TYPE_CHECKING:
    from sqlmodel import Session

    from skilltrack.db.engine import Database
    from skilltrack.domain.framework import Framework


def system_time_zone(environ: Mapping[str, str] = os.environ) -> ZoneInfo:
    """The machine's IANA zone: ``TZ`` if it names one, else where ``/etc/localtime`` points, else UTC."""
    candidates = [environ.get("TZ", "").lstrip(":")]
    with suppress(OSError):
        candidates.append(str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2])
    for name in candidates:
        if name:
            try:
                return parse_time_zone(name)
            except InputError:
                continue
    return ZoneInfo("UTC")


def clock_now(environ: Mapping[str, str] = os.environ) -> datetime:
    """Now, in UTC. ``SKILLTRACK_NOW`` (an ISO instant with offset) fixes it for tests and demos."""
    fixed = environ.get("SKILLTRACK_NOW")
    if fixed:
        try:
            parsed = datetime.fromisoformat(fixed)
        except ValueError:
            raise InputError("SKILLTRACK_NOW", f"{fixed!r} is not an ISO 8601 instant") from None
        if parsed.tzinfo is None:
            raise InputError("SKILLTRACK_NOW", "needs an offset, like 2026-11-24T18:00:00+00:00")
        return parsed.astimezone(UTC)
    return datetime.now(UTC)


@dataclass
class Context:
    db_option: Path | None = None
    framework_option: Path | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _database: "Database | None" = None

    @cached_property
    def config(self) -> Config:
        return read_config(config_file(self.environ))

    @cached_property
    def db_path(self) -> Path:
        return database_file(self.db_option, self.config, self.environ)

    @cached_property
    def now_utc(self) -> datetime:
        return clock_now(self.environ)

    @cached_property
    def framework(self) -> "Framework":
        from skilltrack.guide import load_builtin_framework, load_framework

        path = framework_file(self.framework_option, self.config, self.environ)
        return load_framework(path) if path else load_builtin_framework()

    @property
    def database(self) -> "Database":
        if self._database is None:
            from skilltrack.db.engine import open_database

            self._database = open_database(self.db_path)
        return self._database

    def zone(self, session: "Session") -> ZoneInfo:
        """The zone sessions are placed in: the profile's home zone, else the machine's."""
        from skilltrack.db.queries import get_profile

        configured = get_profile(session).time_zone
        if configured:
            try:
                return parse_time_zone(configured)
            except InputError:
                pass
        return system_time_zone(self.environ)

    def today(self, session: "Session") -> date:
        return self.now_utc.astimezone(self.zone(session)).date()

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def print_json(self, value: Any) -> None:
        print(json.dumps(value, indent=2, ensure_ascii=False, default=str), file=self.out)

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
