"""What every command needs: the files in force, the clock, the open record and the ladder, opened lazily."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from skilltrack.clock import clock_now, system_time_zone
from skilltrack.locations import Config, config_file, database_file, framework_file, read_config

TYPE_CHECKING = False  # not typing's: importing typing took a few milliseconds of every command
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable
    from typing import Any, TextIO, TypeVar

    from skilltrack.domain.framework import Framework
    from skilltrack.record.opener import Record

    T = TypeVar("T")


_C1 = re.compile("[\x80-\x9f]")


class Context:
    """One command's run. A plain class, not a dataclass: importing :mod:`dataclasses` (and the
    :mod:`inspect` it loads) took a quarter of ``skilltrack log``."""

    def __init__(
        self,
        *,
        db_option: Path | None = None,
        framework_option: Path | None = None,
        environ: Mapping[str, str] | None = None,
        out: TextIO | None = None,
    ) -> None:
        self.db_option = db_option
        self.framework_option = framework_option
        self.environ: Mapping[str, str] = os.environ if environ is None else environ
        self.out: TextIO = sys.stdout if out is None else out
        self._record: Record | None = None

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
    def framework_path(self) -> Path | None:
        """The ladder file of the person's own in force, or ``None`` for the built-in ladder."""
        return framework_file(self.framework_option, self.config, self.environ)

    @cached_property
    def framework(self) -> Framework:
        from skilltrack.guide import load_builtin_framework, load_framework

        path = self.framework_path
        return load_framework(path) if path else load_builtin_framework()

    def ladder(self) -> Framework:
        """The ladder, for functions that load it only when they need it (a known skill needs none)."""
        return self.framework

    def opened(self, *, create: bool) -> Record:
        """The record, opened (upgraded) on first use and closed when the command ends. A command that
        only reads never makes one (``create=False``: :class:`NoRecordError` names the path); the
        first write to a new path makes it, and says where."""
        if self._record is None:
            from skilltrack.record.opener import open_record

            self._record = open_record(self.db_path, create=create)
            if self._record.created:
                self._say_started(self._record)
        return self._record

    @staticmethod
    def _say_started(record: Record) -> None:
        # A notice, not the command's output: on stderr, so that `--json` and pipes stay clean.
        print(f"Started a new record at {record.path}.", file=sys.stderr)

    @property
    def record(self) -> Record:
        """The record for a command that writes: made at its path when there is none yet."""
        return self.opened(create=True)

    @cached_property
    def machine_zone(self) -> ZoneInfo:
        return system_time_zone(self.environ)

    def today(self, db: sqlite3.Connection) -> date:
        """Today in the record's home zone (the profile's, else the machine's)."""
        from skilltrack.record.profile import today

        return today(db, now_utc=self.now_utc, fallback=self.machine_zone)

    def read(self, read: Callable[[sqlite3.Connection, date], T]) -> T:
        """``read(db, today)`` in one read transaction; ``today`` is in the record's home zone. No record
        at the path is a :class:`NoRecordError`: reading makes none."""
        with self.opened(create=False).reading() as db:
            return read(db, self.today(db))

    def write(self, write: Callable[[sqlite3.Connection, date], T]) -> T:
        """``write(db, today)`` in one short write transaction: all of it is committed, or none. On a
        path with no record, that transaction makes the record: a refused first write leaves no file."""
        if self._record is None and not self.db_path.exists():
            from skilltrack.record.opener import start_record

            started = start_record(self.db_path, lambda db: write(db, self.today(db)))
            if started is not None:
                self._record, written = started
                self._say_started(self._record)
                return written
        with self.record.writing() as db:
            return write(db, self.today(db))

    def check_output(self, output: Path) -> Path:
        """Refuse an output file that is the record, its journal, a backup, or any SQLite database."""
        from skilltrack.files import check_output

        return check_output(output, self.db_path)

    def print(self, text: str = "") -> None:
        # Text from the record or a ladder may hold control characters stored before the record refused
        # them: shown as stand-ins (␛), never sent to the terminal.
        from skilltrack.render.terminal import printable

        print(printable(text, multiline=True), file=self.out)

    def print_json(self, value: Any) -> None:
        import json

        text = json.dumps(value, indent=2, ensure_ascii=False, default=str)
        # JSON escapes C0 controls itself; C1 controls (a terminal reads U+009B as an escape) are escaped
        # here, so that printed JSON is as safe as printed text and still the same JSON.
        print(_C1.sub(lambda found: f"\\u{ord(found[0]):04x}", text), file=self.out)

    def close(self) -> None:
        if self._record is not None:
            self._record.close()
