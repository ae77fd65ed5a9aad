"""What the readiness rules read of the record, in a handful of aggregate queries: skills with their
levels, hours and shipped projects, evidence, and the tallies each practice rule asks for.

Readiness, the plan, ``jd`` and the report all start from :func:`load_facts`, so they weigh the same
facts; :func:`load_match_facts` adds the day each skill was first in use, which a posting's years ask
about a named skill is held against.
"""

import sqlite3
from dataclasses import replace
from datetime import date

from skilltrack.domain.facts import RecordFacts, SkillFacts
from skilltrack.domain.framework import Framework
from skilltrack.domain.readiness import practice_queries
from skilltrack.record.evidence import evidence_facts
from skilltrack.record.profile import read_profile
from skilltrack.record.projects import shipped_project_names
from skilltrack.record.sessions import practice_tally
from skilltrack.record.skills import first_used_by_skill, shipped_projects_by_skill, skill_rows


def load_facts(db: sqlite3.Connection, *, framework: Framework, today: date) -> RecordFacts:
    """Everything readiness needs, as of ``today``."""
    shipped = shipped_projects_by_skill(db)
    skills = tuple(
        SkillFacts(
            name=row.name,
            kind=row.kind,
            aliases=row.aliases,
            level=row.level,
            rated_on=row.rated_on,
            minutes_total=row.minutes_total,
            minutes_recent=row.minutes_recent,
            last_practised=row.last_practised,
            shipped_projects=shipped.get(row.id, ()),
        )
        for row in skill_rows(db, today=today)
    )
    return RecordFacts(
        career_started_on=read_profile(db).career_started_on,
        shipped_projects=shipped_project_names(db),
        skills=skills,
        evidence=evidence_facts(db),
        practice={query: practice_tally(db, query=query) for query in practice_queries(framework, today)},
    )


def load_match_facts(db: sqlite3.Connection, *, framework: Framework, today: date) -> RecordFacts:
    """The facts a job posting is held against: :func:`load_facts` with each skill's first day in use."""
    facts = load_facts(db, framework=framework, today=today)
    first_used = first_used_by_skill(db)
    skills = tuple(
        replace(skill, first_used_on=first_used[skill.name]) if skill.name in first_used else skill
        for skill in facts.skills
    )
    return replace(facts, skills=skills)
