"""Everything the readiness report and the plan are drawn from, read in one transaction.

Readiness comes from the record's usual reads; the plan's facts, the profile, the interview rounds and
the story bank from their plain-SQL reads on the same connection, so that they all see one moment.
"""

from datetime import date

from sqlmodel import Session

from skilltrack.db import queries
from skilltrack.db.engine import sqlite_connection
from skilltrack.db.interviews import load_interview_status
from skilltrack.db.overview import target_level
from skilltrack.db.planning import load_plan_facts, profile_facts
from skilltrack.db.stories import load_story_coverage
from skilltrack.domain.framework import Framework
from skilltrack.domain.plan import Plan, build_plan
from skilltrack.domain.readiness import assess
from skilltrack.reporting import ReportData


def load_plan(session: Session, framework: Framework, today: date, level_id: str | None) -> Plan:
    """The plan toward ``level_id`` (the target level when ``None``)."""
    readiness = assess(queries.load_record(session, framework, today), framework, today)
    chosen = level_id or target_level(session, framework)
    facts = load_plan_facts(sqlite_connection(session), today)
    return build_plan(readiness.level(chosen), framework, facts, today)


def load_report(session: Session, framework: Framework, today: date, level_id: str | None) -> ReportData:
    """The report for ``level_id`` (the target level when ``None``)."""
    readiness = assess(queries.load_record(session, framework, today), framework, today)
    target = target_level(session, framework)
    chosen = level_id or target
    connection = sqlite_connection(session)
    plan = build_plan(readiness.level(chosen), framework, load_plan_facts(connection, today), today)
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
