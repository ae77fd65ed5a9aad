"""What a job posting asks for, and how strongly the record answers each ask: the values the reading
and the matching share."""

from dataclasses import dataclass
from enum import StrEnum

from skilltrack.domain.names import name_key
from skilltrack.domain.postings.level import PostingLevel

MAX_POSTING_CHARACTERS = 100_000
MAX_TITLE_LENGTH = 120
MAX_LINK_LENGTH = 500

REQUIRED_WEIGHT = 2
NICE_WEIGHT = 1
PRACTISE_FIRST = 5
"""How many gaps "what to practise first" names."""


class Importance(StrEnum):
    REQUIRED = "required"
    NICE = "nice-to-have"


class Strength(StrEnum):
    STRONG = "strong"
    CLAIMED = "claimed"
    """Strong only by a self-rating the record does not show yet (no hours, shipped project or evidence)."""
    SOME = "some"
    MISSING = "missing"


STRENGTH_MARKS = {Strength.STRONG: "✓", Strength.CLAIMED: "◇", Strength.SOME: "◐", Strength.MISSING: "✗"}
CREDIT = {Strength.STRONG: 1.0, Strength.CLAIMED: 0.5, Strength.SOME: 0.5, Strength.MISSING: 0.0}


# ---------------------------------------------------------------- what a posting asks for


@dataclass(frozen=True)
class SkillAsk:
    """A skill, tool or practice the posting names, under the ladder's (or the record's) name for it."""

    name: str
    kind: str
    importance: Importance
    phrases: tuple[str, ...]
    """How the posting wrote it (``k8s``, ``mentored``), each spelling once."""
    line: str
    """The first line of the posting it appears on."""
    mentions: int = 1
    either: tuple[str, ...] = ()
    """Other skills the posting accepts instead ("Datadog or Grafana"): one ask, met by any of them."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.either)

    @property
    def label(self) -> str:
        if self.either:
            return " or ".join(self.names)
        written = [p for p in self.phrases if name_key(p) != name_key(self.name)]
        return f"{self.name} (“{written[0]}”)" if written else self.name


@dataclass(frozen=True)
class YearsAsk:
    """Years of experience the posting asks for (``5+ years``, ``at least 5 years``, ``3-5 years``)."""

    min_years: float
    max_years: float | None
    importance: Importance
    phrase: str
    subject: str
    """What the years are of, as the posting says it (``backend engineering``), or empty."""
    line: str
    skills: tuple[str, ...] = ()
    """The vocabulary's skills the subject names (``Rust``): the years are held against those, not the
    career; more than one are alternatives when the subject says "or"."""
    either: bool = False

    @property
    def name(self) -> str:
        if self.max_years is not None:
            span = f"{self.min_years:g}–{self.max_years:g} years"
        else:
            span = f"{self.min_years:g}+ years"
        return f"{span} of {self.subject}" if self.subject else f"{span} of experience"

    @property
    def label(self) -> str:
        return self.name


Ask = SkillAsk | YearsAsk


@dataclass(frozen=True)
class UnknownTool:
    """A capitalised, technology-looking name the posting asks for that the vocabulary does not know
    (``Docker``, ``TypeScript``): shown, never counted in the match, since the record cannot answer it."""

    name: str
    importance: Importance
    line: str


@dataclass(frozen=True)
class PostingRead:
    skills: tuple[SkillAsk, ...]
    years: tuple[YearsAsk, ...]
    separated: bool
    """The posting tells required from nice-to-have (a heading or a marker says which is which)."""
    unknown: tuple[UnknownTool, ...] = ()
    headline_years: YearsAsk | None = None
    """The years asked of the role as a whole (one of ``years``), not of one area or skill."""
    level: PostingLevel | None = None
    """The ladder level the posting hires for, from its title, years and scope."""
