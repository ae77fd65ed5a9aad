"""What every command needs: the files in force, the clock, the open record and the ladder, opened lazily."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from skilltrack.clock import clock_now, system_time_zone
from skilltrack.locations import Config, config_file, database_file, framework_file, read_config

TYPE_CHECKING = False  # not typing's: importing typing took a few milliseconds of every command
if TYPE_CHECKING:
    from typing import Any, TextIO

    from sqlmodel import Session

    from skilltrack.db.engine import Database
    from skilltrack.domain.framework import Framework


@dataclass
class Context:
    db_option: Path | None = None
    framework_option: Path | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _database: Database | None = None

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
    def framework(self) -> Framework:
        from skilltrack.guide import load_builtin_framework, load_framework

        path = framework_file(self.framework_option, self.config, self.environ)
        return load_framework(path) if path else load_builtin_framework()

    @property
    def database(self) -> Database:
        if self._database is None:
            from skilltrack.db.engine import open_database

            self._database = open_database(self.db_path)
        return self._database

    @cached_property
    def machine_zone(self) -> ZoneInfo:
        return system_time_zone(self.environ)

    def zone(self, session: Session) -> ZoneInfo:
        """The zone sessions are placed in: the profile's home zone, else the machine's."""
        from skilltrack.actions import home_zone

        return home_zone(session, self.machine_zone)

    def today(self, session: Session) -> date:
        return self.now_utc.astimezone(self.zone(session)).date()

    def check_output(self, output: Path) -> Path:
        """Refuse an output file that is the record, its journal, a backup, or any SQLite database."""
        from skilltrack.output_paths import check_output

        return check_output(output, self.db_path)

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def print_json(self, value: Any) -> None:
        import json

        print(json.dumps(value, indent=2, ensure_ascii=False, default=str), file=self.out)

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
