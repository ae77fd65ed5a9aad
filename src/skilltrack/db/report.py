"""Everything the readiness report and the plan are drawn from, read in one transaction.

Readiness comes from the record's usual reads; the plan's facts, the profile, the interview rounds and
the story bank from their plain-SQL reads on the same connection, so that they all see one moment.
"""

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from skilltrack.db import reads
from skilltrack.db.interviews import load_interview_status
from skilltrack.db.planning import load_plan_facts, profile_facts
from skilltrack.db.stories import load_story_coverage
from skilltrack.domain.framework import Framework
from skilltrack.domain.plan import Plan, build_plan
from skilltrack.domain.readiness import assess
from skilltrack.reporting import ReportData

if TYPE_CHECKING:
    from sqlmodel import Session


def _connection(session: "Session") -> sqlite3.Connection:
    from skilltrack.db.engine import sqlite_connection

    session.flush()
    return sqlite_connection(session)


def load_plan(session: "Session", framework: Framework, today: date, level_id: str | None) -> Plan:
    """The plan toward ``level_id`` (the target level when ``None``)."""
    return plan_from(_connection(session), framework, today, level_id)


def plan_from(
    connection: sqlite3.Connection, framework: Framework, today: date, level_id: str | None
) -> Plan:
    record = reads.load_record(connection, framework, today)
    readiness = assess(record, framework, today)
    target = reads.target_level(connection, framework)
    facts = load_plan_facts(connection, today, record=record, target_level=target)
    return build_plan(readiness.level(level_id or target), framework, facts, today)


def load_report(session: "Session", framework: Framework, today: date, level_id: str | None) -> ReportData:
    """The report for ``level_id`` (the target level when ``None``)."""
    return report_from(_connection(session), framework, today, level_id)


def report_from(
    connection: sqlite3.Connection, framework: Framework, today: date, level_id: str | None
) -> ReportData:
    """The report on a plain connection: the direct path's (skilltrack.db.direct) or a session's."""
    record = reads.load_record(connection, framework, today)
    readiness = assess(record, framework, today)
    target = reads.target_level(connection, framework)
    chosen = level_id or target
    facts = load_plan_facts(connection, today, record=record, target_level=target)
    plan = build_plan(readiness.level(chosen), framework, facts, today)
    profile = profile_facts(connection)
    return ReportData(
        today=today,
        framework=framework,
        readiness=readiness,
        level_id=chosen,
        target_level=target,
        name=profile.name,
        title=profile.title,
        target_date=profile.target_date,
        plan=plan,
        interviews=load_interview_status(connection, today, framework=framework),
        stories=load_story_coverage(connection, framework, chosen),
    )
