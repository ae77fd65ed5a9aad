"""A believable demo record: one engineer part-way to Senior, written through the real write paths.

:func:`populate_demo` fills an empty record with the profile, skills and dated ratings, projects, a
year of learning sessions and eighteen months of evidence of "Alex Rivera", a backend engineer about
three and a half years into their career. Everything is placed relative to the ``today`` it is given
and drawn from ``random.Random(seed)``, so the same (today, seed) always gives the same record, and
every row goes through the record's own writes (:mod:`skilltrack.record`), as the CLI and the app write.
"""

import random
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from skilltrack.domain.dates import SessionStart
from skilltrack.domain.drafts import EvidenceDraft, PostingDraft, ProjectDraft, StoryDraft
from skilltrack.domain.framework import Framework
from skilltrack.domain.kinds import MOCK_INTERVIEW
from skilltrack.record import evidence, interviews, postings, profile, projects, sessions, skills, stories
from skilltrack.record.errors import RecordError
from skilltrack.record.opener import Record

__all__ = ["DEMO_TIME_ZONE", "populate_demo"]

DEMO_TIME_ZONE = "Europe/Lisbon"
_ZONE = ZoneInfo(DEMO_TIME_ZONE)
_HISTORY_DAYS = 365

# ---------------------------------------------------------------- skills and ratings

# Each skill with its ratings as (days before today, level): growth over the year.
_RATINGS: dict[str, tuple[tuple[int, int], ...]] = {
    "Python": ((350, 3), (150, 4)),
    "Go": ((330, 2), (90, 3), (20, 3)),
    "PostgreSQL": ((340, 3),),
    "Redis": ((320, 2), (120, 3)),
    "Kafka": ((250, 1), (60, 2)),
    "Kubernetes": ((90, 2),),
    "Terraform": ((300, 1), (100, 2)),
    "AWS": ((330, 3),),
    "Grafana": ((280, 2),),
    "Logging": ((310, 3),),
    "Metrics": ((290, 2),),
    "REST": ((350, 4),),
    "gRPC": ((70, 2),),
    "System design": ((300, 2), (110, 3), (20, 3)),
    "Code review": ((200, 3),),
    "CI/CD": ((260, 3),),
    "Distributed systems": ((180, 2),),
    "Debugging": ((240, 3),),
    "MongoDB": ((330, 1),),
    "Behavioural interview": ((40, 1),),
    "Coding interview": ((85, 2),),
    "Architecture documents": ((60, 3),),  # shown by the design docs led (evidence below)
    # Claims: rated, never practised here, in no shipped project. Readiness shows them as claimed.
    "Datadog": ((20, 3),),
    "Microservices": ((45, 3),),
    "Tracing": ((230, 1), (45, 2), (8, 3)),
}
_RATING_NOTES = {
    ("Python", 150): "Owned the ledger API end to end; comfortable with asyncio and typing",
    ("Go", 90): "Shipped the order events consumers in Go",
    ("Redis", 120): "Designed the idempotency-key cache and its eviction",
    ("System design", 110): "Led the ledger idempotency design doc",
    ("Kafka", 60): "Operated consumer groups in production, still shaky on rebalancing",
}
"""Notes on some ratings, by (skill, days before today)."""
_NEW_SKILL = "Elixir"
_NEW_SKILL_RATING = (270, 1)

# ---------------------------------------------------------------- learning sessions

_KINDS = ("study", "practice", "build", "reading", "course")

# Which skills get the time, by how long ago: (oldest days ago it applies to, {skill: weight}).
_FOCUS: tuple[tuple[int, Mapping[str, int]], ...] = (
    (
        _HISTORY_DAYS,
        {
            "Python": 8,
            "PostgreSQL": 7,
            "Redis": 4,
            "AWS": 4,
            "Terraform": 3,
            "REST": 3,
            "Go": 4,
            "Logging": 2,
            "Metrics": 2,
            "CI/CD": 2,
            "Debugging": 2,
            "MongoDB": 2,
            "Elixir": 3,
            "System design": 2,
            "Grafana": 2,
        },
    ),
    (
        180,
        {
            "Go": 7,
            "Kafka": 6,
            "Python": 3,
            "PostgreSQL": 3,
            "Redis": 2,
            "Tracing": 3,
            "Metrics": 2,
            "Distributed systems": 3,
            "System design": 4,
            "Terraform": 2,
            "Kubernetes": 2,
            "Code review": 1,
            "Grafana": 1,
            "Coding interview": 1,
        },
    ),
    (
        90,
        {
            "Kafka": 7,
            "Kubernetes": 7,
            "System design": 7,
            "Go": 7,
            "gRPC": 4,
            "Distributed systems": 3,
            "Tracing": 2,
            "Python": 2,
            "Coding interview": 2,
            "Debugging": 1,
        },
    ),
)

_KIND_WEIGHTS: dict[str, tuple[int, int, int, int, int]] = {
    # study, practice, build, reading, course
    "Elixir": (1, 1, 5, 1, 1),
    "System design": (4, 1, 0, 4, 2),
    "Distributed systems": (3, 0, 0, 6, 1),
    "Coding interview": (1, 6, 0, 0, 0),
    "Debugging": (1, 4, 1, 1, 0),
    "Kubernetes": (3, 3, 2, 1, 3),
    "Terraform": (2, 3, 3, 1, 2),
    "AWS": (2, 2, 2, 1, 3),
}
_DEFAULT_KIND_WEIGHTS = (3, 3, 3, 2, 1)

_NOTES: dict[str, tuple[str, ...]] = {
    "Kafka": (
        "Kafka consumer groups and rebalancing",
        "Exactly-once semantics: idempotent producer and transactions",
        "Partitioning keys for order events",
        "Cooperative sticky assignor and static membership",
    ),
    "Kubernetes": (
        "Pod disruption budgets and rolling updates",
        "Readiness vs liveness probes for the consumers",
        "Horizontal pod autoscaling on consumer lag",
        "CKAD practice: config maps, secrets and jobs",
    ),
    "System design": (
        "DDIA chapter 5: replication",
        "Designing a rate limiter",
        "Mock design: URL shortener, focus on capacity estimates",
        "Outbox pattern vs change data capture",
        "Designing a notification fan-out service",
    ),
    "Go": (
        "Context cancellation in the consumers",
        "Learn Go with Tests: concurrency",
        "Table-driven tests and fuzzing",
        "Profiling allocations with pprof",
    ),
    "gRPC": ("Proto versioning and buf breaking-change checks", "Deadlines and retries in gRPC clients"),
    "Python": ("asyncio task groups", "Typing the ledger service with mypy --strict", "SQLAlchemy 2.0 style"),
    "PostgreSQL": (
        "EXPLAIN ANALYZE on the balance query",
        "Advisory locks for the ledger jobs",
        "Partial and covering indexes",
    ),
    "Redis": ("Idempotency keys with SET NX and TTLs", "Redis streams vs Kafka for small fan-out"),
    "Distributed systems": ("DDIA chapter 9: consistency and consensus", "Raft paper, second read"),
    "Tracing": ("OpenTelemetry spans across Kafka headers", "Tail sampling in the collector"),
    "Terraform": ("Modules for the ledger's RDS and SQS", "Terraform state moves without downtime"),
    "Elixir": ("GenServer supervision trees for the chat relay", "Phoenix channels presence"),
    "Coding interview": ("Two pointers and sliding window drills", "Graph BFS problems, timed"),
    "Debugging": ("Reproducing the lock contention incident locally",),
    "AWS": ("SQS visibility timeouts and DLQs", "IAM policies for the ledger workers"),
}

# Mock interviews: (days before today, skill, minutes, note). The one 100 days ago falls outside
# the ladder's 90-day window, so system design and coding still show a gap.
_MOCKS = (
    (100, "System design", 60, "Mock with a friend: design a payments ledger"),
    (74, "System design", 60, "Mock: design a ride-hailing dispatch, ran out of time on storage"),
    (47, "Python", 45, "Timed coding mock in Python: LRU cache and interval merge"),
    (32, "Debugging", 50, "Debugging scenario: slow endpoint with N+1 queries"),
    (19, "Behavioural interview", 40, "STAR stories: the ledger incident and the design doc"),
)

_HOLIDAY = range(115, 129)
"""Two weeks away in summer: nothing logged."""
_BUSY_WEEKS = (range(243, 250), range(193, 200), range(54, 61))
"""Release crunches: learning mostly stops."""
_EVENING_MINUTES = (30, 30, 30, 30, 30, 35, 35, 40, 40, 45, 45, 60, 90)
_MORNING_MINUTES = (20, 25, 30, 30, 40)
_WEEKEND_MINUTES = (45, 45, 60, 60, 75, 75, 90, 90, 120)
_EXTRA_MINUTES = (15, 20, 30, 30, 45, 60)
_STREAK_DAYS = 5
"""Days ending yesterday with something logged on each: the current streak."""


@dataclass(frozen=True)
class _PlannedSession:
    day: date
    at: time
    minutes: int
    skill: str
    kind: str
    note: str


# ---------------------------------------------------------------- projects and evidence


def _projects(today: date) -> tuple[ProjectDraft, ...]:
    """The demo's projects, as the project form would hold them, dated back from ``today``."""
    ago = _days_before(today)
    return (
        ProjectDraft(
            name="Internal feature-flag service",
            role="backend engineer",
            started_on=ago(560),
            ended_on=ago(400),
            in_production=True,
            skills=("Python", "Redis", "PostgreSQL", "REST"),
            impact="Replaced config redeploys with runtime flags; 14 services use it, "
            "p99 read 3 ms from cache.",
            links=("https://github.com/example/feature-flags",),
        ),
        ProjectDraft(
            name="Payments ledger API",
            role="backend engineer",
            started_on=ago(400),
            ended_on=ago(240),
            in_production=True,
            skills=("Python", "PostgreSQL", "Redis", "AWS", "REST", "CI/CD"),
            impact="Double-entry ledger behind refunds and payouts: 2 M entries a day, no reconciliation "
            "breaks since launch, idempotent writes on retried requests.",
            links=("https://example.com/docs/payments-ledger", "https://github.com/example/ledger-api"),
        ),
        ProjectDraft(
            name="Order events pipeline",
            role="backend engineer, co-owner",
            started_on=ago(265),
            ended_on=ago(95),
            in_production=True,
            skills=("Kafka", "Go", "PostgreSQL"),
            impact="Outbox publisher and Go consumers moving order events to Kafka; replaced nightly batch "
            "jobs, events now land in under 2 s.",
            links=("https://example.com/docs/order-events",),
        ),
        ProjectDraft(
            name="Checkout gRPC migration",
            role="backend engineer",
            started_on=ago(60),
            ended_on=None,
            in_production=False,
            skills=("gRPC", "Go", "Kubernetes", "Tracing"),
            impact="Moving checkout's internal calls from REST to gRPC; two of five endpoints behind a flag.",
            links=(),
        ),
        ProjectDraft(
            name="Chat relay",
            role="side project, sole author",
            started_on=ago(345),
            ended_on=ago(205),
            in_production=False,
            skills=("Elixir", "PostgreSQL"),
            impact="A small Phoenix chat relay to learn OTP; never deployed beyond a laptop.",
            links=("https://github.com/example/chat-relay",),
        ),
    )


def _evidence(today: date) -> tuple[EvidenceDraft, ...]:
    """The demo's evidence, as the evidence form would hold it, dated back from ``today``."""
    ago = _days_before(today)
    return (
        EvidenceDraft(
            "design-doc",
            "Wrote the feature-flag service design doc",
            ago(530),
            project="Internal feature-flag service",
        ),
        EvidenceDraft(
            "performance-win",
            "Cut flag evaluation p99 from 40 ms to 3 ms with a Redis read-through cache",
            ago(410),
            project="Internal feature-flag service",
        ),
        EvidenceDraft(
            "code-review",
            "Review flagged a cache stampede in the flag service's refresh path",
            ago(430),
            project="Internal feature-flag service",
        ),
        EvidenceDraft(
            "tech-decision",
            "Chose PostgreSQL advisory locks over Redis locks for ledger jobs",
            ago(370),
            project="Payments ledger API",
            link="https://example.com/adr/0007-ledger-job-locks",
        ),
        EvidenceDraft(
            "incident",
            "On call: ledger write latency spike from lock contention",
            ago(225),
            expectation_id="senior.reliability.on-call",
            project="Payments ledger API",
            note="Paged at 02:10; shed batch load, then found the missing index on entries.account_id.",
        ),
        EvidenceDraft(
            "design-doc",
            "Led the ledger idempotency design doc",
            ago(330),
            expectation_id="senior.design.design-docs",
            project="Payments ledger API",
            link="https://example.com/docs/ledger-idempotency",
        ),
        EvidenceDraft(
            "pr-description",
            "PR: outbox publisher for order events, with rollout and rollback plan",
            ago(150),
            expectation_id="senior.remote-communication.pr-descriptions",
            project="Order events pipeline",
            link="https://github.com/example/order-events/pull/42",
        ),
        EvidenceDraft(
            "code-review",
            "Review caught a double-charge race in the refund handler",
            ago(120),
            expectation_id="senior.review-mentoring.code-review",
            project="Payments ledger API",
        ),
        EvidenceDraft(
            "mentoring",
            "Mentored a new hire through their first on-call rotation",
            ago(88),
            expectation_id="senior.review-mentoring.mentoring",
            note="Weekly pairing for six weeks; they now handle consumer-lag pages alone.",
        ),
        EvidenceDraft(
            "incident",
            "On call: Kafka consumer lag after a broker rolling restart",
            ago(70),
            expectation_id="senior.reliability.on-call",
            project="Order events pipeline",
        ),
        EvidenceDraft(
            "postmortem",
            "Postmortem for the consumer lag incident, four follow-ups tracked",
            ago(64),
            expectation_id="lead.reliability.on-call-health",
            project="Order events pipeline",
            link="https://example.com/postmortems/2025-order-events-lag",
        ),
        EvidenceDraft(
            "code-review",
            "Reviewed the checkout proto layout; proposed versioned packages",
            ago(38),
            project="Checkout gRPC migration",
        ),
    )


# ---------------------------------------------------------------- interview loop and story bank

# Scores for the mock interviews above (days before today → round, score, rubric): system design
# twice and improving, coding, debugging and behavioural once each. No session is added, so the
# record's hours and readiness stay as they are.
_MOCK_ROUNDS: dict[int, tuple[str, int, dict[str, int]]] = {
    100: ("system-design", 2, {"requirements": 3, "data-model": 2, "scaling": 2, "trade-offs": 2}),
    74: ("system-design", 3, {"requirements": 4, "api": 3, "data-model": 2, "failure-modes": 3}),
    47: ("coding", 3, {"correctness": 4, "testing": 2, "communication": 3}),
    32: ("debugging", 4, {"reproduce": 4, "signals": 4, "fix": 3}),
    19: ("behavioural", 3, {"structure": 4, "specifics": 3, "reflection": 2}),
}

# Stories: no conflict story yet, so the coverage has something to show.
_STORIES = (
    StoryDraft(
        title="The ledger double-posting incident",
        situation="On call for the payments ledger, I was paged when a retry storm posted some "
        "transfers twice.",
        task="Stop the double postings and repair the balances before the daily settlement ran.",
        action="I paused the consumer, found the retries skipped the idempotency key, fixed it, and wrote "
        "the repair script with a second engineer checking every row.",
        result="Balances were right two hours before settlement; the postmortem added idempotency "
        "checks to CI.",
        project="Payments ledger API",
        expectation_id="senior.reliability.on-call",
        themes=("incident",),
    ),
    StoryDraft(
        title="Outbox instead of dual writes",
        situation="Order events were written to PostgreSQL and Kafka separately, and sometimes "
        "only one happened.",
        task="Propose a fix the team would accept without a big migration.",
        action="I wrote a design doc comparing the outbox pattern with change data capture and led "
        "the review.",
        result="The team chose the outbox; lost events went to zero and the doc became our template.",
        project="Order events pipeline",
        expectation_id="senior.design.design-docs",
        themes=("decision", "trade-off"),
    ),
    StoryDraft(
        title="Onboarding a new backend engineer",
        situation="A junior engineer joined the checkout team during the gRPC migration.",
        task="Get them shipping on their own within a month.",
        action="I paired with them twice a week, picked small migration tickets, and reviewed with "
        "explanations.",
        result="They shipped their first service endpoint in week three and now review others' changes.",
        project="Checkout gRPC migration",
        expectation_id="senior.review-mentoring.mentoring",
        themes=("mentoring",),
    ),
    StoryDraft(
        title="The cache that made things slower",
        situation="I added a Redis cache to the feature-flag service to cut latency.",
        task="Make flag reads fast for every service.",
        action="I shipped it without measuring the hit rate; p99 latency went up because most keys missed.",
        result="I rolled it back, measured first, and cached only the hot flags; I learned to measure before "
        "optimising.",
        project="Internal feature-flag service",
        expectation_id=None,
        themes=("failure",),
    ),
)


# ---------------------------------------------------------------- saved job postings


def _postings(today: date) -> tuple[PostingDraft, ...]:
    """The demo's job postings, one applied to and one considered, dated back from ``today``."""
    ago = _days_before(today)
    return (
        PostingDraft(
            company="Tallyhoe",
            title="Senior Backend Engineer, Payments",
            text="""Senior Backend Engineer, Payments (Remote, Europe)

You will own the services that settle and reconcile card payments. They are written in Go and
Python and run on k8s in AWS; you will join the on-call rotation and write design docs.

Requirements:
- 5+ years of backend engineering experience, with services shipped to production
- Go or Python in depth; PostgreSQL schema design and query tuning
- Event-driven systems with Kafka
- Metrics, logs and distributed tracing for the services you run
- You have mentored engineers and enjoy code reviews

Nice to have:
- Terraform and Redis
- gRPC API design
""",
            link="https://jobs.example.com/tallyhoe/senior-backend-payments",
            posted_on=ago(12),
            status="applied",
        ),
        PostingDraft(
            company="Northwind Freight",
            title="Staff Engineer, Platform",
            text="""Staff Engineer, Platform (Remote, US or EU time zones)

What you'll bring
- At least 8 years of software engineering experience, 3 of them leading teams
- Deep experience with Rust or Go and with Cassandra or another wide-column store
- Kafka at scale, Terraform on GCP, and strong system design
- A record of technical standards other teams adopted, and of mentoring senior engineers

Bonus points
- DynamoDB, Datadog
- You have retired architectural debt before it became an outage
""",
            link="",
            posted_on=ago(30),
            status="considering",
        ),
    )


# ---------------------------------------------------------------- populate


def populate_demo(record: Record, framework: Framework, *, today: date, seed: int = 7) -> None:
    """Fill an empty record with the demo engineer, everything dated relative to ``today``.

    Refuses (with :class:`RecordError`) a record that already has skills, so a real record is never
    mixed with made-up data.
    """
    rng = random.Random(seed)
    with record.writing() as db:
        if db.execute("SELECT 1 FROM skill LIMIT 1").fetchone() is not None:
            raise RecordError("demo: the record already has skills; load the demo into a new file")
        profile.update_profile(
            db,
            changes={
                "name": "Alex Rivera",
                "title": "Backend Engineer II",
                "career_started_on": _add_months(today, -41),
                "target_level": "senior",
                "target_date": _add_months(today, 5),
                "time_zone": DEMO_TIME_ZONE,
            },
        )
        skill_ids = _add_skills(db, framework, today)
    with record.writing() as db:
        for project in _projects(today):
            projects.add_project(db, draft=project, ladder=lambda: framework, allow_new=True)
    with record.writing() as db:
        for item in _plan_sessions(rng, today):
            key, _ = sessions.insert_session(
                db,
                skill_id=skill_ids[item.skill],
                start=_start(item.day, item.at),
                minutes=item.minutes,
                kind=item.kind,
                note=item.note,
            )
            scored = _MOCK_ROUNDS.get((today - item.day).days) if item.kind == MOCK_INTERVIEW else None
            if scored is not None:
                round_id, score, rubric = scored
                interviews.insert_practice(db, session_key=key, round_id=round_id, score=score, rubric=rubric)
    with record.writing() as db:
        for entry in _evidence(today):
            evidence.add_evidence(db, draft=entry, framework=framework)
    with record.writing() as db:
        for posting in _postings(today):
            postings.add_posting(db, draft=posting, framework=framework, today=today)
    with record.writing() as db:
        for story in _STORIES:
            stories.add_story(db, draft=story)


def _add_skills(db: sqlite3.Connection, framework: Framework, today: date) -> dict[str, int]:
    skill_ids: dict[str, int] = {}
    for name, ratings in _RATINGS.items():
        skill = skills.add_skill(db, typed=name, framework=framework)
        skill_ids[name] = skill.id
        for days_ago, level in ratings:
            skills.rate_skill(
                db,
                skill_id=skill.id,
                level=level,
                rated_on=today - timedelta(days=days_ago),
                note=_RATING_NOTES.get((name, days_ago), ""),
            )
    new = skills.resolve_skill(db, typed=_NEW_SKILL, ladder=lambda: framework, allow_new=True).skill
    days_ago, level = _NEW_SKILL_RATING
    skills.rate_skill(
        db, skill_id=new.id, level=level, rated_on=today - timedelta(days=days_ago), note="Side project only"
    )
    skill_ids[_NEW_SKILL] = new.id
    return skill_ids


def _days_before(today: date) -> Callable[[int], date]:
    """``ago(30)``: the day 30 days before ``today``."""
    return lambda days: today - timedelta(days=days)


def _add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` months later (earlier when negative), clamped to the 28th."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def _start(day: date, at: time) -> SessionStart:
    local = datetime.combine(day, at, tzinfo=_ZONE)
    return SessionStart(started_at_utc=local.astimezone(UTC), local_day=day, time_zone=DEMO_TIME_ZONE)


def _focus(days_ago: int) -> Mapping[str, int]:
    chosen = _FOCUS[0][1]
    for oldest, weights in _FOCUS:
        if days_ago <= oldest:
            chosen = weights
    return chosen


def _pick_skill(rng: random.Random, days_ago: int) -> str:
    weights = _focus(days_ago)
    names = list(weights)
    return rng.choices(names, weights=[weights[name] for name in names])[0]


def _pick_kind(rng: random.Random, skill: str) -> str:
    return rng.choices(_KINDS, weights=_KIND_WEIGHTS.get(skill, _DEFAULT_KIND_WEIGHTS))[0]


def _note(rng: random.Random, skill: str) -> str:
    notes = _NOTES.get(skill, ())
    if not notes or rng.random() > 0.4:
        return ""
    return rng.choice(notes)


def _chance(days_ago: int, weekday: int) -> float:
    """How likely Alex is to learn on a day: evenings Monday to Thursday, less on Fridays and weekends."""
    if days_ago in _HOLIDAY:
        return 0.0
    if any(days_ago in week for week in _BUSY_WEEKS):
        return 0.1
    base = (0.8, 0.77, 0.8, 0.72, 0.4, 0.5, 0.44)[weekday]
    return min(base * (1.1 if days_ago <= 90 else 1.0), 0.92)


def _plan_sessions(rng: random.Random, today: date) -> list[_PlannedSession]:
    """A year of sessions, oldest first, none on or after ``today`` so none can lie in the future."""
    mocks = {days_ago: (skill, minutes, note) for days_ago, skill, minutes, note in _MOCKS}
    planned: list[_PlannedSession] = []
    for days_ago in range(_HISTORY_DAYS, 0, -1):
        day = today - timedelta(days=days_ago)
        weekend = day.weekday() >= 5
        if days_ago in mocks:
            skill, minutes, note = mocks[days_ago]
            at = time(10, 0) if weekend else time(19, 30)
            planned.append(_PlannedSession(day, at, minutes, skill, MOCK_INTERVIEW, note))
            continue
        forced = days_ago <= _STREAK_DAYS
        if not forced and rng.random() >= _chance(days_ago, day.weekday()):
            continue
        skill = _pick_skill(rng, days_ago)
        if weekend:
            at = time(rng.choice((9, 10, 10, 15, 16)), rng.choice((0, 15, 30)))
            minutes = rng.choice(_WEEKEND_MINUTES)
        elif rng.random() < 0.15:
            at = time(7, rng.choice((0, 15, 30)))
            minutes = rng.choice(_MORNING_MINUTES)
        else:
            at = time(rng.choice((19, 20, 20, 21)), rng.choice((0, 10, 20, 30, 45)))
            minutes = rng.choice(_EVENING_MINUTES)
        planned.append(_PlannedSession(day, at, minutes, skill, _pick_kind(rng, skill), _note(rng, skill)))
        if rng.random() < (0.25 if weekend else 0.08):
            # A second, shorter block later the same day (a lunch-break read on weekdays).
            other = _pick_skill(rng, days_ago)
            later = time(min(at.hour + 5, 21), at.minute) if weekend else time(12, 30)
            extra = rng.choice(_EXTRA_MINUTES)
            kind = _pick_kind(rng, other) if weekend else "reading"
            planned.append(_PlannedSession(day, later, extra, other, kind, _note(rng, other)))
    return planned
