"""The interview loop as tracked practice: the four rounds, their rubrics, and each round's status.

The guide's "Interview process and hiring signals" section names the loop: a system design round
(APIs, a distributed system, a schema), a coding exercise in your main language, a debugging or
troubleshooting scenario, and a behavioural round; and it says what hiring teams listen for: designs
that hold up over time and under failure, and trade-offs explained plainly. The rubrics below are our
own breakdown of that into criteria a mock interview can be scored on, 1 (weak) to 5 (strong).

A round's sessions are the ones the ladder's ``senior.interview.*`` rule for it counts: the rule's
session kinds (mock-interview, and for some rounds practice) on the rule's skills. A mock interview
logged with ``interview add`` carries a score; one logged with ``log --kind mock-interview`` does not
("unscored"): it counts toward the sessions and the last practice, not toward the average.

Pure: no record, no UI. Storage hands in per-round aggregates; :func:`round_status` judges them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from skilltrack.domain.choices import choice_key, matching_choices, typed_choice
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework, PracticeRule
from skilltrack.domain.kinds import INTERVIEW_ROUNDS, MOCK_INTERVIEW

GUIDE_SECTION = "Interview process and hiring signals"
MIN_SCORE = 1
MAX_SCORE = 5
READY_AVERAGE = 3.0
"""Recent mock interviews must average this or more: 3 is "holds up without help" on the 1–5 scale."""
TREND_WINDOW = 6
"""How many of a round's latest scores the trend compares: the newer half against the older half."""
TREND_STEP = 0.5

TREND_UP = "up"
TREND_DOWN = "down"
TREND_STEADY = "steady"
TREND_TOO_FEW = "too few"


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    looks_for: str
    """What a strong answer shows, in a line."""


@dataclass(frozen=True)
class PracticeBar:
    """How much recent practice a round needs, and which sessions count: the ladder's
    ``senior.interview.*`` practice rule for the round."""

    min_sessions: int
    within_days: int
    session_kinds: tuple[str, ...] = (MOCK_INTERVIEW,)
    skills: tuple[str, ...] = ()
    """The skills whose sessions count (as the ladder names them); empty counts any skill."""

    @property
    def rule(self) -> PracticeRule:
        """The bar as the ladder's practice rule, for the readiness report's own query."""
        return PracticeRule(self.session_kinds, self.skills, self.min_sessions, self.within_days)

    def kinds_text(self) -> str:
        return " or ".join(self.session_kinds)

    def skills_text(self) -> str:
        return ", ".join(self.skills) if self.skills else "any skill"


@dataclass(frozen=True)
class InterviewRound:
    id: str
    title: str
    skill: str
    """The ladder skill a mock interview of this round is logged on unless another is given."""
    expectation_id: str
    """The ladder expectation whose practice rule sets the round's bar."""
    bar: PracticeBar
    """The built-in ladder's bar; :func:`practice_bars` reads the ladder in force."""
    about: str
    criteria: tuple[Criterion, ...]


SYSTEM_DESIGN, CODING, DEBUGGING, BEHAVIOURAL = INTERVIEW_ROUNDS

ROUNDS: tuple[InterviewRound, ...] = (
    InterviewRound(
        id=SYSTEM_DESIGN,
        title="System design",
        skill="System design",
        expectation_id="senior.interview.system-design",
        bar=PracticeBar(2, 90, (MOCK_INTERVIEW,), ("System design",)),
        about="Design a service end to end: its API, how it spreads across machines, and its schema.",
        criteria=(
            Criterion(
                "requirements", "Requirements", "pins down users, scale and what is out of scope first"
            ),
            Criterion("api", "API", "endpoints or messages with clear contracts, errors and versioning"),
            Criterion("data-model", "Data model", "a schema and store chosen for the access patterns"),
            Criterion("scaling", "Scaling", "finds the bottleneck and grows past it with numbers, not hope"),
            Criterion(
                "failure-modes", "Failure modes", "says what breaks, how it is noticed and how it recovers"
            ),
            Criterion(
                "trade-offs", "Trade-offs explained", "names the alternatives and why this one, plainly"
            ),
        ),
    ),
    InterviewRound(
        id=CODING,
        title="Coding",
        skill="Coding interview",
        expectation_id="senior.interview.coding",
        bar=PracticeBar(
            2, 90, (MOCK_INTERVIEW,), ("Go", "Python", "Java", "Node.js", "Rust", "Coding interview")
        ),
        about="Solve a problem in your main language, talking it through, in the time given.",
        criteria=(
            Criterion(
                "understanding", "Understanding", "asks about inputs, limits and edge cases before coding"
            ),
            Criterion("correctness", "Correctness", "a working solution, edge cases included"),
            Criterion(
                "code-quality", "Code quality", "readable names and structure, idiomatic for the language"
            ),
            Criterion("testing", "Testing", "checks the code with examples and the awkward cases"),
            Criterion("complexity", "Complexity", "knows the time and space cost and when it matters"),
            Criterion(
                "communication", "Communication", "thinks aloud, so the interviewer can follow and help"
            ),
        ),
    ),
    InterviewRound(
        id=DEBUGGING,
        title="Debugging",
        skill="Debugging",
        expectation_id="senior.interview.debugging",
        bar=PracticeBar(1, 90, (MOCK_INTERVIEW, "practice"), ("Debugging",)),
        about="Find and fix a fault in an unfamiliar system, working from symptoms.",
        criteria=(
            Criterion("reproduce", "Reproduce", "makes the fault happen on demand before changing anything"),
            Criterion(
                "hypotheses", "Hypotheses", "forms guesses from the symptoms and tests the cheapest first"
            ),
            Criterion("signals", "Signals", "reads logs, metrics and traces instead of guessing"),
            Criterion("isolation", "Isolation", "narrows the search by halving it, not by wandering"),
            Criterion("fix", "Fix and verify", "fixes the cause, proves it, and guards against a return"),
            Criterion(
                "communication", "Communication", "keeps a running account of what is known and ruled out"
            ),
        ),
    ),
    InterviewRound(
        id=BEHAVIOURAL,
        title="Behavioural",
        skill="Behavioural interview",
        expectation_id="senior.interview.behavioural",
        bar=PracticeBar(1, 90, (MOCK_INTERVIEW, "practice"), ("Behavioural interview",)),
        about="Tell stories from real work: situation, task, action, result.",
        criteria=(
            Criterion("structure", "Structure", "situation, task, action, result, in that order and brief"),
            Criterion("specifics", "Specifics", "real names of systems, numbers and dates, not generalities"),
            Criterion("ownership", "Ownership", "says what you did yourself, not only what the team did"),
            Criterion("impact", "Impact", "a result that can be measured or seen"),
            Criterion("reflection", "Reflection", "what you learned and would do differently"),
        ),
    ),
)

_ROUND_ALIASES = {"behavioral": BEHAVIOURAL, "sd": SYSTEM_DESIGN, "design": SYSTEM_DESIGN}


_ROUNDS_BY_ID = {interview_round.id: interview_round for interview_round in ROUNDS}


def round_by_id(round_id: str) -> InterviewRound:
    return _ROUNDS_BY_ID[round_id]


def parse_round(text: str, *, field: str = "round") -> InterviewRound:
    """``System Design``, ``sys``, ``behavioral`` → the round; anything else names the four."""
    accepted = ", ".join(interview_round.id for interview_round in ROUNDS)
    if not choice_key(text):
        raise InputError(field, f"is empty; use one of {accepted}")
    round_id = typed_choice(text, [(r.id, r.title) for r in ROUNDS], _ROUND_ALIASES)
    if round_id is None:
        raise InputError(field, f"{text.strip()!r} is not a round; use one of {accepted}")
    return round_by_id(round_id)


def parse_score(text: str, *, field: str = "score") -> int:
    cleaned = text.strip()
    if cleaned not in {str(score) for score in range(MIN_SCORE, MAX_SCORE + 1)}:
        raise InputError(
            field, f"{text.strip()!r} is not a score; use a whole number from 1 (weak) to 5 (strong)"
        )
    return int(cleaned)


def parse_rubric(pairs: Sequence[str], interview_round: InterviewRound) -> dict[str, int]:
    """``["fail=4", "API=3"]`` → ``{"failure-modes": 4, "api": 3}``, in the rubric's order.

    A criterion is matched ignoring case, spaces and hyphens, by its id or title or any prefix of
    them that names only one criterion. Each criterion at most once.
    """
    scores: dict[str, int] = {}
    names = ", ".join(criterion.id for criterion in interview_round.criteria)
    options = [(c.id, choice_key(c.id)) for c in interview_round.criteria]
    options += [(c.id, choice_key(c.title)) for c in interview_round.criteria]
    for pair in pairs:
        name, separator, value = pair.partition("=")
        if not separator:
            raise InputError("rubric", f"{pair.strip()!r} is not CRITERION=SCORE; like {options[0][0]}=4")
        typed = choice_key(name)
        matches = matching_choices(typed, options) if typed else []
        if not matches:
            raise InputError(
                "rubric",
                f"{name.strip()!r} is not a criterion of the {interview_round.title.lower()} round; "
                f"use one of {names}",
            )
        if len(matches) > 1:
            raise InputError("rubric", f"{name.strip()!r} could be {' or '.join(matches)}; type more of it")
        criterion = matches[0]
        if criterion in scores:
            raise InputError("rubric", f"{criterion} is scored twice; give each criterion once")
        scores[criterion] = parse_score(value, field=f"rubric {criterion}")
    order = [criterion.id for criterion in interview_round.criteria]
    return {criterion: scores[criterion] for criterion in order if criterion in scores}


def practice_bars(framework: Framework | None) -> dict[str, PracticeBar]:
    """Each round's bar from the ladder in force; a round whose expectation is missing keeps its own."""
    bars = {interview_round.id: interview_round.bar for interview_round in ROUNDS}
    if framework is None:
        return bars
    for expectation in framework.expectations:
        for interview_round in ROUNDS:
            if expectation.id == interview_round.expectation_id and isinstance(
                expectation.rule, PracticeRule
            ):
                rule = expectation.rule
                bars[interview_round.id] = PracticeBar(
                    rule.min_sessions, rule.within_days, rule.session_kinds, rule.skills
                )
    return bars


def uncounted_skill(interview_round: InterviewRound, bar: PracticeBar, skill: str) -> InputError:
    """The refusal for a mock interview logged on a skill the round's ladder rule does not count.

    Refused rather than written with a warning: the score belongs to the round, and a round's
    sessions are the ones its ladder expectation counts, so the interview would be shown nowhere.
    """
    return InputError(
        "skill",
        f"{skill} does not count toward the {interview_round.title.lower()} round "
        f"({interview_round.expectation_id}); use one of: {bar.skills_text()}. "
        f"Other practice can be logged with: skilltrack log SKILL DURATION --kind mock-interview",
    )


@dataclass(frozen=True)
class RoundFacts:
    """What storage knows of one round's sessions: those its ladder rule counts, scored or not."""

    round_id: str
    sessions: int = 0
    average_score: float | None = None
    """All-time average of the scored sessions."""
    last_practised: date | None = None
    recent_sessions: int = 0
    """Sessions within the bar's window: the readiness report's count for the round's expectation."""
    recent_average: float | None = None
    """Average of the scored sessions within the bar's window."""
    latest_scores: tuple[int, ...] = ()
    """Up to :data:`TREND_WINDOW` scores, newest first."""
    minutes: int = 0
    scored_sessions: int = 0
    recent_scored: int = 0
    """Scored sessions within the bar's window."""


@dataclass(frozen=True)
class RoundStatus:
    round_id: str
    title: str
    sessions: int
    average_score: float | None
    """All-time average of the scored sessions; :attr:`recent_average` is the one ``ready`` uses."""
    trend: str
    """``up``, ``down``, ``steady``, or ``too few`` (fewer than two scores), over the latest
    :data:`TREND_WINDOW` scores."""
    last_practised: date | None
    ready: bool
    reason: str
    recent_sessions: int = 0
    recent_average: float | None = None
    min_sessions: int = 1
    within_days: int = 90
    minutes: int = 0
    scored_sessions: int = 0
    recent_scored: int = 0

    @property
    def recent_unscored(self) -> int:
        return self.recent_sessions - self.recent_scored


@dataclass(frozen=True)
class InterviewStatus:
    rounds: tuple[RoundStatus, ...]
    today: date | None = None

    @property
    def ready_rounds(self) -> int:
        return sum(status.ready for status in self.rounds)

    @property
    def sessions(self) -> int:
        return sum(status.sessions for status in self.rounds)

    def round(self, round_id: str) -> RoundStatus:
        for status in self.rounds:
            if status.round_id == round_id:
                return status
        raise KeyError(round_id)


def trend(latest_scores: Sequence[int]) -> str:
    """The newer half of the latest scores against the older half (scores newest first)."""
    scores = list(latest_scores[:TREND_WINDOW])
    if len(scores) < 2:
        return TREND_TOO_FEW
    split = len(scores) // 2
    newer = sum(scores[:split]) / split
    older = sum(scores[split:]) / (len(scores) - split)
    if newer - older >= TREND_STEP:
        return TREND_UP
    if older - newer >= TREND_STEP:
        return TREND_DOWN
    return TREND_STEADY


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def round_status(facts: RoundFacts, bar: PracticeBar) -> RoundStatus:
    """Ready means the ladder's practice bar is met by this round's sessions, and the scored ones go well.

    The sessions are those the round's ``senior.interview.*`` rule counts (its session kinds on its
    skills, in its window), so a round shown ready is one whose expectation the readiness report
    counts as met. On top of that, the scored sessions in the window must average
    :data:`READY_AVERAGE` or more: practice that keeps going badly is not readiness. Unscored
    sessions (logged with ``log --kind mock-interview``) count toward the bar but say nothing about
    how it went; a round with only unscored sessions is ready, and says so.
    """
    interview_round = round_by_id(facts.round_id)
    window = f"the last {bar.within_days} days"
    unscored = facts.recent_sessions - facts.recent_scored
    if facts.sessions == 0:
        ready, reason = (
            False,
            f"no mock interviews yet; do {_plural(bar.min_sessions, 'session')} in {window}",
        )
    elif facts.recent_sessions < bar.min_sessions:
        missing = bar.min_sessions - facts.recent_sessions
        reason = f"{facts.recent_sessions} of {bar.min_sessions} in {window}; {missing} more to go"
        ready = False
    elif facts.recent_average is not None and facts.recent_average < READY_AVERAGE:
        ready = False
        reason = f"scored average {facts.recent_average:.1f} in {window}; aim for {READY_AVERAGE:.0f} or more"
    else:
        ready = True
        if facts.recent_average is None:
            how = ", unscored"
        elif unscored:
            how = f" ({unscored} unscored), scored average {facts.recent_average:.1f}"
        else:
            how = f", average {facts.recent_average:.1f}"
        reason = f"{_plural(facts.recent_sessions, 'session')} in {window}{how}"
    return RoundStatus(
        round_id=facts.round_id,
        title=interview_round.title,
        sessions=facts.sessions,
        average_score=facts.average_score,
        trend=trend(facts.latest_scores),
        last_practised=facts.last_practised,
        ready=ready,
        reason=reason,
        recent_sessions=facts.recent_sessions,
        recent_average=facts.recent_average,
        min_sessions=bar.min_sessions,
        within_days=bar.within_days,
        minutes=facts.minutes,
        scored_sessions=facts.scored_sessions,
        recent_scored=facts.recent_scored,
    )


def interview_status(
    facts: Sequence[RoundFacts], today: date, bars: dict[str, PracticeBar] | None = None
) -> InterviewStatus:
    """Every round, in the loop's order, practised or not."""
    by_round = {fact.round_id: fact for fact in facts}
    bars = bars or practice_bars(None)
    return InterviewStatus(
        tuple(round_status(by_round.get(r.id, RoundFacts(r.id)), bars.get(r.id, r.bar)) for r in ROUNDS),
        today,
    )
