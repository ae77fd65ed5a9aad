"""The kinds of skill and of learning session, and the other names people type for a session kind.

Apart from :mod:`skilltrack.domain.framework` (which re-exports them), so that the parser and ``log``
need not build the ladder's eleven dataclasses, which took a tenth of ``skilltrack log``.
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

SESSION_KINDS = ("study", "practice", "build", "reading", "course", "mock-interview", "other")
"""Kinds of learning session; ``mock-interview`` also counts as interview-loop practice."""

SESSION_KIND_ALIASES = {
    "mock interview": "mock-interview",
    "mock": "mock-interview",
    "interview": "mock-interview",
    "mock_interview": "mock-interview",
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
