"""A job posting held against the record: what it asks for, how well the record answers, what to practise.

:func:`read_posting` reads a posting's text into what it asks for: the skills, tools and practices it
names (found through the ladder's vocabulary, every alias and their common inflections, as whole
words and in any case) and the years of experience it asks for, each marked required or
nice-to-have from the posting's own headings (Requirements, Must have, Nice to have, Bonus,
Preferred…) and markers ("… is a plus"). :func:`match_posting` holds that against a
:class:`~skilltrack.domain.record.Record`: each ask is strong, some or missing, with the facts behind
it, and the whole gets one match percent in which required asks weigh twice what nice-to-have ones do.

Pure functions of (text, ladder, record, today); the text, Markdown and JSON forms are at the end.
"""

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

from skilltrack.domain.dates import years_between
from skilltrack.domain.durations import format_hours
from skilltrack.domain.errors import InputError
from skilltrack.domain.framework import Framework, SkillTerm
from skilltrack.domain.names import name_key
from skilltrack.domain.record import EvidenceFacts, Record, SkillFacts

POSTING_STATUSES = ("considering", "applied", "interviewing", "offer", "rejected")
MAX_POSTING_CHARACTERS = 100_000
MAX_TITLE_LENGTH = 120
MAX_LINK_LENGTH = 500

REQUIRED_WEIGHT = 2
NICE_WEIGHT = 1
HANDS_ON_MINUTES = 600
"""Ten hours of logged practice: what the ladder's hands-on rules count as real use."""
PRACTISE_FIRST = 5
"""How many gaps "what to practise first" names."""


class Importance(StrEnum):
    REQUIRED = "required"
    NICE = "nice-to-have"


class Strength(StrEnum):
    STRONG = "strong"
    SOME = "some"
    MISSING = "missing"


STRENGTH_MARKS = {Strength.STRONG: "✓", Strength.SOME: "◐", Strength.MISSING: "✗"}
_CREDIT = {Strength.STRONG: 1.0, Strength.SOME: 0.5, Strength.MISSING: 0.0}


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


# ---------------------------------------------------------------- input checks


def clean_posting_text(text: str, *, field: str = "posting") -> str:
    """The posting's text with line ends unified and control characters blanked; refuse empty or huge."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = "".join(
        char if char in "\n\t" or not unicodedata.category(char).startswith("C") else " " for char in unified
    )
    if not any(char.isalpha() for char in cleaned):
        raise InputError(field, "has no words; paste or load the text of the job posting")
    if len(cleaned) > MAX_POSTING_CHARACTERS:
        raise InputError(
            field, f"is {len(cleaned):,} characters long; use at most {MAX_POSTING_CHARACTERS:,}"
        )
    return cleaned.strip()


def parse_posting_status(text: str, *, field: str = "status") -> str:
    status = text.strip().lower()
    if status not in POSTING_STATUSES:
        raise InputError(field, f"{text!r} is not a status; use one of {', '.join(POSTING_STATUSES)}")
    return status


def clean_line(text: str, *, field: str, limit: int = MAX_TITLE_LENGTH, required: bool = True) -> str:
    """One line of text (a company, a title): spaces collapsed, no control characters, not too long."""
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    if required and not cleaned:
        raise InputError(field, "is empty; give it as the posting names it")
    if len(cleaned) > limit:
        raise InputError(field, f"is {len(cleaned)} characters long; use at most {limit}")
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise InputError(field, "holds control characters; use printable text only")
    return cleaned


def clean_link(text: str, *, field: str = "link") -> str:
    link = text.strip()
    if not link:
        return ""
    printable = not any(unicodedata.category(char).startswith("C") for char in link)
    if len(link) > MAX_LINK_LENGTH or not printable or not re.fullmatch(r"https?://[^\s<>\"]+", link):
        raise InputError(
            field, f"{text!r} is not a link; use an http:// or https:// address, or leave it empty"
        )
    return link


# ---------------------------------------------------------------- finding the vocabulary in text

# Short names and common English words that are only a skill when written as the ladder writes them
# ("Go", "REST", "CI"); "go live", "the rest of the team" and "a cluster node" are not asks.
_CASED_KEYS = frozenset({"go", "rest", "node", "ci", "cd", "py", "pg", "tf", "ddb", "rfc", "kube"})
# English phrases that start with a cased name: "Go ahead and apply", "our Go-to-market team".
_ENGLISH_AFTER = {
    "go": re.compile(
        r"(?:[\s-]+(?:ahead|to[\s-]+market|getters?|live|beyond|further|for\s+it|the\s+extra)\b|-to\b)",
        re.IGNORECASE,
    ),
}
_SEPARATOR = re.compile(r"[\s\-]+")
_WORD_END = re.compile(r"([A-Za-z]+)$")


def _key(text: str) -> str:
    """Spelling-blind key of a phrase: case, spaces and hyphens do not matter (``On-call`` = ``oncall``)."""
    return _SEPARATOR.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _inflections(form: str) -> set[str]:
    """A name with its last word inflected as postings write it: plurals, singulars, and the verb forms
    of -ing practices (``mentoring`` → ``mentor``, ``mentored``, ``mentors``)."""
    found = {form}
    ending = _WORD_END.search(form)
    if ending is None:
        return found
    last = ending.group(1).lower()
    multi_word = bool(_SEPARATOR.search(form.strip()))
    if last.endswith(("s", "x", "ch", "sh")):
        found.add(form + "es")
    else:
        found.add(form + "s")
    if len(last) > 4 and last.endswith("s") and not last.endswith("ss"):
        found.add(form[:-1])
    if len(last) > 5 and last.endswith("ing"):
        stems = [form[:-3]]
        if last[-4] == last[-5]:  # logging → log, debugging → debug
            stems.append(form[:-4])
        for stem in stems:
            stem_word = stem[len(form) - len(last) :]
            found |= {stem + "ed", stem + "es", stem + "s"}
            if multi_word or len(stem_word) >= 5:
                found.add(stem)
    return found


def _pattern(form: str) -> str:
    return r"[\s\-]*".join(re.escape(part) for part in _SEPARATOR.split(form.strip()) if part)


@dataclass(frozen=True)
class _Finder:
    patterns: tuple[re.Pattern[str], ...]
    terms: dict[str, SkillTerm]
    """Spelling-blind key of every form → the term it stands for."""

    def find(self, text: str) -> Iterator[tuple[str, SkillTerm]]:
        """Each vocabulary phrase in ``text`` as written, with its term, in order of appearance.

        Phrases may overlap ("gRPC API design" is gRPC and API design); one that lies inside a longer
        one ("tracing" in "distributed tracing") is that longer one.
        """
        for _, _, written, term in self.spans(text):
            yield written, term

    def spans(self, text: str) -> Iterator[tuple[int, int, str, SkillTerm]]:
        """As :meth:`find`, with where each phrase starts and ends in ``text``."""
        hits: set[tuple[int, int]] = set()
        for pattern in self.patterns:
            hits |= {(match.start(1), match.end(1)) for match in pattern.finditer(text)}
        spans = sorted(hits, key=lambda span: (span[0], -span[1]))
        widest_end = -1
        for start, end in spans:
            if end <= widest_end:
                continue  # inside an earlier, longer phrase
            written = text[start:end]
            english = _ENGLISH_AFTER.get(_key(written))
            if english is not None and english.match(text, end):
                continue
            widest_end = end
            term = self.terms.get(_key(written))
            if term is not None:
                yield start, end, written, term


@lru_cache(maxsize=32)
def _finder(terms: tuple[SkillTerm, ...]) -> _Finder:
    by_key: dict[str, SkillTerm] = {}
    loose: set[str] = set()
    cased: set[str] = set()
    for term in terms:
        for written in (term.name, *term.aliases):
            if not written.strip():
                continue
            if _key(written) in _CASED_KEYS:
                shown = [written] if written != written.lower() else [written.upper(), written.title()]
                forms = {variant for item in shown for variant in (item, item + "s")}
                cased |= forms
            else:
                forms = _inflections(written)
                loose |= forms
            for form in forms:
                by_key.setdefault(_key(form), term)
    patterns = []
    for forms, flags in ((loose, re.IGNORECASE), (cased, 0)):
        if forms:
            ordered = sorted(forms, key=lambda form: (-len(form), form))
            body = "|".join(_pattern(form) for form in ordered)
            # A lookahead, so that every start is tried and overlapping phrases are all found.
            # "&" joins words too: "PG&E" is a company, not PostgreSQL.
            patterns.append(re.compile(rf"(?=(?<![\w&])({body})(?![\w&]))", flags))
    return _Finder(tuple(patterns), by_key)


def vocabulary(framework: Framework, record: Record | None = None) -> tuple[SkillTerm, ...]:
    """The ladder's terms, then the record's own skills and aliases (``Elixir``, a private alias)."""
    terms = list(framework.skills)
    if record is not None:
        for skill in record.skills:
            known = framework.term(skill.name)
            if known is None:
                terms.append(SkillTerm(skill.name, skill.kind, skill.aliases))
            elif extra := tuple(a for a in skill.aliases if framework.term(a) is None):
                terms.append(SkillTerm(known.name, known.kind, extra))
    return tuple(terms)


# ---------------------------------------------------------------- sections of a posting


class _Part(StrEnum):
    REQUIRED = "required"
    NICE = "nice"
    SKIP = "skip"
    UNKNOWN = "unknown"
    """Under a heading the reader does not know ("Where you'll work:"): asks only when the posting has
    no known required or nice-to-have heading."""


_NICE_HEADING = re.compile(
    r"not (?:a )?(?:must|mandatory|essential|necessary|needed)|nice[\s-]*to[\s-]*haves?|bonus|prefer"
    r"|\bpluses\b|\bplus\b|good[\s-]*to[\s-]*have|extra credit"
    r"|even better|would be (?:great|nice)|\bideal(?:ly)?\b|desirable|optional|not required"
)
_REQUIRED_HEADING = re.compile(
    r"requir|\bmust\b|qualification|what you(?:'ll| will)? (?:bring|need|have)|looking for|who you are"
    r"|about you|you have|you bring|you'll need|skills|experience|expect|essential|minimum|basic"
    r"|responsibilit|what you(?:'ll| will)? (?:do|work on|build|own)|\brole\b|day[\s-]to[\s-]day|you will"
    r"|stack|technolog|tools|the job|the work"
)
_SKIP_HEADING = re.compile(
    r"\babout\b|benefit|perk|offer|compensation|salary|\bpay\b|apply|process|equal|divers|inclusion"
    r"|why (?:join|work)|life at|culture|values|location|hiring|interview|who we are|our team|the team"
    r"|in it for you|what you(?:'ll| will)? get|we give|we provide|budget|why you'll love|our mission"
)
_NICE_MARKER = re.compile(
    r"\b(?:(?:is|are|would be)\s+(?:a\s+)?(?:big\s+)?(?:plus|bonus)|a\s+plus|nice[\s-]*to[\s-]*have"
    r"|bonus(?:\s+points)?|preferred|preferably|ideally|desirable|not required|not a must|optional)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•·–—+>]|\d{1,2}[.)]|[a-z][.)])\s+")
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][\w '’/&()-]{1,40}?)\s*:\s*(?P<rest>\S.*)$")


def _plain(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").strip().casefold()


def _classify(heading: str) -> _Part | None:
    words = _plain(heading)
    if _NICE_HEADING.search(words):
        return _Part.NICE
    if _REQUIRED_HEADING.search(words):
        return _Part.REQUIRED
    if _SKIP_HEADING.search(words):
        return _Part.SKIP
    return None


def _heading(line: str, finder: "_Finder") -> _Part | None:
    """The part a heading line opens, or ``None`` when the line is not a heading."""
    if _BULLET.match(line) and not line.lstrip().startswith("#"):
        return None
    marked = line.startswith("#") or line.endswith(":") or bool(re.fullmatch(r"(\*\*|__).+(\*\*|__):?", line))
    core = line.strip("#*_: \t").strip()
    if not core or len(core) > 60:
        return None
    if not marked:
        letters = [char for char in core if char.isalpha()]
        shouting = bool(letters) and all(char.isupper() for char in letters) and len(letters) > 3
        if not shouting and (core[-1] in ".,;!?" or len(core.split()) > 6 or not core[0].isupper()):
            return None
        # In plain text (bullets lost) a short line naming a skill is an ask, not a heading:
        # "Kafka experience", "Familiarity with Terraform is a bonus".
        if next(finder.find(core), None) is not None:
            return None
        return _classify(core)
    return _classify(core) or _Part.UNKNOWN


@dataclass(frozen=True)
class _Line:
    text: str
    part: _Part


# Where one ask ends and the next begins inside a line: "Go and Kubernetes; Kafka is a plus".
_CLAUSE = re.compile(r"\s*;\s*|(?<=[.!?])\s+(?=[A-Z])|,?\s+but\s+|\s+[—–]\s+")
_NEGATED = re.compile(
    r"\bnot\s+(?:needed|necessary|expected)\b|\bno\s+need\b|\b(?:don't|do\s+not|doesn't|does\s+not"
    r"|won't|will\s+not)\s+need\b|\b(?:isn't|aren't)\s+(?:needed|necessary)\b",
    re.IGNORECASE,
)


def _lines(text: str, finder: "_Finder") -> list[_Line]:
    """The posting's asking clauses, each with the part it belongs to; headings are not content."""
    part = _Part.REQUIRED
    lines: list[_Line] = []
    known_parts = False
    for raw in text.replace("’", "'").splitlines():
        line = raw.strip()
        if not line:
            continue
        opened = _heading(line, finder)
        if opened is not None:
            part = opened
            known_parts = known_parts or part in (_Part.REQUIRED, _Part.NICE)
            # A heading can name a skill itself ("Experience with Go", "## Kubernetes"): read it too.
            if part is not _Part.SKIP:
                lines.append(_Line(line.strip("#*_: \t").strip(), part))
            continue
        content = _BULLET.sub("", line, count=1).strip("*_ ").strip()
        here = part
        labelled = _LABELLED.match(content)
        if labelled is not None and (labelled_part := _classify(labelled["label"])) is not None:
            here, content = labelled_part, labelled["rest"]
        for clause in _CLAUSE.split(content):
            clause = clause.strip()
            if not clause or _NEGATED.search(clause):
                continue
            nice = here in (_Part.REQUIRED, _Part.UNKNOWN) and _NICE_MARKER.search(clause)
            lines.append(_Line(clause, _Part.NICE if nice else here))
    unknown_as = _Part.SKIP if known_parts else _Part.REQUIRED
    return [_Line(line.text, unknown_as) if line.part is _Part.UNKNOWN else line for line in lines]


# ---------------------------------------------------------------- years of experience

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
}
_NUMBER = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + ")"
_YEARS = re.compile(
    rf"(?<![\w.])(?P<prefix>at\s+least|a\s+minimum\s+of|minimum\s+of|minimum|min\.|over|more\s+than"
    rf"|no\s+less\s+than)?\s*(?P<low>{_NUMBER})\s*(?:(?:-|–|—|to)\s*(?P<high>{_NUMBER})\s*)?"
    rf"(?P<plus>\+)?\s*(?:or\s+more\s+)?(?:years?|yrs?)(?:\s*\+)?(?!\w)",
    re.IGNORECASE,
)
_EXPERIENCE_AFTER = re.compile(
    r"^\W*(?:of\b|in\b|with\b|building|developing|writing|working|designing|running|operating|shipping"
    r"|professional|relevant|hands-on|industry|experience|as\b|backend|back-end|software|engineering"
    r"|programming|coding)",
    re.IGNORECASE,
)
_NOT_EXPERIENCE = re.compile(
    r"\b(?:ago|old|vest\w*|founded|since|business|runway|anniversary|leave|warranty|funding|profitable"
    r"|combined|collective(?:ly)?|between\s+(?:us|them))\b",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"^\s*(?:\+\s*)?(?:of\s+)?(?:(?:professional|relevant|proven|hands-on|industry|commercial|solid)\s+)*"
    r"(?:experience\s+)?(?:(?:in|with|of|as(?:\s+an?)?|building|writing|working\s+(?:on|with|in)|developing"
    r"|designing|running|operating|shipping)\s+)?(?P<subject>[^.,;:()\n]{0,80})",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    return float(_NUMBER_WORDS.get(text.lower(), 0) or text)


def _subject(after: str) -> str:
    match = _SUBJECT.match(after)
    words = (match["subject"] if match else "").split()
    while words and words[-1].lower() in {"experience", "and", "or", "in", "with", "of", "the", "a", "an"}:
        words.pop()
    words = words[:6]
    while words and words[-1].lower() in {"and", "or", "in", "with", "of", "the", "a", "an"}:
        words.pop()
    return " ".join(words)


def _years(line: str, importance: Importance, finder: "_Finder") -> Iterator[YearsAsk]:
    if _NOT_EXPERIENCE.search(line):
        return
    for match in _YEARS.finditer(line):
        after = line[match.end() :]
        if not (match["prefix"] or match["plus"] or match["high"]) and not _EXPERIENCE_AFTER.match(after):
            continue
        if not _EXPERIENCE_AFTER.match(after) and "experience" not in line.lower():
            continue
        low = _number(match["low"])
        high = _number(match["high"]) if match["high"] else None
        if high is not None and high < low:
            low, high = high, low
        if low > 40 or (high is not None and high > 40) or (high is None and low == 0):
            continue
        subject = _subject(after)
        named = tuple(dict.fromkeys(term.name for _, term in finder.find(subject)))
        yield YearsAsk(
            min_years=low,
            max_years=high if high != low else None,
            importance=importance,
            phrase=match.group(0).strip(),
            subject=subject,
            line=_shorten(line),
            skills=named,
            either=len(named) > 1 and bool(re.search(r"\bor\b|/", subject, re.IGNORECASE)),
        )


def _shorten(line: str, limit: int = 140) -> str:
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- reading a posting


# Between two names of one ask that either answers: "Datadog or Grafana", "Go/Python", "Go, Java or Rust".
_OR_LINK = re.compile(r"\s*(?:,\s*)?(?:or|/)\s*(?:even\s+)?", re.IGNORECASE)
_COMMA_LINK = re.compile(r"\s*,\s*")
_OR_TAIL = re.compile(r"\s*(?:,\s*)?(?:or|/)\s*[A-Z]")


def _alternatives(spans: list[tuple[int, int, str, SkillTerm]], clause: str) -> list[list[int]]:
    """Runs of names in a clause joined by "or" (or "/"), as lists of indexes into ``spans``."""
    runs: list[list[int]] = []
    run: list[int] = []
    ored = False

    def close() -> None:
        # "REST, gRPC or GraphQL": the last name may be one the vocabulary does not know.
        if len(run) > 1 and (ored or _OR_TAIL.match(clause, spans[run[-1]][1])):
            runs.append(run)

    for index, (start, _, _, _) in enumerate(spans):
        if run:
            between = clause[spans[run[-1]][1] : start]
            if _OR_LINK.fullmatch(between):
                run.append(index)
                ored = True
                continue
            if _COMMA_LINK.fullmatch(between):
                run.append(index)
                continue
            close()
        run, ored = [index], False
    close()
    return runs


def read_posting(text: str, framework: Framework, *, record: Record | None = None) -> PostingRead:
    """What a posting asks for. Never fails on any text: what is not understood is not an ask."""
    finder = _finder(vocabulary(framework, record))
    found: dict[tuple[str, ...], dict[str, Any]] = {}
    years: dict[tuple[float, float | None, tuple[str, ...]], YearsAsk] = {}
    unknown: dict[str, UnknownTool] = {}
    separated = False
    for line in _lines(text, finder):
        if line.part is _Part.SKIP:
            continue
        importance = Importance.NICE if line.part is _Part.NICE else Importance.REQUIRED
        separated = separated or importance is Importance.NICE
        spans = list(finder.spans(line.text))
        grouped: dict[int, list[int]] = {}
        for alternatives in _alternatives(spans, line.text):
            if len({spans[index][3].name for index in alternatives}) > 1:
                grouped.update(dict.fromkeys(alternatives, alternatives))
        for index, (_, _, _written, term) in enumerate(spans):
            run = grouped.get(index, [index])
            if index != run[0]:
                continue
            key = tuple(dict.fromkeys(spans[other][3].name for other in run))
            entry = found.setdefault(
                key,
                {"term": term, "required": False, "phrases": [], "line": _shorten(line.text), "mentions": 0},
            )
            entry["mentions"] += 1
            entry["required"] = entry["required"] or importance is Importance.REQUIRED
            for item in [spans[other][2] for other in run]:
                if all(name_key(item) != name_key(seen) for seen in entry["phrases"]):
                    entry["phrases"].append(item)
        for ask in _years(line.text, importance, finder):
            span = (ask.min_years, ask.max_years, ask.skills)
            held = years.get(span)
            if held is None or (held.importance is Importance.NICE and ask.importance is Importance.REQUIRED):
                years[span] = ask
        for name in _unknown_tools(line.text, spans):
            held_tool = unknown.get(name.casefold())
            if held_tool is None or (
                held_tool.importance is Importance.NICE and importance is Importance.REQUIRED
            ):
                unknown[name.casefold()] = UnknownTool(name, importance, _shorten(line.text))

    def importance_of(entry: dict[str, Any]) -> Importance:
        return Importance.REQUIRED if entry["required"] else Importance.NICE

    skills = []
    for key, entry in found.items():
        importance = importance_of(entry)
        # "Go or Rust" adds nothing when the posting also asks for Go alone, at least as firmly.
        if len(key) > 1 and any(
            (name,) in found
            and (importance_of(found[(name,)]) is Importance.REQUIRED or importance is Importance.NICE)
            for name in key
        ):
            continue
        skills.append(
            SkillAsk(
                name=key[0],
                kind=entry["term"].kind,
                importance=importance,
                phrases=tuple(entry["phrases"][: max(3, len(key))]),
                line=entry["line"],
                mentions=entry["mentions"],
                either=key[1:],
            )
        )
    skills.sort(key=lambda ask: ask.importance is not Importance.REQUIRED)
    ordered_years = sorted(
        years.values(), key=lambda ask: (ask.importance is not Importance.REQUIRED, -ask.min_years)
    )
    tools = sorted(unknown.values(), key=lambda tool: tool.importance is not Importance.REQUIRED)
    return PostingRead(tuple(skills), tuple(ordered_years), separated, tuple(tools))


# ---------------------------------------------------------------- names the vocabulary does not know

_TOKEN = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z0-9]*(?:[.+#][A-Za-z0-9+#]+|\+\+|#)?(?![\w])")
_CUE = re.compile(
    r"(?:\bwith|\busing|\blike|\bincluding|\bsuch\s+as|\be\.g\.,?|\bespecially|\bideally|\bin"
    r"|\bknowledge\s+of|\bfamiliarity\s+with)\s*$",
    re.IGNORECASE,
)
_LIST_LINK = re.compile(r"\s*(?:,|/|&|\(|\)|\band\b|\bor\b|,\s*and\b|,\s*or\b)\s*", re.IGNORECASE)
_NOT_TOOLS = frozenset(
    {
        "a",
        "an",
        "and",
        "or",
        "the",
        "our",
        "your",
        "you",
        "we",
        "us",
        "it",
        "i",
        "in",
        "on",
        "of",
        "for",
        "to",
        "with",
        "at",
        "by",
        "as",
        "is",
        "are",
        "be",
        "all",
        "any",
        "some",
        "other",
        "new",
        "strong",
        "solid",
        "good",
        "great",
        "deep",
        "senior",
        "junior",
        "lead",
        "staff",
        "principal",
        "remote",
        "europe",
        "european",
        "eu",
        "uk",
        "usa",
        "api",
        "apis",
        "sdk",
        "sdks",
        "ui",
        "ux",
        "eur",
        "usd",
        "gbp",
        "cv",
        "phd",
        "bsc",
        "msc",
        "cs",
        "hr",
        "ceo",
        "cto",
        "vp",
        "okr",
        "okrs",
        "kpi",
        "kpis",
        "saas",
        "b2b",
        "b2c",
        "fintech",
        "pto",
        "utc",
        "cet",
        "gmt",
        "faq",
        "hq",
        "ipo",
        "iso",
        "soc",
        "gdpr",
        "pci",
        "english",
        "german",
        "french",
        "spanish",
        "monday",
        "friday",
    }
)


def _tech_shaped(token: str) -> bool:
    """Inner capitals, digits or a ``.js``/``#``/``++`` ending: TypeScript, gRPC, EC2, Vue.js, C#."""
    inner = token[1:]
    camel = any(char.isupper() for char in inner) and any(char.islower() for char in token)
    marked = token[0].isupper() and bool(re.search(r"\d|[.+#]", inner))
    return camel or marked or token.lower().endswith(".js")


def _unknown_tools(clause: str, spans: list[tuple[int, int, str, SkillTerm]]) -> list[str]:
    """Capitalised, technology-looking names in an asking clause that the vocabulary does not know.

    A name counts when it is shaped like a technology (``GraphQL``), or is capitalised inside the clause
    (not its first word) where an ask names tools: after "with", "using", "such as"…, or in a list with
    a name the vocabulary knows or one already counted ("Kubernetes and Docker", "Go or Kotlin").
    """
    known = [(start, end) for start, end, _, _ in spans]
    tokens = [
        match
        for match in _TOKEN.finditer(clause)
        if not any(start < match.end() and match.start() < end for start, end in known)
    ]
    accepted: list[tuple[int, int]] = []
    names: list[str] = []
    for position, match in enumerate(tokens):
        word = match.group(0)
        if not word[0].isupper() and not _tech_shaped(word):
            continue
        if word.casefold() in _NOT_TOOLS or len(word) < 2:
            continue
        if position and tokens[position - 1].end() == match.start() - 1 and clause[match.start() - 1] == " ":
            previous = tokens[position - 1].group(0)
            if (tokens[position - 1].start(), tokens[position - 1].end()) in accepted and previous[
                0
            ].isupper():
                # "Spring Boot", "Docker Compose": one name in two words.
                start, _ = accepted.pop()
                names.pop()
                accepted.append((start, match.end()))
                names.append(clause[start : match.end()])
                continue
        first_word = not clause[: match.start()].strip(" -*•(\"'")
        before = clause[: match.start()]
        listed = any(
            _LIST_LINK.fullmatch(clause[end : match.start()])
            for _, end in [*known, *accepted]
            if end <= match.start()
        )
        shaped = _tech_shaped(word)
        if first_word and not shaped:
            continue
        if not (shaped or _CUE.search(before) or listed):
            continue
        if word.isupper() and not (shaped or listed or _CUE.search(before)):
            continue
        accepted.append((match.start(), match.end()))
        names.append(word)
    return names


# ---------------------------------------------------------------- held against the record


@dataclass(frozen=True)
class ItemMatch:
    ask: Ask
    strength: Strength
    facts: tuple[str, ...]
    """What in the record this rests on, in words (level, hours, shipped projects, years)."""
    evidence: tuple[EvidenceFacts, ...] = ()
    next_step: str = ""

    @property
    def importance(self) -> Importance:
        return self.ask.importance

    @property
    def weight(self) -> int:
        return REQUIRED_WEIGHT if self.importance is Importance.REQUIRED else NICE_WEIGHT

    @property
    def credit(self) -> float:
        return _CREDIT[self.strength]


@dataclass(frozen=True)
class PostingMatch:
    read: PostingRead
    items: tuple[ItemMatch, ...]
    today: date
    practise_first: tuple[ItemMatch, ...] = field(default=())

    @property
    def percent(self) -> int:
        """Weighted share of the asks the record answers (some counts half), rounded down; 0 if none."""
        return _percent(self.items)

    def part_percent(self, importance: Importance) -> int | None:
        items = [item for item in self.items if item.importance is importance]
        return _percent(items) if items else None

    def of(self, importance: Importance) -> tuple[ItemMatch, ...]:
        return tuple(item for item in self.items if item.importance is importance)


def _percent(items: Sequence[ItemMatch]) -> int:
    weights = sum(item.weight for item in items)
    if not weights:
        return 0
    return int(100 * sum(item.credit * item.weight for item in items) / weights + 1e-9)


def match_posting(read: PostingRead, record: Record, framework: Framework, today: date) -> PostingMatch:
    finder = _finder(vocabulary(framework, record))
    mentioned = _evidence_terms(record, framework, finder)
    items = [_match_years(ask, record, today) for ask in read.years if ask.importance is Importance.REQUIRED]
    items += [_match_either(ask, record, mentioned) for ask in read.skills]
    items += [_match_years(ask, record, today) for ask in read.years if ask.importance is Importance.NICE]
    items.sort(key=lambda item: item.importance is not Importance.REQUIRED)
    order = {id(item): position for position, item in enumerate(items)}
    gaps = sorted(
        (item for item in items if isinstance(item.ask, SkillAsk) and item.strength is not Strength.STRONG),
        key=lambda item: (
            item.importance is not Importance.REQUIRED,
            item.strength is not Strength.MISSING,
            -(item.ask.mentions if isinstance(item.ask, SkillAsk) else 0),
            order[id(item)],
        ),
    )
    return PostingMatch(read, tuple(items), today, tuple(gaps[:PRACTISE_FIRST]))


def assess_posting(text: str, framework: Framework, record: Record, today: date) -> PostingMatch:
    """Read a posting and hold it against the record in one step."""
    return match_posting(read_posting(text, framework, record=record), record, framework, today)


def _evidence_terms(
    record: Record, framework: Framework, finder: _Finder
) -> dict[str, tuple[EvidenceFacts, ...]]:
    """Each term with the evidence that shows it: named in the entry's title, or in its kind's words."""
    found: dict[str, list[EvidenceFacts]] = {}
    for evidence in sorted(record.evidence, key=lambda e: e.occurred_on, reverse=True):
        kind = framework.evidence_kind(evidence.kind)
        words = " \n ".join(
            [evidence.title, kind.title if kind else evidence.kind, kind.hint if kind else ""]
        )
        for name in dict.fromkeys(term.name for _, term in finder.find(words)):
            found.setdefault(name, []).append(evidence)
    return {name: tuple(items) for name, items in found.items()}


def _match_either(
    ask: SkillAsk, record: Record, mentioned: dict[str, tuple[EvidenceFacts, ...]]
) -> ItemMatch:
    """An ask held against the record; "Datadog or Grafana" is as strong as the stronger of the two."""
    if not ask.either:
        return _match_skill(ask, record, mentioned.get(ask.name, ()))
    best: ItemMatch | None = None
    for name in ask.names:
        one = _match_skill(replace(ask, name=name, either=()), record, mentioned.get(name, ()))
        if best is None or one.credit > best.credit:
            best = one
    assert best is not None
    if best.facts == ("not in your record",):
        facts: tuple[str, ...] = ("none of them in your record",)
    else:
        facts = (f"{best.ask.name}: {best.facts[0]}", *best.facts[1:])
    return replace(best, ask=ask, facts=facts)


def _match_skill(ask: SkillAsk, record: Record, evidence: tuple[EvidenceFacts, ...]) -> ItemMatch:
    skill = record.find_skill(ask.name)
    level = (skill.level or 0) if skill else 0
    minutes = skill.minutes_total if skill else 0
    shipped = skill.shipped_projects if skill else ()
    # A self-rating below 3 caps the match at "some": the person says they still need help with it.
    rated_low = skill is not None and skill.level is not None and skill.level < 3
    if (
        level >= 4
        or (level >= 3 and (shipped or minutes >= HANDS_ON_MINUTES or evidence))
        or (not rated_low and ((shipped and minutes >= HANDS_ON_MINUTES) or len(evidence) >= 2))
    ):
        strength = Strength.STRONG
    elif level >= 2 or shipped or minutes >= 120 or evidence or (level >= 1 and minutes > 0):
        strength = Strength.SOME
    else:
        strength = Strength.MISSING
    facts = _skill_facts(skill)
    if evidence:
        facts.append(f"{len(evidence)} evidence entr{'y' if len(evidence) == 1 else 'ies'}")
    if not facts:
        facts = ["not in your record"]
    step = "" if strength is Strength.STRONG else _skill_step(ask, skill, evidence)
    return ItemMatch(ask, strength, tuple(facts), evidence[:3], step)


def _skill_facts(skill: SkillFacts | None) -> list[str]:
    if skill is None:
        return []
    if skill.level is None:
        facts = ["not rated"]
    elif skill.rated_on is None:
        facts = [f"level {skill.level}"]
    else:
        facts = [f"level {skill.level} (rated {skill.rated_on.isoformat()})"]
    if skill.minutes_total:
        recent = f", {format_hours(skill.minutes_recent)} in 90 days" if skill.minutes_recent else ""
        facts.append(f"{format_hours(skill.minutes_total)} logged{recent}")
    else:
        facts.append("nothing logged")
    if skill.shipped_projects:
        facts.append(f"shipped in {', '.join(skill.shipped_projects)}")
    return facts


def _skill_step(ask: SkillAsk, skill: SkillFacts | None, evidence: tuple[EvidenceFacts, ...]) -> str:
    name = ask.name
    minutes = skill.minutes_total if skill else 0
    level = (skill.level or 0) if skill else 0
    steps = []
    if ask.kind == "practice":
        if len(evidence) < 2:
            steps.append(f"add evidence of {name} when you next do it")
        if skill is not None and level < 3:
            steps.append(f"rate {name} 3 once you do it without help")
    else:
        if minutes < HANDS_ON_MINUTES:
            more = " more" if minutes else ""
            steps.append(f"log {format_hours(HANDS_ON_MINUTES - minutes)}{more} of {name}")
        if skill is None or not skill.shipped_projects:
            steps.append(f"use {name} in a project that ships")
        if level < 3:
            steps.append(f"rate {name} 3 once you work with it daily without help")
    return "; ".join(steps[:2]) if steps else f"rate {name} 4 once you design with it and teach it"


def _match_years(ask: YearsAsk, record: Record, today: date) -> ItemMatch:
    if ask.skills:
        held = [_skill_years(ask, name, record, today) for name in ask.skills]
        pick = max if ask.either else min
        return pick(held, key=lambda item: item.credit)
    started = record.career_started_on
    if started is None:
        return ItemMatch(
            ask,
            Strength.MISSING,
            ("career start not set",),
            next_step="set your career start in the profile",
        )
    years = years_between(started, today)
    if years + 1e-9 >= ask.min_years:
        strength = Strength.STRONG
    elif years >= ask.min_years * 0.75 or ask.min_years - years <= 1:
        strength = Strength.SOME
    else:
        strength = Strength.MISSING
    facts = (f"{years:.1f} years since your career start ({started.isoformat()})",)
    step = ""
    if strength is not Strength.STRONG:
        reached = started + timedelta(days=round(ask.min_years * 365.25))
        step = f"time: {ask.min_years:g} years on {reached.isoformat()}"
    return ItemMatch(ask, strength, facts, (), step)


def _skill_years(ask: YearsAsk, name: str, record: Record, today: date) -> ItemMatch:
    """Years of one named skill: from its first session or project, never the career's length; strong
    only when the years are there and the record shows real use (level 3, shipped, or ten hours)."""
    skill = record.find_skill(name)
    if skill is None:
        return ItemMatch(
            ask, Strength.MISSING, (f"{name}: not in your record",), next_step=f"start using {name}"
        )
    first = skill.first_used_on
    years = years_between(first, today) if first is not None else 0.0
    hands_on = (
        (skill.level or 0) >= 3 or bool(skill.shipped_projects) or skill.minutes_total >= HANDS_ON_MINUTES
    )
    enough = first is not None and years + 1e-9 >= ask.min_years
    near = first is not None and (years >= ask.min_years * 0.75 or ask.min_years - years <= 1)
    if enough and hands_on:
        strength = Strength.STRONG
    elif near or hands_on or enough:
        strength = Strength.SOME
    else:
        strength = Strength.MISSING
    used = (
        f"{name} first in use {first.isoformat()} ({years:.1f} years)"
        if first is not None
        else f"no session or project of {name} in your record"
    )
    facts = (used, *_skill_facts(skill))
    steps = []
    if not enough:
        if first is not None:
            reached = first + timedelta(days=round(ask.min_years * 365.25))
            steps.append(f"time: {ask.min_years:g} years of {name} on {reached.isoformat()}")
        else:
            steps.append(f"log your sessions of {name}, or add the projects that used it")
    if not hands_on:
        steps.append(f"use {name} in a project that ships")
    step = "" if strength is Strength.STRONG else "; ".join(steps)
    return ItemMatch(ask, strength, facts, (), step)


# ---------------------------------------------------------------- as text, Markdown and JSON

MATCH_FORMATS = ("text", "markdown", "json")


NOTHING_FOUND = "Nothing the ladder knows was found in this posting: no skills, tools, practices or years."


def percent_line(match: PostingMatch) -> str:
    """``Match 58% — required 59%, nice-to-have 50%`` (the parts only when the posting has both)."""
    if not match.items:
        return NOTHING_FOUND
    required = match.part_percent(Importance.REQUIRED)
    nice = match.part_percent(Importance.NICE)
    parts = (
        f" — required {required}%, nice-to-have {nice}%" if required is not None and nice is not None else ""
    )
    return f"Match {match.percent}%{parts}"


def found_line(match: PostingMatch) -> str:
    """How many asks were found: ``24 skills, tools and practices and 1 experience ask``."""
    read = match.read
    if len(read.skills) == 1:
        found = "1 skill, tool or practice"
    else:
        found = f"{len(read.skills)} skills, tools and practices"
    if read.years:
        found += f" and {len(read.years)} experience ask{'s' if len(read.years) != 1 else ''}"
    return found


UNKNOWN_HEADING = "Not in the ladder's vocabulary, not counted"


def unknown_line(match: PostingMatch) -> str:
    """``Not in the ladder's vocabulary, not counted: Docker, Kotlin (nice-to-have)``, or empty."""
    if not match.read.unknown:
        return ""
    names = [
        tool.name if tool.importance is Importance.REQUIRED else f"{tool.name} (nice-to-have)"
        for tool in match.read.unknown
    ]
    return f"{UNKNOWN_HEADING}: {', '.join(names)}"


def summary_line(match: PostingMatch) -> str:
    if not match.items:
        return NOTHING_FOUND
    return f"{percent_line(match)}  ({found_line(match)})"


def _item_line(item: ItemMatch) -> str:
    return f"{STRENGTH_MARKS[item.strength]} {item.strength.value:<7} {item.ask.label}"


def _evidence_line(evidence: EvidenceFacts) -> str:
    return f"{evidence.occurred_on.isoformat()}  {evidence.title}"


def match_text(match: PostingMatch) -> str:
    lines = [summary_line(match)]
    if unknown := unknown_line(match):
        lines.append(unknown)
    if match.items and not match.read.separated:
        lines.append("The posting does not mark anything as nice-to-have: every ask counts as required.")
    for importance, heading in ((Importance.REQUIRED, "Required"), (Importance.NICE, "Nice to have")):
        items = match.of(importance)
        if not items:
            continue
        lines += ["", heading]
        for item in items:
            lines.append(f"  {_item_line(item)}")
            lines.append(f"              {' · '.join(item.facts)}")
            lines += [f"              evidence: {_evidence_line(e)}" for e in item.evidence]
    if match.practise_first:
        lines += ["", "Practise first"]
        for number, item in enumerate(match.practise_first, start=1):
            lines.append(f"  {number}. {item.ask.name} ({item.importance.value}, {item.strength.value})")
            lines.append(f"     → {item.next_step}")
    elif match.items:
        lines += ["", "Every skill the posting asks for is strong in your record."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def match_markdown(match: PostingMatch, *, title: str = "Job posting match") -> str:
    lines = [f"# {_cell(title)}", "", f"**{summary_line(match)}**", ""]
    if unknown := unknown_line(match):
        lines += [_cell(unknown), ""]
    if match.items and not match.read.separated:
        lines += ["The posting does not mark anything as nice-to-have: every ask counts as required.", ""]
    for importance, heading in ((Importance.REQUIRED, "Required"), (Importance.NICE, "Nice to have")):
        items = match.of(importance)
        if not items:
            continue
        lines += [
            f"## {heading}",
            "",
            "| | asks for | in your record | evidence |",
            "| --- | --- | --- | --- |",
        ]
        for item in items:
            evidence = "<br>".join(_cell(_evidence_line(e)) for e in item.evidence)
            lines.append(
                f"| {STRENGTH_MARKS[item.strength]} {item.strength.value} | {_cell(item.ask.label)} "
                f"| {_cell(' · '.join(item.facts))} | {evidence} |"
            )
        lines.append("")
    if match.practise_first:
        lines += ["## Practise first", ""]
        lines += [
            f"{number}. **{_cell(item.ask.name)}** ({item.importance.value}, {item.strength.value}): "
            f"{_cell(item.next_step)}"
            for number, item in enumerate(match.practise_first, start=1)
        ]
        lines.append("")
    return "\n".join(lines)


def item_json(item: ItemMatch) -> dict[str, Any]:
    ask = item.ask
    base: dict[str, Any] = {
        "importance": item.importance.value,
        "strength": item.strength.value,
        "facts": list(item.facts),
        "evidence": [
            {
                "id": e.uuid,
                "kind": e.kind,
                "title": e.title,
                "date": e.occurred_on.isoformat(),
                "project": e.project,
            }
            for e in item.evidence
        ],
        "next_step": item.next_step or None,
    }
    if isinstance(ask, SkillAsk):
        return {
            "type": "skill",
            "name": ask.name,
            "either": list(ask.either),
            "kind": ask.kind,
            "written": list(ask.phrases),
            "mentions": ask.mentions,
            "line": ask.line,
            **base,
        }
    return {
        "type": "years",
        "name": ask.name,
        "min_years": ask.min_years,
        "max_years": ask.max_years,
        "written": [ask.phrase],
        "subject": ask.subject,
        "skills": list(ask.skills),
        "line": ask.line,
        **base,
    }


def match_json(match: PostingMatch) -> dict[str, Any]:
    return {
        "date": match.today.isoformat(),
        "percent": match.percent,
        "required_percent": match.part_percent(Importance.REQUIRED),
        "nice_to_have_percent": match.part_percent(Importance.NICE),
        "separated": match.read.separated,
        "items": [item_json(item) for item in match.items],
        "not_in_vocabulary": [
            {"name": tool.name, "importance": tool.importance.value, "line": tool.line, "counted": False}
            for tool in match.read.unknown
        ],
        "practise_first": [
            {"name": item.ask.name, "importance": item.importance.value, "next_step": item.next_step}
            for item in match.practise_first
        ],
    }
