"""The app's way to the record: every call is blocking and runs in a worker thread, never on the UI.

It opens the record on first use (so the first frame never waits for the disk) and goes through the
same actions, queries and writes as the command line.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import Session

from skilltrack import actions
from skilltrack.db import queries, writes
from skilltrack.db.engine import Database, open_database
from skilltrack.db.models import SkillRating
from skilltrack.db.overview import Dashboard, Overview, load_dashboard, load_overview
from skilltrack.domain.framework import Framework

T = TypeVar("T")


@dataclass(frozen=True)
class SkillDetail:
    row: queries.SkillRow
    ratings: list[SkillRating]
    sessions: list[queries.SessionRow]


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

    @property
    def database(self) -> Database:
        with self._lock:
            if self._database is None:
                self._database = open_database(self.path)
            return self._database

    def close(self) -> None:
        with self._lock:
            if self._database is not None:
                self._database.close()
                self._database = None

    def read(self, query: Callable[[Session], T]) -> T:
        with self.database.reading() as session:
            return query(session)

    def today(self, session: Session) -> date:
        return self.now().astimezone(actions.home_zone(session, self.machine_zone)).date()

    # ── reads ──────────────────────────────────────────────────────────────────────────────────

    def dashboard(self) -> Dashboard:
        return self.read(lambda session: load_dashboard(session, self.framework, self.today(session)))

    def overview(self) -> Overview:
        return self.read(lambda session: load_overview(session, self.framework, self.today(session)))

    def skills(self) -> list[queries.SkillRow]:
        return self.read(lambda session: queries.skill_rows(session, self.today(session)))

    def skill_detail(self, skill_id: int) -> SkillDetail | None:
        def load(session: Session) -> SkillDetail | None:
            row = next(
                (r for r in queries.skill_rows(session, self.today(session)) if r.id == skill_id), None
            )
            if row is None:
                return None
            return SkillDetail(
                row,
                queries.rating_history(session, skill_id),
                queries.recent_sessions(session, limit=50, skill_id=skill_id),
            )

        return self.read(load)

    def skill_names(self) -> list[str]:
        """What the skill field completes: every name and alias in the record and the ladder."""
        known = [*self.framework.term_keys(), *self.read(queries.known_name_keys)]
        names = {name for _, name in known}
        name_keys = {name.casefold() for name in names}
        aliases = {key for key, _ in known if key not in name_keys}
        return sorted(names | aliases, key=str.casefold)

    def day_sessions(self, day: date) -> list[queries.SessionRow]:
        return self.read(lambda session: queries.sessions_on(session, day))

    def projects(self) -> list[queries.ProjectRow]:
        return self.read(queries.project_rows)

    def evidence(self) -> list[queries.EvidenceRow]:
        return self.read(queries.evidence_rows)

    def profile_values(self) -> dict[str, str]:
        def load(session: Session) -> dict[str, str]:
            profile = queries.get_profile(session)
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

    def log_session(self, draft: actions.SessionDraft) -> actions.LoggedSession:
        return actions.log_session(
            self.database, self.framework, draft, now_utc=self.now(), fallback_zone=self.machine_zone
        )

    def start_timer(self, skill: str, kind: str) -> actions.TimerStarted:
        return actions.start_timer(
            self.database,
            self.framework,
            skill,
            kind=kind,
            now_utc=self.now(),
            fallback_zone=self.machine_zone,
        )

    def stop_timer(self) -> actions.TimerStopped:
        return actions.stop_timer(self.database, now_utc=self.now())

    def cancel_timer(self) -> queries.TimerRow:
        return actions.cancel_timer(self.database)

    def rate_skill(self, skill: str, level: int, note: str = "") -> actions.Rated:
        rated_on = self.read(self.today)
        return actions.rate_skill(
            self.database, self.framework, skill, level=level, rated_on=rated_on, note=note
        )

    def add_skill(self, name: str, kind: str | None, level: int | None) -> str:
        with self.database.writing() as session:
            skill = writes.add_skill(session, name, self.framework, kind=kind)
            if level is not None:
                writes.rate_skill(session, skill, level=level, rated_on=self.today(session))
            return skill.name

    def edit_skill(self, skill_id: int, *, name: str, kind: str) -> str:
        with self.database.writing() as session:
            skill = writes.skill_by_id(session, skill_id)
            if name != skill.name:
                writes.rename_skill(session, skill, name)
            writes.set_skill_kind(session, skill, kind)
            return skill.name

    def skill_impact(self, skill_id: int) -> writes.SkillImpact:
        return self.read(lambda session: writes.skill_impact(session, writes.skill_by_id(session, skill_id)))

    def remove_skill(self, skill_id: int) -> writes.SkillImpact:
        with self.database.writing() as session:
            return writes.remove_skill(session, writes.skill_by_id(session, skill_id))

    def add_project(self, draft: "ProjectDraft") -> str:
        with self.database.writing() as session:
            skills = [
                writes.resolve_skill(session, name, self.framework, allow_new=True).skill
                for name in draft.skills
            ]
            project = writes.add_project(
                session,
                name=draft.name,
                role=draft.role,
                started_on=draft.started_on,
                ended_on=draft.ended_on,
                in_production=draft.in_production,
                skills=skills,
                impact=draft.impact,
                links=draft.links,
            )
            return project.name

    def remove_project(self, name: str) -> int:
        with self.database.writing() as session:
            return writes.remove_project(session, writes.find_project(session, name))

    def add_evidence(self, draft: "EvidenceDraft") -> str:
        with self.database.writing() as session:
            project = writes.find_project(session, draft.project) if draft.project else None
            evidence = writes.add_evidence(
                session,
                self.framework,
                kind=draft.kind,
                title=draft.title,
                occurred_on=draft.occurred_on,
                expectation_id=draft.expectation_id,
                project=project,
                link=draft.link,
                note=draft.note,
            )
            return evidence.title

    def remove_evidence(self, evidence_id: str) -> str:
        with self.database.writing() as session:
            return writes.remove_evidence(session, evidence_id).title

    def save_profile(self, changes: dict[str, object]) -> None:
        with self.database.writing() as session:
            writes.update_profile(session, **changes)


@dataclass(frozen=True)
class ProjectDraft:
    name: str
    role: str
    started_on: date
    ended_on: date | None
    in_production: bool
    skills: tuple[str, ...]
    impact: str = ""
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceDraft:
    kind: str
    title: str
    occurred_on: date
    expectation_id: str | None = None
    project: str | None = None
    link: str = ""
    note: str = ""
