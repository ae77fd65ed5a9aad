"""The record's aggregate reads held to what they mean, on any history: each sum, count and last day of
``skills.skill_rows`` against the same figures worked out in Python from every session, readiness's
evidence (``evidence.evidence_facts``) against ``evidence.evidence_rows``, and assessment's lookups
against a plain scan of the record."""

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilltrack.domain.facts import EvidenceFacts, RecordFacts, SkillFacts
from skilltrack.domain.framework import SkillTerm
from skilltrack.domain.readiness import _Lookup
from skilltrack.record.evidence import evidence_facts, evidence_rows
from skilltrack.record.opener import open_record
from skilltrack.record.skills import skill_rows
from tests.conftest import TODAY

SKILL_IDS = (1, 2, 3, 4)
# Days before today; the windows' edges (29/30, 59/60, 89/90) often, and a few days after today, which
# count all time but in no window.
days_back = st.one_of(st.sampled_from([0, 29, 30, 59, 60, 89, 90]), st.integers(min_value=-3, max_value=130))
sessions = st.lists(
    st.tuples(st.sampled_from(SKILL_IDS), days_back, st.integers(min_value=1, max_value=1440)), max_size=60
)


@pytest.fixture(scope="module")
def connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """One record with four skills (one never practised); each example replaces its sessions."""
    path: Path = tmp_path_factory.mktemp("aggregates") / "record.sqlite3"
    record = open_record(path)
    with record.writing() as db:
        for skill_id in SKILL_IDS:
            db.execute(
                "INSERT INTO skill (id, uuid, name, name_key, kind, created_at_utc) "
                "VALUES (?, ?, ?, ?, 'language', '2026-01-01 00:00:00.000000')",
                (skill_id, f"{skill_id:032x}", f"Skill {skill_id}", f"skill {skill_id}"),
            )
    record.close()
    opened = sqlite3.connect(path, isolation_level=None)
    yield opened
    opened.close()


def _replace_sessions(connection: sqlite3.Connection, rows: list[tuple[int, int, int]]) -> None:
    connection.execute("DELETE FROM learning_session")
    connection.executemany(
        "INSERT INTO learning_session (uuid, skill_id, started_at_utc, time_zone, local_day, minutes, kind, "
        "note, created_at_utc) VALUES (?, ?, ?, 'UTC', ?, ?, 'study', '', ?)",
        [
            (
                f"{number:032x}",
                skill_id,
                f"{TODAY - timedelta(days=back)} 06:00:00.000000",
                (TODAY - timedelta(days=back)).isoformat(),
                minutes,
                "2026-01-01 00:00:00.000000",
            )
            for number, (skill_id, back, minutes) in enumerate(rows, start=1)
        ],
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=sessions)
def test_skill_rows_sum_count_and_date_every_session_as_their_windows_say(
    connection: sqlite3.Connection, rows: list[tuple[int, int, int]]
) -> None:
    _replace_sessions(connection, rows)
    today = TODAY
    found = {row.id: row for row in skill_rows(connection, today=today)}
    assert sorted(found) == list(SKILL_IDS)
    for skill_id in SKILL_IDS:
        mine = [(TODAY - timedelta(days=back), minutes) for sid, back, minutes in rows if sid == skill_id]

        def between(first: date, last: date, mine: list[tuple[date, int]] = mine) -> int:
            return sum(minutes for day, minutes in mine if first <= day <= last)

        row = found[skill_id]
        assert row.minutes_total == sum(minutes for _, minutes in mine)
        assert row.sessions == len(mine)
        assert row.last_practised == max((day for day, _ in mine), default=None)
        assert row.minutes_recent == between(today - timedelta(days=89), date.max)
        assert row.minutes_last_30_days == between(today - timedelta(days=29), date.max)
        assert row.minutes_30_days_before == between(today - timedelta(days=59), today - timedelta(days=30))


def test_readiness_reads_the_evidence_as_the_evidence_list_does(connection: sqlite3.Connection) -> None:
    connection.execute("DELETE FROM evidence")
    connection.executemany(
        "INSERT INTO evidence (uuid, kind, expectation_id, occurred_on, title, project_id, link, note, "
        "created_at_utc) VALUES (?, ?, ?, ?, ?, NULL, ?, '', '2026-01-01 00:00:00.000000')",
        [
            (f"{number:032x}", kind, expectation, day, f"Entry {number}", link)
            for number, (kind, expectation, day, link) in enumerate(
                [
                    ("incident", None, "2026-03-01", ""),
                    ("design-doc", "senior-design", "2026-03-01", "https://example.org/doc"),
                    ("mentoring", None, "2025-12-31", ""),
                    ("incident", "senior-ops", "2026-11-24", "x"),
                ],
                start=1,
            )
        ],
    )
    expected = tuple(
        EvidenceFacts(
            uuid=str(row.uuid),
            kind=row.kind,
            title=row.title,
            occurred_on=row.occurred_on,
            expectation_id=row.expectation_id,
            project=row.project,
            link=row.link or None,
        )
        for row in evidence_rows(connection)
    )
    assert evidence_facts(connection) == expected
    assert len(expected) == 4 and all(facts.uuid.count("-") == 4 for facts in expected)


names = st.sampled_from(["go", "golang", "Go", "pg", "postgres", "kafka", "rabbit", "py", "python", "x"])
any_skill = st.builds(
    SkillFacts, name=names, kind=st.just("language"), aliases=st.lists(names, max_size=2).map(tuple)
)
any_evidence = st.builds(
    EvidenceFacts,
    uuid=st.uuids().map(str),
    kind=st.sampled_from(["incident", "design-doc", "mentoring"]),
    title=st.just("t"),
    occurred_on=st.dates(min_value=date(2025, 1, 1), max_value=TODAY),
    expectation_id=st.sampled_from([None, "a", "b"]),
)


@given(
    skills=st.lists(any_skill, max_size=6),
    evidence=st.lists(any_evidence, max_size=12),
    term=st.builds(
        SkillTerm, name=names, kind=st.just("language"), aliases=st.lists(names, max_size=2).map(tuple)
    ),
    kinds=st.lists(st.sampled_from(["incident", "design-doc", "mentoring", "other"]), max_size=3),
    expectation_id=st.sampled_from([None, "a", "b", "c"]),
)
def test_the_assessments_lookups_find_what_a_scan_of_the_record_finds(
    skills: list[SkillFacts],
    evidence: list[EvidenceFacts],
    term: SkillTerm,
    kinds: list[str],
    expectation_id: str | None,
) -> None:
    record = RecordFacts(skills=tuple(skills), evidence=tuple(evidence))
    lookup = _Lookup(record)
    assert lookup.skill(term) is record.find_skill(term)
    found = lookup.evidence(kinds, expectation_id)
    scanned = [
        e for e in evidence if e.kind in kinds or (expectation_id and e.expectation_id == expectation_id)
    ]
    assert len(found) == len(scanned) and all(a is b for a, b in zip(found, scanned, strict=True))
