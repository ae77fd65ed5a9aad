"""Reading a posting into what it asks for: the skills, tools and practices it names (through the
ladder's vocabulary, every alias and their common inflections, as whole words and in any case) and the
years of experience it asks for, each marked required or nice-to-have from the posting's own headings
(Requirements, Must have, Nice to have, Bonus, Preferred…) and markers ("… is a plus").
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from skilltrack.domain.facts import RecordFacts
from skilltrack.domain.framework import Framework, SkillTerm
from skilltrack.domain.names import name_key
from skilltrack.domain.postings.asks import Importance, PostingRead, SkillAsk, UnknownTool, YearsAsk

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
class Finder:
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
def finder_for(terms: tuple[SkillTerm, ...]) -> Finder:
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
    return Finder(tuple(patterns), by_key)


def vocabulary(framework: Framework, record: RecordFacts | None = None) -> tuple[SkillTerm, ...]:
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


def _heading(line: str, finder: "Finder") -> _Part | None:
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


def _lines(text: str, finder: "Finder") -> list[_Line]:
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


def _years(line: str, importance: Importance, finder: "Finder") -> Iterator[YearsAsk]:
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


def read_posting(text: str, framework: Framework, *, record: RecordFacts | None = None) -> PostingRead:
    """What a posting asks for. Never fails on any text: what is not understood is not an ask."""
    finder = finder_for(vocabulary(framework, record))
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
