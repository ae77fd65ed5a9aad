"""The level a posting hires for, as a hiring manager reads it: the title decides (Staff and Principal
read as Staff, Team Lead and Manager as Lead, Senior as Senior); with no level in the title, the years it
asks and its scope (one team, several teams, the organisation) say which.
"""

import re
from dataclasses import dataclass

from skilltrack.domain.framework import Framework

_TITLE_WORDS = (
    ("staff", re.compile(r"\b(?:staff|principal|distinguished|architect)\b", re.IGNORECASE)),
    (
        "lead",
        re.compile(r"\b(?:lead|leader|manager|head\s+of|tech\s*lead|team\s*lead)\b|\blead/", re.IGNORECASE),
    ),
    ("senior", re.compile(r"\b(?:senior|sr\.?)(?!\w)", re.IGNORECASE)),
)
_CROSS_TEAM = re.compile(
    r"\b(?:across|multiple|several|many|other)\s+(?:engineering\s+)?teams\b|\b(?:whole|entire)\s+"
    r"(?:organi[sz]ation|company|engineering)\b|\borgani[sz]ation[\s-]wide\b|\bcompany[\s-]wide\b"
    r"|\bcross[\s-](?:team|functional\s+technical)\b|\bover\s+\d+\s+engineers\b",
    re.IGNORECASE,
)
_TEAM_LEAD = re.compile(
    r"\blead(?:ing)?\s+(?:a|the|our)\s+(?:small\s+)?(?:[\w-]+\s+){0,2}team\b|\bmanag\w+\s+(?:a\s+)?team\b"
    r"|\bteam\s+lead\b|\bdirect\s+reports\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PostingLevel:
    """The ladder level a posting reads as, and what in the posting says so."""

    level_id: str
    title: str
    """The ladder's name for the level (``Staff``)."""
    because: tuple[str, ...]
    """Why, in a few words each: ``title``, ``10+ years``, ``cross-team scope``."""

    @property
    def label(self) -> str:
        """``reads as Staff (title, 10+ years, cross-team scope)``."""
        return (
            f"reads as {self.title} ({', '.join(self.because)})" if self.because else f"reads as {self.title}"
        )


def posting_level(
    text: str, framework: Framework, *, title: str = "", years: float | None = None
) -> PostingLevel | None:
    """The ladder level the posting hires for, or ``None`` when the ladder has none of these levels or
    the posting gives nothing to go on."""
    by_title = _from_title(title) if title.strip() else None
    if by_title is None:
        by_title = _from_title(_first_lines(text))
    scope = (
        "cross-team scope" if _CROSS_TEAM.search(text) else "team scope" if _TEAM_LEAD.search(text) else ""
    )
    reasons: list[str] = []
    if by_title is not None:
        level_id = by_title
        reasons.append("title")
    elif scope == "cross-team scope" or (years is not None and years >= 10):
        level_id = "staff"
    elif scope == "team scope":
        level_id = "lead"
    elif years is not None:
        level_id = "senior"
    else:
        return None
    if years is not None:
        reasons.append(f"{years:g}+ years")
    if scope:
        reasons.append(scope)
    level = _ladder_level(framework, level_id)
    if level is None:
        return None
    return PostingLevel(level[0], level[1], tuple(reasons))


def _from_title(title: str) -> str | None:
    for level_id, pattern in _TITLE_WORDS:
        if pattern.search(title):
            return level_id
    return None


def _first_lines(text: str) -> str:
    """Where a pasted posting's title is: its first short lines."""
    lines = [line.strip(" #*") for line in text.splitlines() if line.strip(" #*")]
    return "\n".join(line for line in lines[:3] if len(line) <= 90)


def _ladder_level(framework: Framework, level_id: str) -> tuple[str, str] | None:
    for level in framework.levels:
        if level.id.casefold() == level_id or level.title.casefold() == level_id:
            return level.id, level.title
    return None
