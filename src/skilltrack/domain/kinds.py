"""The words the record accepts, spelled once: kinds of skill and of learning session (and the other
names people type for a session kind), posting statuses, interview rounds and story themes.

Apart from the modules that describe them (the ladder's types, the interview rounds, the story themes),
so that the parser and ``log`` need not build those modules' dataclasses, and the schema's CHECK
constraints are made from the same tuples.
"""

SKILL_KINDS = (
    "language",
    "datastore",
    "messaging",
    "api",
    "infrastructure",
    "observability",
    "cloud",
    "practice",
    "other",
)

MOCK_INTERVIEW = "mock-interview"
SESSION_KINDS = ("study", "practice", "build", "reading", "course", MOCK_INTERVIEW, "other")
"""Kinds of learning session; ``mock-interview`` also counts as interview-loop practice."""

SESSION_KIND_ALIASES = {
    "mock interview": MOCK_INTERVIEW,
    "mock": MOCK_INTERVIEW,
    "interview": MOCK_INTERVIEW,
    "mock_interview": MOCK_INTERVIEW,
    "book": "reading",
    "article": "reading",
    "paper": "reading",
    "video": "course",
    "tutorial": "course",
    "workshop": "course",
    "project": "build",
    "side-project": "build",
    "exercise": "practice",
    "kata": "practice",
    "learn": "study",
    "learning": "study",
}


def normalize_session_kind(text: str) -> str | None:
    """``Mock Interview`` → ``mock-interview``; ``None`` when it is not a session kind."""
    key = " ".join(text.strip().lower().split())
    if key in SESSION_KINDS:
        return key
    hyphenated = key.replace(" ", "-").replace("_", "-")
    if hyphenated in SESSION_KINDS:
        return hyphenated
    return SESSION_KIND_ALIASES.get(key)


POSTING_STATUSES = ("considering", "applied", "interviewing", "offer", "rejected")
"""Where a saved job posting stands, in the order an application moves through them."""

INTERVIEW_ROUNDS = ("system-design", "coding", "debugging", "behavioural")
"""The rounds of the interview loop (:mod:`skilltrack.domain.interviews` describes each)."""

STORY_THEMES = ("decision", "conflict", "incident", "mentoring", "trade-off", "failure")
"""What a story for the behavioural round can show (:mod:`skilltrack.domain.stories` describes each)."""
