"""``skilltrack check``: is the record sound, and what can be repaired safely?

Three layers: SQLite's own ``PRAGMA integrity_check`` (damage to the file, which is never "fixed" here:
restore a backup instead), ``PRAGMA foreign_key_check``, and logical checks the schema cannot enforce on
its own (rows written with foreign keys off, or by other tools). Each check is one query that returns
the offending rows; the safe ones also have the statements that repair them. The functions take the
connection of an open transaction; :func:`fix_record` runs every repair in one.
"""

import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from skilltrack.record.backup import CONSTRAINT_MESSAGES, damage
from skilltrack.record.errors import StorageError
from skilltrack.record.opener import Record

EXAMPLES = 5
"""How many offending rows a finding names."""
RESTORE_ADVICE = (
    "the file is damaged and cannot be repaired in place; restore a backup "
    "(see: skilltrack backups, then skilltrack restore BACKUP)"
)


@dataclass(frozen=True)
class Finding:
    """One kind of problem: how many rows have it, a few of them, and whether ``--fix`` repairs it."""

    kind: str
    summary: str
    count: int
    examples: tuple[str, ...]
    fixable: bool
    remedy: str
    """What ``--fix`` does about it, or what the person can do."""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "summary": self.summary,
            "count": self.count,
            "examples": list(self.examples),
            "fixable": self.fixable,
            "remedy": self.remedy,
        }


@dataclass(frozen=True)
class Fixed:
    kind: str
    rows: int
    action: str

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "rows": self.rows, "action": self.action}


@dataclass(frozen=True)
class Check:
    """A logical check: ``query`` returns ``(rowid, description)`` of each offending row in ``table``."""

    kind: str
    table: str
    summary: str
    query: str
    remedy: str
    repair: str | None = None
    """The statement that repairs every offending row, if that is safe; ``None`` if it needs a person."""
    done: str = ""
    """What the repair did, for the report."""


def _missing(table: str, column: str, parent: str) -> str:
    return f"NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{column})"


_SESSION = "'session ' || substr(learning_session.uuid, 1, 8) || ' on ' || learning_session.local_day"
_SAME_SESSION = (
    "o.id <> learning_session.id AND o.skill_id IS learning_session.skill_id "
    "AND o.started_at_utc IS learning_session.started_at_utc AND o.minutes IS learning_session.minutes"
)
_SAME_CONTENT = (
    "o.kind IS learning_session.kind AND o.note IS learning_session.note "
    "AND o.local_day IS learning_session.local_day AND o.time_zone IS learning_session.time_zone"
)
_OLDER = (
    "(o.created_at_utc < learning_session.created_at_utc "
    "OR (o.created_at_utc IS learning_session.created_at_utc AND o.id < learning_session.id))"
)
# The start instant is the selective column: without naming its index, SQLite compares each session with
# every other session of the same skill (minutes at 100,000 sessions instead of a fraction of a second).
_OTHERS = "learning_session o INDEXED BY ix_learning_session_started"
# A copy that carries a mock interview's scores is never the one removed (the scores would go with it):
# of a set of exact copies, those with scores stay, and so does the oldest when none has any.
_HAS_SCORES = "EXISTS (SELECT 1 FROM interview_practice r WHERE r.session_id = learning_session.id)"
_OTHER_HAS_SCORES = "EXISTS (SELECT 1 FROM interview_practice r WHERE r.session_id = o.id)"
_EXACT_DUPLICATE = (
    f"NOT {_HAS_SCORES} AND EXISTS (SELECT 1 FROM {_OTHERS} "
    f"WHERE {_SAME_SESSION} AND {_SAME_CONTENT} AND ({_OTHER_HAS_SCORES} OR {_OLDER}))"
)
_NEAR_DUPLICATE = f"EXISTS (SELECT 1 FROM {_OTHERS} WHERE {_SAME_SESSION} AND NOT ({_SAME_CONTENT}))"
# The same start and length as an older session of another skill: one session imported twice under two
# skills (Watson's frames, then its CSV with the map forgotten). The copy with scores is never removed.
# Sessions of a skill that does not exist are the orphan check's, on either side of the pair.
_SAME_TIME_OTHER_SKILL = (
    f"NOT {_HAS_SCORES} AND learning_session.skill_id IN (SELECT id FROM skill) "
    f"AND EXISTS (SELECT 1 FROM {_OTHERS} WHERE o.id <> learning_session.id "
    "AND o.skill_id IN (SELECT id FROM skill) "
    "AND o.skill_id IS NOT learning_session.skill_id AND o.started_at_utc IS learning_session.started_at_utc "
    f"AND o.minutes IS learning_session.minutes AND ({_OTHER_HAS_SCORES} OR {_OLDER}))"
)


# A session that starts before every session that started earlier has ended, whatever their skills: one
# pass in start order (the start index), keeping the latest end so far; twins with the same start and
# length are the checks above, not counted again here.
_SECONDS = "CAST(strftime('%s', started_at_utc) AS INTEGER)"
_OVERLAPPING = (
    "SELECT id, uuid, local_day, started_at_utc FROM (SELECT id, uuid, local_day, started_at_utc, minutes, "
    f"{_SECONDS} AS starts, max({_SECONDS} + 60 * minutes) OVER "
    "(ORDER BY started_at_utc, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_ends "
    "FROM learning_session) AS s WHERE starts < earlier_ends AND NOT EXISTS (SELECT 1 FROM "
    f"{_OTHERS} WHERE o.id <> s.id AND o.started_at_utc IS s.started_at_utc AND o.minutes IS s.minutes)"
)
_ALIAS_COLLIDES = "skill_alias.alias_key IN (SELECT name_key FROM skill)"
_INTERVIEW = (
    "'mock interview ' || substr(interview_practice.uuid, 1, 8) || ' (' || interview_practice.round || ')'"
)
_INTERVIEW_ORPHAN = _missing("interview_practice", "session_id", "learning_session")
_NOT_MOCK = "s.kind IS NOT 'mock-interview'"
_BLANK_TITLE = "trim(title, ' ' || char(9, 10, 13)) = ''"
_REMOVE_SESSION = "remove the wrong ones with: skilltrack session remove ID, and log them again if needed"

CHECKS: tuple[Check, ...] = (
    Check(
        "orphan-sessions",
        "learning_session",
        "sessions of a skill that does not exist",
        f"SELECT rowid, {_SESSION} FROM learning_session "
        f"WHERE {_missing('learning_session', 'skill_id', 'skill')}",
        "--fix deletes them (they cannot be attached to any skill)",
        f"DELETE FROM learning_session WHERE {_missing('learning_session', 'skill_id', 'skill')}",
        "deleted",
    ),
    Check(
        "orphan-ratings",
        "skill_rating",
        "ratings of a skill that does not exist",
        "SELECT rowid, 'rating ' || substr(uuid, 1, 8) || ' on ' || rated_on FROM skill_rating "
        f"WHERE {_missing('skill_rating', 'skill_id', 'skill')}",
        "--fix deletes them",
        f"DELETE FROM skill_rating WHERE {_missing('skill_rating', 'skill_id', 'skill')}",
        "deleted",
    ),
    Check(
        "orphan-aliases",
        "skill_alias",
        "aliases of a skill that does not exist",
        "SELECT rowid, 'alias ' || alias FROM skill_alias "
        f"WHERE {_missing('skill_alias', 'skill_id', 'skill')}",
        "--fix deletes them",
        f"DELETE FROM skill_alias WHERE {_missing('skill_alias', 'skill_id', 'skill')}",
        "deleted",
    ),
    Check(
        "orphan-project-skills",
        "project_skill",
        "links between a project and a skill where one of them does not exist",
        "SELECT rowid, 'project ' || project_id || ' with skill ' || skill_id FROM project_skill "
        f"WHERE {_missing('project_skill', 'project_id', 'project')} "
        f"OR {_missing('project_skill', 'skill_id', 'skill')}",
        "--fix deletes these links",
        f"DELETE FROM project_skill WHERE {_missing('project_skill', 'project_id', 'project')} "
        f"OR {_missing('project_skill', 'skill_id', 'skill')}",
        "deleted",
    ),
    Check(
        "evidence-missing-project",
        "evidence",
        "evidence tied to a project that does not exist",
        "SELECT rowid, 'evidence ' || substr(uuid, 1, 8) || ': ' || title FROM evidence "
        f"WHERE project_id IS NOT NULL AND {_missing('evidence', 'project_id', 'project')}",
        "--fix keeps the evidence and unties it from the missing project",
        "UPDATE evidence SET project_id = NULL "
        f"WHERE project_id IS NOT NULL AND {_missing('evidence', 'project_id', 'project')}",
        "untied from the missing project",
    ),
    Check(
        "orphan-interviews",
        "interview_practice",
        "mock interview rounds of a session that does not exist",
        f"SELECT rowid, {_INTERVIEW} FROM interview_practice WHERE {_INTERVIEW_ORPHAN}",
        "--fix deletes them (a round without its session has no time or day)",
        f"DELETE FROM interview_practice WHERE {_INTERVIEW_ORPHAN}",
        "deleted",
    ),
    Check(
        "story-missing-project",
        "story",
        "stories tied to a project that does not exist",
        "SELECT rowid, 'story ' || substr(uuid, 1, 8) || ': ' || title FROM story "
        f"WHERE project_id IS NOT NULL AND {_missing('story', 'project_id', 'project')}",
        "--fix keeps the stories and unties them from the missing project",
        "UPDATE story SET project_id = NULL "
        f"WHERE project_id IS NOT NULL AND {_missing('story', 'project_id', 'project')}",
        "untied from the missing project",
    ),
    Check(
        "interview-session-kind",
        "interview_practice",
        "mock interview rounds whose session is not of kind mock-interview",
        f"SELECT interview_practice.rowid, {_INTERVIEW} || ' on session ' || substr(s.uuid, 1, 8) "
        "|| ' of kind ' || quote(s.kind) FROM interview_practice "
        f"JOIN learning_session s ON s.id = interview_practice.session_id WHERE {_NOT_MOCK}",
        "--fix makes their sessions mock interviews (the round says what the session was)",
        "UPDATE learning_session SET kind = 'mock-interview' WHERE id IN "
        "(SELECT session_id FROM interview_practice) AND kind IS NOT 'mock-interview'",
        "made mock interviews",
    ),
    Check(
        "posting-empty-title",
        "posting",
        "saved postings with an empty title",
        "SELECT rowid, 'posting ' || substr(uuid, 1, 8) || ' at ' || quote(company) FROM posting "
        f"WHERE {_BLANK_TITLE}",
        "--fix titles them 'Untitled posting' and the start of their id",
        f"UPDATE posting SET title = 'Untitled posting ' || substr(uuid, 1, 8) WHERE {_BLANK_TITLE}",
        "titled 'Untitled posting …'",
    ),
    Check(
        "story-empty-title",
        "story",
        "stories with an empty title",
        f"SELECT rowid, 'story ' || substr(uuid, 1, 8) FROM story WHERE {_BLANK_TITLE}",
        "--fix titles them 'Untitled story' and the start of their id",
        "UPDATE story SET title = 'Untitled story ' || substr(uuid, 1, 8), "
        f"title_key = 'untitled story ' || lower(substr(uuid, 1, 8)) WHERE {_BLANK_TITLE}",
        "titled 'Untitled story …'",
    ),
    Check(
        "timer-without-skill",
        "running_timer",
        "running timer for a skill that does not exist",
        "SELECT rowid, 'timer started ' || started_at_utc || ' UTC' FROM running_timer "
        f"WHERE {_missing('running_timer', 'skill_id', 'skill')}",
        "--fix deletes the timer (it cannot be stopped into a session)",
        f"DELETE FROM running_timer WHERE {_missing('running_timer', 'skill_id', 'skill')}",
        "deleted",
    ),
    Check(
        "duplicate-sessions",
        "learning_session",
        "sessions that repeat an older one exactly (same skill, start, minutes, kind and note)",
        f"SELECT rowid, {_SESSION} FROM learning_session WHERE {_EXACT_DUPLICATE}",
        "--fix deletes the copies and keeps the oldest (or the ones with a mock interview's scores)",
        f"DELETE FROM learning_session WHERE {_EXACT_DUPLICATE}",
        "deleted (the oldest of each is kept, or the ones with a mock interview's scores)",
    ),
    Check(
        "same-time-sessions",
        "learning_session",
        "sessions with the same start and length as an older session of another skill (one session "
        "imported twice under two skills)",
        f"SELECT rowid, {_SESSION} FROM learning_session WHERE {_SAME_TIME_OTHER_SKILL}",
        "--fix deletes the newer copies and keeps the oldest (or the one with a mock interview's scores); "
        "if the newer skill was the right one: skilltrack session edit ID --skill SKILL",
        f"DELETE FROM learning_session WHERE {_SAME_TIME_OTHER_SKILL}",
        "deleted (the oldest of each is kept, or the one with a mock interview's scores)",
    ),
    Check(
        "alias-collides-with-skill",
        "skill_alias",
        "aliases that are also the name of a skill",
        f"SELECT rowid, 'alias ' || alias FROM skill_alias WHERE {_ALIAS_COLLIDES}",
        "--fix drops these aliases (the skill of that name keeps its name)",
        f"DELETE FROM skill_alias WHERE {_ALIAS_COLLIDES}",
        "dropped",
    ),
    Check(
        "possible-duplicate-sessions",
        "learning_session",
        "sessions with the same skill, start and minutes as another but a different kind or note",
        f"SELECT rowid, {_SESSION} FROM learning_session WHERE {_NEAR_DUPLICATE}",
        f"not repaired automatically: {_REMOVE_SESSION}",
    ),
    Check(
        "overlapping-sessions",
        "learning_session",
        "sessions that start while an earlier one is still running (any skill)",
        "SELECT id, 'session ' || substr(uuid, 1, 8) || ' on ' || local_day || ' at ' "
        f"|| substr(started_at_utc, 12, 5) || ' UTC' FROM ({_OVERLAPPING})",
        "not repaired automatically (which one is right is yours to say): change one with "
        "skilltrack session edit ID --at HH:MM or --duration, or remove it",
    ),
    Check(
        "session-minutes",
        "learning_session",
        "sessions that end before they start or last more than a day (minutes outside 1–1440)",
        f"SELECT rowid, {_SESSION} || ' (' || quote(minutes) || ' minutes)' FROM learning_session "
        "WHERE minutes IS NULL OR typeof(minutes) <> 'integer' OR minutes NOT BETWEEN 1 AND 1440",
        f"not repaired automatically: {_REMOVE_SESSION}",
    ),
    Check(
        "session-local-day",
        "learning_session",
        "sessions whose day is more than a day away from the UTC day they started on",
        f"SELECT rowid, {_SESSION} || ' (started ' || quote(started_at_utc) || ' UTC)' "
        "FROM learning_session WHERE julianday(local_day) IS NULL OR julianday(started_at_utc) IS NULL "
        "OR abs(julianday(local_day) - julianday(date(started_at_utc))) > 1",
        f"not repaired automatically: {_REMOVE_SESSION}",
    ),
    Check(
        "rating-level",
        "skill_rating",
        "ratings outside the 0–5 rubric",
        "SELECT rowid, 'rating ' || substr(uuid, 1, 8) || ' on ' || rated_on || ' (' || quote(level) || ')' "
        "FROM skill_rating WHERE level IS NULL OR typeof(level) <> 'integer' OR level NOT BETWEEN 0 AND 5",
        "not repaired automatically: rate the skill again (skilltrack skill rate); the latest rating counts",
    ),
    Check(
        "extra-profile",
        "profile",
        "profile rows besides the one profile (id 1)",
        "SELECT rowid, 'profile ' || quote(id) || ' ' || quote(name) FROM profile WHERE id IS NOT 1",
        "not repaired automatically: only profile 1 is used; the others are ignored",
    ),
)
"""The logical checks, repairable ones first; ``fix_problems`` runs the repairs in this order."""


CONSTRAINT_CHECKS = {
    "CHECK constraint failed in learning_session": "session-minutes",
    "CHECK constraint failed in skill_rating": "rating-level",
    "CHECK constraint failed in profile": "extra-profile",
    "NULL value in learning_session.minutes": "session-minutes",
    "NULL value in skill_rating.level": "rating-level",
}
"""Constraint failures ``integrity_check`` reports that a logical check above explains better."""


def find_checks(connection: sqlite3.Connection, kinds: Collection[str]) -> list[Finding]:
    """The findings of only the checks named in ``kinds`` (e.g. the broken references an export
    cannot write), without SQLite's integrity check."""
    findings: list[Finding] = []
    for check in CHECKS:
        if check.kind in kinds:
            findings.extend(_run(check, connection))
    return findings


def _run(check: Check, connection: sqlite3.Connection) -> list[Finding]:
    rows = connection.execute(check.query).fetchall()
    return [_finding(check, rows)] if rows else []


def _finding(check: Check, rows: list[tuple[object, ...]]) -> Finding:
    """What ``check`` found: the rows its query returned (each ``(id, example)``), some as examples."""
    return Finding(
        check.kind,
        check.summary,
        len(rows),
        tuple(str(row[1]) for row in rows[:EXAMPLES]),
        check.repair is not None,
        check.remedy,
    )


UNKNOWN_EXPECTATIONS = "stories tied to expectations this ladder does not have (kept in your record)"


def find_notes(connection: sqlite3.Connection, expectation_ids: Collection[str]) -> list[Finding]:
    """What is worth knowing but is not a problem: stories naming an expectation the ladder in force
    does not have. They are kept, as evidence tied to such an expectation is (readiness lists those),
    since another ladder, or a later version of this one, may have it."""
    rows = connection.execute(
        "SELECT expectation_id, 'story ' || substr(uuid, 1, 8) || ': ' || title FROM story "
        "WHERE expectation_id IS NOT NULL AND expectation_id <> '' "
        "AND expectation_id NOT IN (SELECT value FROM json_each(?)) ORDER BY expectation_id, title_key",
        (json.dumps(sorted(expectation_ids)),),
    ).fetchall()
    if not rows:
        return []
    return [
        Finding(
            "story-unknown-expectation",
            UNKNOWN_EXPECTATIONS,
            len(rows),
            tuple(f"{expectation}: {story}" for expectation, story in rows[:EXAMPLES]),
            False,
            "nothing to repair; to count towards this ladder, tie them to one of its expectations "
            "(see: skilltrack guide)",
        )
    ]


def integrity_report(connection: sqlite3.Connection) -> list[str]:
    return [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """Damage ``PRAGMA integrity_check`` reports (empty when the file is sound; rows that break a
    constraint are not damage, see :func:`find_problems`)."""
    return damage(integrity_report(connection))


def find_problems(connection: sqlite3.Connection) -> list[Finding]:
    """Every problem in the record; an integrity failure is reported alone (other checks mean little)."""
    report = integrity_report(connection)
    damaged = damage(report)
    if damaged:
        return [
            Finding(
                "integrity",
                "damage to the file found by SQLite's integrity check",
                len(damaged),
                tuple(damaged[:EXAMPLES]),
                False,
                RESTORE_ADVICE,
            )
        ]
    findings: list[Finding] = []
    flagged: set[tuple[str, int]] = set()
    for check in CHECKS:
        rows = connection.execute(check.query).fetchall()
        flagged.update((check.table, int(row[0])) for row in rows)
        if rows:
            findings.append(_finding(check, rows))
    found = {finding.kind for finding in findings}
    constraints = [
        message
        for message in report
        if message.startswith(CONSTRAINT_MESSAGES) and CONSTRAINT_CHECKS.get(message) not in found
    ]
    if constraints:
        findings.append(
            Finding(
                "constraints",
                "rows that break a rule of the schema (written by another tool, or with checks off)",
                len(constraints),
                tuple(constraints[:EXAMPLES]),
                False,
                "not repaired automatically: restore a backup from before they appeared",
            )
        )
    # Anything the foreign keys catch that the checks above do not explain (e.g. a table added later).
    broken = [
        (str(table), int(rowid), str(parent))
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check")
        if (str(table), int(rowid)) not in flagged
    ]
    if broken:
        findings.append(
            Finding(
                "foreign-keys",
                "rows that point at a row that does not exist",
                len(broken),
                tuple(f"{table} row {rowid} → {parent}" for table, rowid, parent in broken[:EXAMPLES]),
                False,
                "not repaired automatically: restore a backup from before they appeared",
            )
        )
    return findings


def fix_problems(connection: sqlite3.Connection) -> list[Fixed]:
    """Repair every safe problem. Run it inside one write transaction: it checks its work, and raises
    :class:`RepairError` (so the caller rolls everything back) if a repaired problem is still there.
    """
    if integrity_problems(connection):
        raise RepairError("the file is damaged; it must be restored from a backup, not repaired")
    fixed: list[Fixed] = []
    for check in CHECKS:
        if check.repair is None:
            continue
        rows = connection.execute(check.repair).rowcount
        if rows > 0:
            fixed.append(Fixed(check.kind, rows, check.done))
    left = [check.kind for check in CHECKS if check.repair and connection.execute(check.query).fetchone()]
    if left:
        raise RepairError(f"repairs did not clear: {', '.join(left)}")
    return fixed


class RepairError(Exception):
    """A repair did not clear its problem: the transaction it ran in is rolled back whole."""


def fix_record(record: Record) -> list[Fixed]:
    """:func:`fix_problems` in one ``BEGIN IMMEDIATE`` transaction: all repairs or none."""
    try:
        with record.writing() as db:
            return fix_problems(db)
    except RepairError as error:
        raise StorageError(record.path, f"could not be repaired ({error})", "nothing was changed") from None
