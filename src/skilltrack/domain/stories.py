"""The story bank for the behavioural round: themes, guessing them, checking a story, and coverage.

A behavioural round (guide: "Interview process and hiring signals") asks for concrete episodes from
past work. A story is told as situation, task, action and result; the classic themes below are the
questions such rounds keep coming back to. Coverage says which themes and which expectations of the
target level have no story yet.

Pure: no record, no UI.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from skilltrack.domain.choices import typed_choice
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import EvidenceRule, Expectation, Framework
from skilltrack.domain.kinds import STORY_THEMES
from skilltrack.domain.names import clean_text_line, name_key
from skilltrack.domain.text import clean_text

MAX_TITLE_LENGTH = 80
MAX_PART_LENGTH = 4000
STAR_PARTS = ("situation", "task", "action", "result")


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    keywords: tuple[str, ...]
    """Words and phrases that suggest the theme when a story is added without --theme."""


DECISION, CONFLICT, INCIDENT, MENTORING, TRADE_OFF, FAILURE = STORY_THEMES

THEMES: tuple[Theme, ...] = (
    Theme(
        DECISION,
        "Leading a decision",
        (
            "decided",
            "decision",
            "proposed",
            "proposal",
            "design doc",
            "rfc",
            "drove",
            "led the",
            "chose",
            "consensus",
            "direction",
        ),
    ),
    Theme(
        CONFLICT,
        "A conflict",
        (
            "conflict",
            "disagree",
            "disagreed",
            "disagreement",
            "pushback",
            "pushed back",
            "tension",
            "objected",
            "argued",
            "compromise",
            "friction",
        ),
    ),
    Theme(
        INCIDENT,
        "An incident",
        (
            "incident",
            "outage",
            "on-call",
            "on call",
            "paged",
            "pager",
            "postmortem",
            "post-mortem",
            "rollback",
            "rolled back",
            "sev1",
            "sev2",
            "downtime",
            "degraded",
        ),
    ),
    Theme(
        MENTORING,
        "Mentoring",
        (
            "mentor",
            "mentored",
            "mentoring",
            "coached",
            "coaching",
            "onboarded",
            "onboarding",
            "taught",
            "paired with",
            "junior",
            "grew",
        ),
    ),
    Theme(
        TRADE_OFF,
        "A trade-off",
        (
            "trade-off",
            "tradeoff",
            "trade off",
            "instead of",
            "versus",
            "at the cost of",
            "consistency",
            "latency",
            "cheaper",
            "simpler",
        ),
    ),
    Theme(
        FAILURE,
        "A failure",
        (
            "failed",
            "mistake",
            "my fault",
            "missed",
            "went wrong",
            "regret",
            "learned",
            "lesson",
            "underestimated",
            "broke",
        ),
    ),
)

_THEME_KEYS = {"tradeoff": "trade-off", "tradeoffs": "trade-off", "trade-offs": "trade-off"}

# Which expectations a behavioural answer can show. A story is an episode with people, stakes and an
# outcome, which is what evidence rules count (incidents handled, designs led, people mentored,
# decisions made, teams aligned). Skill ratings, hands-on tool use, years of experience and interview
# practice are shown by the record itself, not by telling a story, so they are left out; so are
# PR descriptions, which are a writing habit rather than an episode worth a question.
_NOT_STORY_KINDS = frozenset({"pr-description"})


_THEMES_BY_ID = {theme.id: theme for theme in THEMES}


def theme_by_id(theme_id: str) -> Theme:
    return _THEMES_BY_ID[theme_id]


def parse_theme(text: str, *, field: str = "theme") -> str:
    """``Trade off``, ``confl``, ``An incident`` → the theme id; prefixes must name one theme."""
    theme_id = typed_choice(text, [(t.id, t.title) for t in THEMES], _THEME_KEYS)
    if theme_id is None:
        accepted = ", ".join(theme.id for theme in THEMES)
        raise InputError(field, f"{text.strip()!r} is not a theme; use one of {accepted}")
    return theme_id


def parse_themes(texts: Iterable[str]) -> tuple[str, ...]:
    """Themes given with --theme, each once, in the bank's order."""
    chosen = {parse_theme(text) for text in texts}
    return tuple(theme.id for theme in THEMES if theme.id in chosen)


def _words(text: str) -> str:
    """Lower-case words (hyphens kept) with a space on each side, for whole-word matching."""
    return " " + " ".join(_WORD_BREAK.split(unicodedata.normalize("NFKC", text).casefold())).strip() + " "


_WORD_BREAK = re.compile(r"[^\w-]+")


def guess_themes(text: str) -> tuple[str, ...]:
    """Themes whose keywords occur (as whole words) in the story's text, in the bank's order."""
    words = _words(text)
    return tuple(theme.id for theme in THEMES if any(_words(keyword) in words for keyword in theme.keywords))


def clean_title(text: str, *, field: str = "title", keep: bool = False) -> str:
    return clean_text_line(
        text,
        field=field,
        max_length=MAX_TITLE_LENGTH,
        empty="is empty; name the story in a line, like 'The payments outage of March'",
        keep=keep,
    )


def title_key(title: str) -> str:
    """The case-insensitive key titles are kept unique by, as names are (spaces collapsed, case folded)."""
    return name_key(title)


def clean_part(text: str, part: str, *, keep: bool = False) -> str:
    """One of situation, task, action, result: multi-line (line breaks and TABs kept), trimmed, not
    empty, not huge, no control characters (:func:`skilltrack.domain.text.clean_text`)."""
    return clean_text(
        text,
        field=part,
        max_length=MAX_PART_LENGTH,
        multiline=True,
        empty=f"is empty; every story needs its {part}, in a sentence or two",
        keep=keep,
    )


def story_expectations(framework: Framework, level_id: str) -> tuple[Expectation, ...]:
    """The target level's expectations a story can show (see ``_NOT_STORY_KINDS`` for why these)."""
    return tuple(
        expectation
        for expectation in framework.expectations_for(level_id)
        if isinstance(expectation.rule, EvidenceRule) and not set(expectation.rule.kinds) <= _NOT_STORY_KINDS
    )


@dataclass(frozen=True)
class StoryCoverage:
    stories: int
    missing_themes: tuple[str, ...]
    """Titles of the themes no story has."""
    missing_expectations: tuple[Expectation, ...]
    covered_themes: tuple[str, ...] = ()
    covered_expectations: tuple[Expectation, ...] = ()
    level_id: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing_themes and not self.missing_expectations


def story_coverage(
    *,
    stories: int,
    themes_told: Iterable[str],
    expectations_told: Iterable[str],
    framework: Framework,
    level_id: str,
) -> StoryCoverage:
    themes = set(themes_told)
    told = set(expectations_told)
    showable = story_expectations(framework, level_id)
    return StoryCoverage(
        stories=stories,
        missing_themes=tuple(theme.title for theme in THEMES if theme.id not in themes),
        missing_expectations=tuple(e for e in showable if e.id not in told),
        covered_themes=tuple(theme.title for theme in THEMES if theme.id in themes),
        covered_expectations=tuple(e for e in showable if e.id in told),
        level_id=level_id,
    )


def check_expectation(typed: str, framework: Framework, *, field: str = "expectation") -> str:
    expectation_id = typed.strip()
    if expectation_id not in framework.expectation_ids:
        raise InputError(field, f"{typed.strip()!r} is not in the ladder; see: skilltrack guide")
    return expectation_id


def theme_titles(theme_ids: Sequence[str]) -> str:
    return ", ".join(theme_by_id(theme_id).title.lower() for theme_id in theme_ids if theme_id in _IDS)


_IDS = frozenset(theme.id for theme in THEMES)
