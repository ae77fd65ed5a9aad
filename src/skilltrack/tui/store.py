"""The app's way to the record: the one the command line takes, opened once, used from worker threads.

Screens call the record's own functions (:mod:`skilltrack.record`), the ones the commands call, through
:meth:`Store.read` and :meth:`Store.write`: ``transaction(db, today)`` in one read transaction, or in
one short ``BEGIN IMMEDIATE`` write. Every call blocks, so screens make them in their workers, never on
the UI thread; the first of them opens (upgrades) the record, so the first frame is drawn before the
disk is touched. The app never makes a record on its own: on a path with none, the welcome screen
starts one with :meth:`Store.start`, the profile its first write.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from skilltrack.domain.framework import Framework
    from skilltrack.record.opener import Record

T = TypeVar("T")


class Store:
    """The record at ``path`` for the app, safe to use from several threads at once."""

    def __init__(
        self,
        path: Path,
        ladder: Callable[[], Framework],
        *,
        now: Callable[[], datetime],
        machine_zone: ZoneInfo,
    ) -> None:
        self.path = path
        self._load_ladder = ladder
        self._framework: Framework | None = None
        self.now = now
        """The clock sessions and timers are placed by (fixed in tests)."""
        self.machine_zone = machine_zone
        """The zone "today" is in when the profile names no home zone."""
        self._record: Record | None = None
        self._opening = threading.Lock()
        self._loading = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether the record has been opened: a storage problem before then means it cannot be."""
        return self._record is not None

    def _opened(self) -> Record:
        # Under a lock: at start-up several workers reach for the record at once, and it is opened once.
        with self._opening:
            if self._record is None:
                from skilltrack.record.opener import open_record

                self._record = open_record(self.path, create=False, threads=True)
            return self._record

    def opened(self) -> Record:
        """The record itself, for work of several transactions (a sync): opened on first use."""
        return self._opened()

    def start(self, first_write: Callable[[sqlite3.Connection], T]) -> T:
        """Start the record at :attr:`path` with ``first_write(db)`` as its first transaction: if that
        raises, no file is left behind. When a record appeared there meanwhile (another skilltrack
        started it first), ``first_write`` is one write on that record instead, as the command line
        does."""
        from skilltrack.record.opener import open_record, start_record

        with self._opening:
            started = start_record(self.path, first_write)
            if started is not None:
                # start_record's record is for the thread that made it; the app's workers share one.
                record, written = started
                record.close()
                self._record = open_record(self.path, create=False, threads=True)
                return written
            self._record = open_record(self.path, create=False, threads=True)
        with self._record.writing() as db:
            return first_write(db)

    def read(self, transaction: Callable[[sqlite3.Connection, date], T]) -> T:
        """``transaction(db, today)`` in one read transaction; ``today`` is in the record's home zone."""
        with self._opened().reading() as db:
            return transaction(db, self.today(db))

    def write(self, transaction: Callable[[sqlite3.Connection, date], T]) -> T:
        """``transaction(db, today)`` in one short write transaction: all of it is committed, or none."""
        with self._opened().writing() as db:
            return transaction(db, self.today(db))

    def today(self, db: sqlite3.Connection) -> date:
        """Today in the record's home zone (the profile's, else the machine's)."""
        from skilltrack.record.profile import today

        return today(db, now_utc=self.now(), fallback=self.machine_zone)

    def local_today(self) -> date:
        """Today on this machine, for the defaults of forms: known without reading the disk."""
        return self.now().astimezone(self.machine_zone).date()

    @property
    def framework(self) -> Framework:
        """The ladder in force, loaded on first use: by the first screen's worker, after the first frame
        (reading and checking it took a sixth of the time to that frame)."""
        with self._loading:
            if self._framework is None:
                self._framework = self._load_ladder()
            return self._framework

    def ladder(self) -> Framework:
        """The ladder, for the record's functions that load it only when they need it."""
        return self.framework

    def close(self) -> None:
        with self._opening:
            if self._record is not None:
                self._record.close()
                self._record = None
