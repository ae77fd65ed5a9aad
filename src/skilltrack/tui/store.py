"""The app's way to the record: every call is blocking and runs in a worker thread, never on the UI.

Reads in plain SQL (the dashboard, the overview, ``read_sql``) go through
:mod:`skilltrack.db.direct`, the record through sqlite3 alone, so the dashboard fills without waiting
for SQLAlchemy. Everything else imports the database layer (SQLAlchemy, SQLModel) on its first call,
inside a worker. The calls go through the same actions, queries and writes as the command line.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from skilltrack.domain.framework import Framework

if TYPE_CHECKING:
    from sqlmodel import Session

    from skilltrack import actions
    from skilltrack.db.direct import DirectRecord, LoggedSession
    from skilltrack.db.engine import Database
    from skilltrack.db.models import SkillRating
    from skilltrack.db.overview import Dashboard, Overview
    from skilltrack.db.queries import EvidenceRow, ProjectRow, SessionRow, SkillRow, TimerRow
    from skilltrack.db.writes import SkillImpact
    from skilltrack.domain.drafts import (  # built by the forms only
        EvidenceDraft,
        InterviewDraft,
        ProjectDraft,
        SessionDraft,
    )

T = TypeVar("T")
P = ParamSpec("P")

_LAYER_LOCK = threading.Lock()
_layer_loaded = False


def _load_database_layer() -> None:
    """Import the database layer once, under a lock.

    Workers start on several threads at once, and SQLAlchemy's first import is not safe when two
    threads run it together (one sees a partially initialised module).
    """
    global _layer_loaded
    with _LAYER_LOCK:
        if not _layer_loaded:
            import skilltrack.actions
            import skilltrack.db.engine
            import skilltrack.db.overview
            import skilltrack.db.queries
            import skilltrack.db.writes  # noqa: F401

            _layer_loaded = True


def _uses_database(method: Callable[P, T]) -> Callable[P, T]:
    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        _load_database_layer()
        return method(*args, **kwargs)

    return wrapper


class _NotDirectError(Exception):
    """The record is not one the direct path opens (new, older schema, refused): read through the ORM."""


@dataclass(frozen=True)
class SkillDetail:
    row: SkillRow
    ratings: list[SkillRating]
    sessions: list[SessionRow]


class Store:
    def __init__(
        self,
        path: Path,
        framework: Framework,
        *,
        now: Callable[[], datetime],
        machine_zone: ZoneInfo,
    ) -> None:
        self.path = path
        self.framework = framework
        self.now = now
        self.machine_zone = machine_zone
        self._database: Database | None = None
        self._lock = threading.Lock()
        self._direct: DirectRecord | None = None
        self._direct_lock = threading.RLock()
        self._direct_tried = False

    @property
    def is_open(self) -> bool:
        return self._database is not None or self._direct is not None

    @property
    def database(self) -> Database:
        _load_database_layer()
        with self._lock:
            if self._database is None:
                from skilltrack.db.engine import open_database

                self._database = open_database(self.path)
            return self._database

    def close(self) -> None:
        with self._lock:
            if self._database is not None:
                self._database.close()
                self._database = None
        with self._direct_lock:
            if self._direct is not None:
                self._direct.close()
                self._direct = None

    def _direct_read(self, query: Callable[[sqlite3.Connection, date], T]) -> T:
        """``query`` on the record opened directly; :class:`_NotDirectError` when the ORM path must read.

        A record the direct path leaves to the ORM (new, older schema, refused) is tried again only
        once the ORM path has opened it (created or upgraded it).
        """
        from skilltrack.db import direct

        with self._direct_lock:
            if self._direct is None and (not self._direct_tried or self._database is not None):
                self._direct_tried = True
                self._direct = direct.open_direct(self.path, check_same_thread=False)
            if self._direct is None:
                raise _NotDirectError
            with self._direct.reading() as connection:
                today = direct.today(connection, self.now(), self.machine_zone)
                return query(connection, today)

    @_uses_database
    def read(self, query: Callable[[Session], T]) -> T:
        with self.database.reading() as session:
            return query(session)

    def read_sql(self, query: Callable[[sqlite3.Connection, date], T]) -> T:
        """Run a plain-SQL read in one read transaction; it also gets today in the home zone."""
        try:
            return self._direct_read(query)
        except _NotDirectError:
            return self._read_sql_through_orm(query)

    @_uses_database
    def _read_sql_through_orm(self, query: Callable[[sqlite3.Connection, date], T]) -> T:
        from skilltrack.db.engine import sqlite_connection

        with self.database.reading() as session:
            return query(sqlite_connection(session), self.today(session))

    @_uses_database
    def write(self, change: Callable[[Session], T]) -> T:
        """Run ``change`` in one short write transaction: all of it is committed, or none."""
        with self.database.writing() as session:
            return change(session)

    def local_today(self) -> date:
        """Today on this machine, for defaults in forms (no disk read on the UI thread)."""
        return self.now().astimezone(self.machine_zone).date()

    def today(self, session: Session) -> date:
        from skilltrack.actions import home_zone

        return self.now().astimezone(home_zone(session, self.machine_zone)).date()

    # ── reads ──────────────────────────────────────────────────────────────────────────────────

    def dashboard(self) -> Dashboard:
        from skilltrack.db.overview import dashboard_from

        return self.read_sql(lambda connection, today: dashboard_from(connection, self.framework, today))

    def overview(self) -> Overview:
        from skilltrack.db.overview import overview_from

        return self.read_sql(lambda connection, today: overview_from(connection, self.framework, today))

    @_uses_database
    def skills(self) -> list[SkillRow]:
        from skilltrack.db.queries import skill_rows

        return self.read(lambda session: skill_rows(session, self.today(session)))

    @_uses_database
    def skill_level(self, name: str) -> int | None:
        """The current self-rating of the skill a name or alias stands for, if it has one."""
        from skilltrack.db import queries

        def load(session: Session) -> int | None:
            skill = queries.find_skill(session, name)
            if skill is None and (term := self.framework.term(name)) is not None:
                skill = queries.find_skill_by_keys(session, term.keys)
            if skill is None or skill.id is None:
                return None
            history = queries.rating_history(session, skill.id)
            return history[-1].level if history else None

        return self.read(load)

    @_uses_database
    def skill_detail(self, skill_id: int) -> SkillDetail | None:
        from skilltrack.db import queries

        def load(session: Session) -> SkillDetail | None:
            rows = queries.skill_rows(session, self.today(session))
            row = next((r for r in rows if r.id == skill_id), None)
            if row is None:
                return None
            return SkillDetail(
                row,
                queries.rating_history(session, skill_id),
                queries.recent_sessions(session, limit=50, skill_id=skill_id),
            )

        return self.read(load)

    @_uses_database
    def skill_names(self) -> list[str]:
        """What the skill field completes: every name and alias in the record and the ladder."""
        from skilltrack.db.queries import known_name_keys

        known = [*self.framework.term_keys(), *self.read(known_name_keys)]
        names = {name for _, name in known}
        name_keys = {name.casefold() for name in names}
        aliases = {key for key, _ in known if key not in name_keys}
        return sorted(names | aliases, key=str.casefold)

    @_uses_database
    def day_sessions(self, day: date) -> list[SessionRow]:
        from skilltrack.db.queries import sessions_on

        return self.read(lambda session: sessions_on(session, day))

    @_uses_database
    def projects(self) -> list[ProjectRow]:
        from skilltrack.db.queries import project_rows

        return self.read(project_rows)

    @_uses_database
    def evidence(self) -> list[EvidenceRow]:
        from skilltrack.db.queries import evidence_rows

        return self.read(evidence_rows)

    @_uses_database
    def profile_values(self) -> dict[str, str]:
        from skilltrack.db.queries import get_profile

        def load(session: Session) -> dict[str, str]:
            profile = get_profile(session)
            return {
                "name": profile.name,
                "title": profile.title,
                "career_start": profile.career_started_on.isoformat() if profile.career_started_on else "",
                "target_level": profile.target_level or "",
                "target_date": profile.target_date.isoformat() if profile.target_date else "",
                "time_zone": profile.time_zone or "",
            }

        return self.read(load)

    # ── writes ─────────────────────────────────────────────────────────────────────────────────

    @_uses_database
    def log_session(self, draft: SessionDraft) -> LoggedSession:
        from skilltrack.actions import log_session

        return log_session(
            self.database, self.framework, draft, now_utc=self.now(), fallback_zone=self.machine_zone
        )

    @_uses_database
    def add_interview(self, draft: InterviewDraft) -> actions.AddedInterview:
        from skilltrack.actions import add_interview

        return add_interview(
            self.database, self.framework, draft, now_utc=self.now(), fallback_zone=self.machine_zone
        )

    @_uses_database
    def start_timer(self, skill: str, kind: str) -> actions.TimerStarted:
        from skilltrack.actions import start_timer

        return start_timer(
            self.database,
            self.framework,
            skill,
            kind=kind,
            now_utc=self.now(),
            fallback_zone=self.machine_zone,
        )

    @_uses_database
    def stop_timer(self) -> actions.TimerStopped:
        from skilltrack.actions import stop_timer

        return stop_timer(self.database, now_utc=self.now())

    @_uses_database
    def cancel_timer(self) -> TimerRow:
        from skilltrack.actions import cancel_timer

        return cancel_timer(self.database)

    @_uses_database
    def rate_skill(self, skill: str, level: int, note: str = "") -> actions.Rated:
        from skilltrack.actions import rate_skill

        rated_on = self.read(self.today)
        return rate_skill(self.database, self.framework, skill, level=level, rated_on=rated_on, note=note)

    @_uses_database
    def add_skill(self, name: str, kind: str | None, level: int | None) -> str:
        from skilltrack.db import writes

        with self.database.writing() as session:
            skill = writes.add_skill(session, name, self.framework, kind=kind)
            if level is not None:
                writes.rate_skill(session, skill, level=level, rated_on=self.today(session))
            return skill.name

    @_uses_database
    def edit_skill(self, skill_id: int, *, name: str, kind: str) -> str:
        from skilltrack.db import writes

        with self.database.writing() as session:
            skill = writes.skill_by_id(session, skill_id)
            if name != skill.name:
                writes.rename_skill(session, skill, name)
            writes.set_skill_kind(session, skill, kind)
            return skill.name

    @_uses_database
    def skill_impact(self, skill_id: int) -> SkillImpact:
        from skilltrack.db import writes

        return self.read(lambda session: writes.skill_impact(session, writes.skill_by_id(session, skill_id)))

    @_uses_database
    def remove_skill(self, skill_id: int) -> SkillImpact:
        from skilltrack.db import writes

        with self.database.writing() as session:
            return writes.remove_skill(session, writes.skill_by_id(session, skill_id))

    @_uses_database
    def add_project(self, draft: ProjectDraft) -> str:
        from skilltrack.actions import add_project

        return add_project(self.database, self.framework, draft, allow_new=True).name

    @_uses_database
    def remove_project(self, name: str) -> int:
        from skilltrack.db import writes

        with self.database.writing() as session:
            return writes.remove_project(session, writes.find_project(session, name))

    @_uses_database
    def add_evidence(self, draft: EvidenceDraft) -> str:
        from skilltrack.actions import add_evidence

        return add_evidence(self.database, self.framework, draft).title

    @_uses_database
    def remove_evidence(self, evidence_id: str) -> str:
        from skilltrack.db import writes

        with self.database.writing() as session:
            return writes.remove_evidence(session, evidence_id).title

    @_uses_database
    def save_profile(self, values: dict[str, str]) -> None:
        from skilltrack.actions import save_profile

        today = self.read(self.today)
        save_profile(self.database, self.framework, values, today=today)
