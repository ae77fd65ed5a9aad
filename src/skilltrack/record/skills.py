"""Skills and tools with their aliases and dated self-ratings: every read and write of those tables.

One resolution of what a person typed (:func:`resolve_skill`) serves ``log``, the timer, ratings,
projects, mock interviews and the importers alike: a name or alias the record knows, else a name of
the ladder's vocabulary (which joins the record with its canonical spelling, kind and aliases), else a
new skill — unless it is only *close* to a known name (``postgress``), which is refused with the
suggestion. Every function takes an open transaction's connection first and keywords after it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from skilltrack.domain.kinds import SKILL_KINDS
from skilltrack.domain.names import clean_name, closest_name, name_key
from skilltrack.domain.text import clean_note
from skilltrack.record.errors import RecordError
from skilltrack.record.values import marks, new_id, now_stored, stored_day

if TYPE_CHECKING:
    from skilltrack.domain.framework import Framework, SkillTerm

Ladder = Callable[[], "Framework"]
"""The ladder in force, loaded only when asked: a skill the record already knows needs none of it,
and loading it takes longer than writing a session."""

RECENT_DAYS = 90
"""The window "recent" hours and "last 90 days" columns count over."""


class SkillRef(NamedTuple):
    """A skill of the record: its key, name and kind."""

    id: int
    name: str
    kind: str


class ResolvedSkill(NamedTuple):
    skill: SkillRef
    notice: str = ""
    """Set when the skill was created just now, to tell the person."""


class SkillRow(NamedTuple):
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    level: int | None
    rated_on: date | None
    minutes_total: int
    minutes_recent: int
    sessions: int
    last_practised: date | None
    minutes_last_30_days: int = 0
    minutes_30_days_before: int = 0


class RatingRow(NamedTuple):
    level: int
    rated_on: date
    note: str


class SkillImpact(NamedTuple):
    """What removing a skill takes with it, to ask the person first."""

    sessions: int
    minutes: int
    ratings: int
    projects: int

    def describe(self) -> str:
        return (
            f"{self.sessions} session{'s' if self.sessions != 1 else ''} "
            f"({self.minutes // 60} h {self.minutes % 60} m), {self.ratings} rating"
            f"{'s' if self.ratings != 1 else ''} and its place in {self.projects} project"
            f"{'s' if self.projects != 1 else ''}"
        )

    @property
    def empty(self) -> bool:
        return not (self.sessions or self.ratings or self.projects)


# ── finding a skill ─────────────────────────────────────────────────────────────────────────────


def find_by_keys(db: sqlite3.Connection, keys: Iterable[str]) -> SkillRef | None:
    """The first skill whose name key or alias key is one of ``keys``."""
    wanted = list(keys)
    placeholders = marks(wanted)
    row = db.execute(
        f"SELECT id, name, kind FROM skill WHERE name_key IN ({placeholders}) "
        f"OR id IN (SELECT skill_id FROM skill_alias WHERE alias_key IN ({placeholders})) "
        "ORDER BY id LIMIT 1",
        [*wanted, *wanted],
    ).fetchone()
    return None if row is None else SkillRef(int(row[0]), str(row[1]), str(row[2]))


def find_skill(db: sqlite3.Connection, *, name: str) -> SkillRef | None:
    """The skill a name or alias stands for, case-insensitively."""
    return find_by_keys(db, [name_key(name)])


def skill_by_id(db: sqlite3.Connection, *, skill_id: int) -> SkillRef:
    row = db.execute("SELECT id, name, kind FROM skill WHERE id = ?", (skill_id,)).fetchone()
    if row is None:
        raise RecordError("skill: it no longer exists; it may have been removed from another window")
    return SkillRef(int(row[0]), str(row[1]), str(row[2]))


def known_name_keys(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every skill name and alias in the record as ``(key, canonical name)``."""
    return [
        (str(key), str(name))
        for key, name in db.execute(
            "SELECT name_key, name FROM skill UNION ALL SELECT skill_alias.alias_key, skill.name "
            "FROM skill_alias JOIN skill ON skill.id = skill_alias.skill_id"
        )
    ]


def skill_names(db: sqlite3.Connection, *, framework: Framework) -> list[str]:
    """What a skill field completes: every name and alias of the record and of the ladder."""
    known = [*framework.term_keys(), *known_name_keys(db)]
    names = {name for _, name in known}
    name_keys = {name.casefold() for name in names}
    aliases = {key for key, _ in known if key not in name_keys}
    return sorted(names | aliases, key=str.casefold)


def existing_skill(db: sqlite3.Connection, *, typed: str) -> SkillRef:
    """The skill ``typed`` names; refused with a suggestion when there is none."""
    name = clean_name(typed, field="skill")
    skill = find_skill(db, name=name)
    if skill is None:
        suggestion = closest_name(name, known_name_keys(db))
        hint = f"; did you mean {suggestion}?" if suggestion else "; see: skilltrack skill list"
        raise RecordError(f'skill: no skill is called "{name}"{hint}')
    return skill


def known_skill(db: sqlite3.Connection, *, name: str, ladder: Ladder) -> SkillRef | SkillTerm | None:
    """What a clean name already stands for, writing nothing: the record's skill (by name or alias, or by
    any name of the ladder's term for it), else the ladder's term, else ``None``."""
    existing = find_skill(db, name=name)
    if existing is not None:
        return existing
    term = ladder().term(name)
    if term is None:
        return None
    return find_by_keys(db, term.keys) or term


def resolve_skill(
    db: sqlite3.Connection,
    *,
    typed: str,
    ladder: Ladder,
    allow_new: bool = False,
    create_unknown: bool = True,
) -> ResolvedSkill:
    """The record's skill for what was typed, creating it from the ladder's vocabulary if needed.

    A name close to a known one (``postgress``) is refused with a suggestion unless ``allow_new``;
    any other new name becomes a new skill, with a notice, unless ``create_unknown`` is off.
    """
    name = clean_name(typed, field="skill")
    known = known_skill(db, name=name, ladder=ladder)
    if isinstance(known, SkillRef):
        return ResolvedSkill(known)
    if known is not None:
        skill = insert_skill(db, name=known.name, kind=known.kind, aliases=known.aliases)
        return ResolvedSkill(skill, f"added {known.name} ({known.kind}) to your skills")
    framework = ladder()
    if not allow_new:
        suggestion = closest_name(name, [*known_name_keys(db), *framework.term_keys()])
        if suggestion is not None:
            how = (
                f'to add "{name}" as a new skill, use --new'
                if create_unknown
                else "see: skilltrack skill list"
            )
            raise RecordError(f'skill: no skill is called "{name}"; did you mean {suggestion}? ({how})')
    if not create_unknown:
        raise RecordError(f'skill: no skill is called "{name}"; add it with: skilltrack skill add "{name}"')
    skill = insert_skill(db, name=name, kind="other", aliases=())
    return ResolvedSkill(skill, f'added new skill "{name}" (kind: other)')


# ── writes ──────────────────────────────────────────────────────────────────────────────────────


def _taken_keys(db: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    if not wanted:
        return set()
    placeholders = marks(wanted)
    return {
        str(key)
        for (key,) in db.execute(
            f"SELECT name_key FROM skill WHERE name_key IN ({placeholders}) "
            f"UNION SELECT alias_key FROM skill_alias WHERE alias_key IN ({placeholders})",
            [*wanted, *wanted],
        )
    }


def insert_skill(
    db: sqlite3.Connection,
    *,
    name: str,
    kind: str,
    aliases: Iterable[str],
    uuid: str | None = None,
    created_at_utc: str | None = None,
) -> SkillRef:
    """A new skill with those of its aliases that name no other skill (names are already checked);
    ``uuid`` and ``created_at_utc`` (as stored) keep an imported skill's own."""
    key = name_key(name)
    cursor = db.execute(
        "INSERT INTO skill (uuid, name, name_key, kind, created_at_utc) VALUES (?, ?, ?, ?, ?)",
        (uuid or new_id(), name, key, kind, created_at_utc or now_stored()),
    )
    skill_id = int(cursor.lastrowid or 0)
    alias_keys = {name_key(alias): alias for alias in aliases}
    alias_keys.pop(key, None)
    free = set(alias_keys) - _taken_keys(db, alias_keys)
    db.executemany(
        "INSERT INTO skill_alias (skill_id, alias, alias_key) VALUES (?, ?, ?)",
        [(skill_id, alias_keys[alias_key], alias_key) for alias_key in sorted(free)],
    )
    return SkillRef(skill_id, name, kind)


def check_kind(kind: str) -> str:
    if kind not in SKILL_KINDS:
        raise RecordError(f"kind: {kind!r} is not accepted; use one of {', '.join(SKILL_KINDS)}")
    return kind


def add_skill(
    db: sqlite3.Connection,
    *,
    typed: str,
    framework: Framework,
    kind: str | None = None,
    aliases: tuple[str, ...] = (),
) -> SkillRef:
    """Add a skill by name; a vocabulary name brings its canonical spelling, kind and aliases."""
    name = clean_name(typed, field="name")
    if kind is not None:
        check_kind(kind)
    clean_aliases = tuple(clean_name(alias, field="alias") for alias in aliases)
    term = framework.term(name)
    canonical = term.name if term else name
    clash = find_by_keys(db, {name_key(name), name_key(canonical)})
    if clash is not None:
        raise RecordError(f'name: "{name}" is already a skill ({clash.name})')
    taken = _taken_keys(db, {name_key(alias) for alias in clean_aliases})
    if taken:
        raise RecordError(f"alias: {sorted(taken)[0]!r} already names another skill")
    return insert_skill(
        db,
        name=canonical,
        kind=kind or (term.kind if term else "other"),
        aliases=(*(term.aliases if term else ()), *clean_aliases),
    )


def rate_skill(db: sqlite3.Connection, *, skill_id: int, level: int, rated_on: date, note: str = "") -> None:
    """A dated self-rating on the 0–5 rubric; the latest one is the skill's level."""
    if not 0 <= level <= 5:
        raise RecordError("level: use a whole number from 0 (none) to 5 (recognised authority)")
    db.execute(
        "INSERT INTO skill_rating (uuid, skill_id, level, rated_on, note, created_at_utc) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (new_id(), skill_id, level, rated_on.isoformat(), clean_note(note), now_stored()),
    )


def rate_named_skill(
    db: sqlite3.Connection, *, typed: str, level: int, rated_on: date, note: str = "", ladder: Ladder
) -> ResolvedSkill:
    """Rate the skill a name or alias stands for; a skill of the ladder's vocabulary joins the record on
    its first rating, any other unknown name is refused (``skill add`` makes new skills)."""
    resolved = resolve_skill(db, typed=typed, ladder=ladder, create_unknown=False)
    rate_skill(db, skill_id=resolved.skill.id, level=level, rated_on=rated_on, note=note)
    return resolved


def rename_skill(db: sqlite3.Connection, *, skill_id: int, new_name: str) -> SkillRef:
    name = clean_name(new_name, field="new name")
    key = name_key(name)
    owner = find_skill(db, name=name)
    if owner is not None and owner.id != skill_id:
        raise RecordError(f'new name: "{name}" is already used by {owner.name}')
    # The new name may have been one of this skill's aliases: it stops being one.
    db.execute("DELETE FROM skill_alias WHERE alias_key = ?", (key,))
    db.execute("UPDATE skill SET name = ?, name_key = ? WHERE id = ?", (name, key, skill_id))
    return skill_by_id(db, skill_id=skill_id)


def set_skill_kind(db: sqlite3.Connection, *, skill_id: int, kind: str) -> None:
    db.execute("UPDATE skill SET kind = ? WHERE id = ?", (check_kind(kind), skill_id))


def skill_impact(db: sqlite3.Connection, *, skill_id: int) -> SkillImpact:
    sessions, minutes = db.execute(
        "SELECT count(*), coalesce(sum(minutes), 0) FROM learning_session WHERE skill_id = ?", (skill_id,)
    ).fetchone()
    (ratings,) = db.execute("SELECT count(*) FROM skill_rating WHERE skill_id = ?", (skill_id,)).fetchone()
    (projects,) = db.execute("SELECT count(*) FROM project_skill WHERE skill_id = ?", (skill_id,)).fetchone()
    return SkillImpact(int(sessions), int(minutes), int(ratings), int(projects))


def remove_skill(db: sqlite3.Connection, *, skill_id: int) -> SkillImpact:
    """Delete a skill with its sessions, ratings and project links (the person has been asked)."""
    impact = skill_impact(db, skill_id=skill_id)
    db.execute("DELETE FROM skill WHERE id = ?", (skill_id,))
    return impact


# ── reads ───────────────────────────────────────────────────────────────────────────────────────


def aliases_by_skill(db: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for skill_id, alias in db.execute("SELECT skill_id, alias FROM skill_alias ORDER BY id"):
        found.setdefault(skill_id, []).append(alias)
    return {skill_id: tuple(aliases) for skill_id, aliases in found.items()}


def _latest_ratings(db: sqlite3.Connection) -> dict[int, tuple[int, date]]:
    rows = db.execute(
        "SELECT rating.skill_id, rating.level, rating.rated_on FROM skill_rating AS rating "
        "JOIN (SELECT skill_id, max(rated_on) AS rated_on FROM skill_rating GROUP BY skill_id) AS newest "
        "ON newest.skill_id = rating.skill_id AND newest.rated_on = rating.rated_on "
        "ORDER BY rating.created_at_utc, rating.uuid"
    )
    # Several ratings on one day: the last one written wins (by when it was written, not its local id,
    # which differs between synced copies).
    return {skill_id: (level, date.fromisoformat(rated_on)) for skill_id, level, rated_on in rows}


def skill_rows(db: sqlite3.Connection, *, today: date, skill_id: int | None = None) -> list[SkillRow]:
    """Every skill (or the one ``skill_id``) with its level, hours (all time, 90 and 30 days) and
    last practice, by name."""
    since = (today - timedelta(days=RECENT_DAYS - 1)).isoformat()
    month = (today - timedelta(days=29)).isoformat()
    month_before = (today - timedelta(days=59)).isoformat()
    one = "" if skill_id is None else " WHERE skill_id = :skill"
    # Two reads through ix_learning_session_skill_day (skill_id, local_day, minutes). One GROUP BY that
    # also compared every session's day, in CASE sums and in max(), took four times as long at 100,000
    # sessions: comparing text is the cost. So the all-time pass compares nothing, and the last day and
    # the windows are index seeks per skill that read only the sessions they count.
    totals = {
        row_skill: (int(total), int(count))
        for row_skill, total, count in db.execute(
            f"SELECT skill_id, sum(minutes), count(*) FROM learning_session{one} GROUP BY skill_id",
            {"skill": skill_id},
        )
    }
    ratings = _latest_ratings(db)
    aliases = aliases_by_skill(db)
    per_skill = "FROM learning_session WHERE skill_id = skill.id"
    rows = []
    for row_skill, name, kind, last, recent, last_30, before_30 in db.execute(
        f"SELECT skill.id, skill.name, skill.kind, (SELECT max(local_day) {per_skill}), "
        f"(SELECT sum(minutes) {per_skill} AND local_day >= :since), "
        f"(SELECT sum(minutes) {per_skill} AND local_day >= :month), "
        f"(SELECT sum(minutes) {per_skill} AND local_day >= :before AND local_day < :month) "
        f"FROM skill {'' if skill_id is None else 'WHERE skill.id = :skill'} ORDER BY skill.name_key",
        {"since": since, "month": month, "before": month_before, "skill": skill_id},
    ):
        total, count = totals.get(row_skill, (0, 0))
        level, rated_on = ratings.get(row_skill, (None, None))
        rows.append(
            SkillRow(
                id=row_skill,
                name=name,
                kind=kind,
                aliases=aliases.get(row_skill, ()),
                level=level,
                rated_on=rated_on,
                minutes_total=total,
                minutes_recent=recent or 0,
                sessions=count,
                last_practised=stored_day(last),
                minutes_last_30_days=last_30 or 0,
                minutes_30_days_before=before_30 or 0,
            )
        )
    return rows


def skill_row(db: sqlite3.Connection, *, skill_id: int, today: date) -> SkillRow:
    rows = skill_rows(db, today=today, skill_id=skill_id)
    if not rows:
        raise RecordError("skill: it no longer exists; it may have been removed from another window")
    return rows[0]


def skill_kinds(db: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """Every skill's key, name and kind, by name."""
    return [
        (int(skill_id), str(name), str(kind))
        for skill_id, name, kind in db.execute("SELECT id, name, kind FROM skill ORDER BY name_key")
    ]


def ratings_by_skill(db: sqlite3.Connection) -> dict[int, list[tuple[date, int]]]:
    """Every skill's ratings as ``(day, level)``, oldest first (of one day, the last written last)."""
    found: dict[int, list[tuple[date, int]]] = {}
    for skill_id, rated_on, level in db.execute(
        "SELECT skill_id, rated_on, level FROM skill_rating ORDER BY skill_id, rated_on, created_at_utc, uuid"
    ):
        found.setdefault(int(skill_id), []).append((date.fromisoformat(rated_on), int(level)))
    return found


def rating_history(db: sqlite3.Connection, *, skill_id: int) -> list[RatingRow]:
    """Every rating of one skill, oldest first."""
    return [
        RatingRow(int(level), date.fromisoformat(rated_on), str(note))
        for level, rated_on, note in db.execute(
            "SELECT level, rated_on, note FROM skill_rating WHERE skill_id = ? "
            "ORDER BY rated_on, created_at_utc, uuid",
            (skill_id,),
        )
    ]


def current_level(db: sqlite3.Connection, *, name: str, ladder: Ladder) -> int | None:
    """The latest self-rating of the skill a name or alias (of the record or the ladder) stands for."""
    skill = find_skill(db, name=name)
    if skill is None and (term := ladder().term(name)) is not None:
        skill = find_by_keys(db, term.keys)
    if skill is None:
        return None
    row = db.execute(
        "SELECT level FROM skill_rating WHERE skill_id = ? "
        "ORDER BY rated_on DESC, created_at_utc DESC, uuid DESC LIMIT 1",
        (skill.id,),
    ).fetchone()
    return None if row is None else int(row[0])


def shipped_projects_by_skill(db: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """Per skill, the names of the projects shipped to production that used it, oldest first."""
    found: dict[int, list[str]] = {}
    for skill_id, project in db.execute(
        "SELECT project_skill.skill_id, project.name FROM project_skill "
        "JOIN project ON project.id = project_skill.project_id "
        "WHERE project.in_production ORDER BY project.started_on"
    ):
        found.setdefault(skill_id, []).append(project)
    return {skill_id: tuple(names) for skill_id, names in found.items()}


def first_used_by_skill(db: sqlite3.Connection) -> dict[str, date]:
    """Each skill's first day in use: its first logged session or the start of a project that used it."""
    # One index seek per skill (ix_learning_session_skill_day) and per project link; no session is loaded.
    rows = db.execute(
        """
        SELECT skill.name,
               (SELECT MIN(local_day) FROM learning_session WHERE skill_id = skill.id),
               (SELECT MIN(project.started_on) FROM project_skill
                  JOIN project ON project.id = project_skill.project_id
                 WHERE project_skill.skill_id = skill.id)
        FROM skill
        """
    ).fetchall()
    first: dict[str, date] = {}
    for name, session_day, project_day in rows:
        days = [date.fromisoformat(str(day)[:10]) for day in (session_day, project_day) if day is not None]
        if days:
            first[str(name)] = min(days)
    return first
