"""Reading a posting into what it asks for: the skills, tools and practices it names (through the
ladder's vocabulary, every alias and their common inflections, as whole words and in any case) and the
years of experience it asks for, each marked required or nice-to-have from the posting's own headings
(Requirements, Must have, Nice to have, Bonus, Preferred…) and markers ("… is a plus").
"""

import re
from collections.abc import Iterator
from typing import Any

from skilltrack.domain.facts import RecordFacts
from skilltrack.domain.framework import Framework, SkillTerm
from skilltrack.domain.names import name_key
from skilltrack.domain.postings.asks import Importance, PostingRead, SkillAsk, UnknownTool, YearsAsk
from skilltrack.domain.postings.finding import Finder, Span, finder_for, term_key, vocabulary
from skilltrack.domain.postings.level import posting_level
from skilltrack.domain.postings.practices import practice_spans
from skilltrack.domain.postings.sections import Clause, Part, clauses, nice_marker

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


_EXPERIENCE_WORD = re.compile(r"\bexperi\w*", re.IGNORECASE)  # "Experince : 12 - 18 Years"


_ROLE_OPTION = re.compile(
    r"\b(?:backend|back-end|software|engineering|development)\s+(?:or|and/or)\b"
    r"|\b(?:or|and/or)\s+(?:backend|back-end|software)\b",
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
        if not _EXPERIENCE_AFTER.match(after) and not re.search(r"\bexperi\w*", line, re.IGNORECASE):
            continue
        low = _number(match["low"])
        high = _number(match["high"]) if match["high"] else None
        if high is not None and high < low:
            low, high = high, low
        if low > 40 or (high is not None and high > 40) or (high is None and low == 0):
            continue
        subject = _subject(after)
        named = tuple(dict.fromkeys(term.name for _, term in finder.find(subject)))
        if _ROLE_OPTION.search(subject):
            named = ()  # "8+ years of backend or distributed systems engineering": the career answers
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


# ---------------------------------------------------------------- what a clause asks for

# A name followed by "team" names a team, not a skill: "the Developer Productivity team", "ML engineering
# teams"; those one works "closely with" are colleagues: "work closely with product and DevOps".
_TEAM_AFTER = re.compile(r"[\s-]+(?:engineering\s+|platform\s+)?teams?\b", re.IGNORECASE)
_WITH_COLLEAGUES = re.compile(
    r"\b(?:work\w*|collaborat\w*|partner\w*|interact\w*)\s+(?:closely\s+)?with\b[^.;]*?(?=\bto\b|[.;]|$)",
    re.IGNORECASE,
)
_COLLEAGUE_NAMES = frozenset(
    {
        "DevOps",
        "Machine learning",
        "Security",
        "QA",
        "Site reliability engineering",
        "Technical leadership",
        "Third-party integrations",
    }
)
# A field of business is asked for as experience of it ("experience in fintech"), not when the posting
# only says what the company does ("our digital banking platform").
_DOMAIN_ASKED = re.compile(
    r"\b(?:experi\w*|background|knowledge|familiar\w*|understanding|domain|industry|exposure|worked\s+in)\b",
    re.IGNORECASE,
)
# Examples inside one option of an either-list are that option's, not asks: "Python (e.g. Flask) or".
_OPTION_OF_LIST = re.compile(r"\)\s*(?:or|and/or)\s*$|^\s*or\b", re.IGNORECASE)


def _asked_spans(clause: str, finder: Finder) -> list[Span]:
    """The names a clause asks for: not a team's name, not a cloud service given as an example of its
    provider ("AWS (EKS, SQS)" asks AWS)."""
    spans = list(finder.spans(clause))
    colleagues = [match.span() for match in _WITH_COLLEAGUES.finditer(clause)]
    kept: list[Span] = []
    domain_asked = bool(_DOMAIN_ASKED.search(clause))
    option = bool(_OPTION_OF_LIST.search(clause))
    for span in spans:
        start, end, _, term = span
        if _TEAM_AFTER.match(clause, end):
            continue
        if getattr(term, "group", "") == "domains" and not domain_asked:
            continue
        if option and _in_parenthesis_after_name(clause, start, spans):
            continue
        # "Redis (queues & caching)": what a named tool is used for is not an ask of its own.
        if term.kind == "practice" and _in_parenthesis_after_name(clause, start, spans, tools_only=True):
            continue
        if term.name in _COLLEAGUE_NAMES and any(low <= start < high for low, high in colleagues):
            continue
        provider = getattr(term, "provider", "")
        if provider and _example_of(clause, start, provider, spans):
            continue
        kept.append(span)
    return kept


def _in_parenthesis_after_name(
    clause: str, start: int, spans: list[Span], *, tools_only: bool = False
) -> bool:
    """Whether the name at ``start`` sits in a parenthesis right after another name: "Python (e.g.
    Flask)", or with ``tools_only`` right after a tool's name ("Redis (caching)")."""
    opening = clause.rfind("(", 0, start)
    if opening < 0 or ")" in clause[opening:start]:
        return False
    before = clause[:opening].rstrip()
    if tools_only:
        closing = clause.find(")", start)
        if len(clause[opening + 1 : closing if closing >= 0 else len(clause)].split()) > 4:
            return False  # "Node.js (deep understanding of async I/O)" asks what it says
    return any(
        end == len(before)
        and not (tools_only and (term.kind == "practice" or bool(getattr(term, "covers", ()))))
        for _, end, _, term in spans
    )


def _example_of(clause: str, start: int, provider: str, spans: list[Span]) -> bool:
    """Whether the name at ``start`` sits in a parenthesis right after its provider: "AWS (EKS, SQS)"."""
    opening = clause.rfind("(", 0, start)
    if opening < 0 or ")" in clause[opening:start]:
        return False
    before = clause[:opening].rstrip()
    return any(end == len(before) and term.name == provider for _, end, _, term in spans)


def _without_generic(spans: list[Span], nice_at: set[int], finder: Finder) -> tuple[list[Span], set[int]]:
    """A generic name beside the tools it stands for is those tools ("message queues (Kafka, RabbitMQ)"
    asks Kafka and RabbitMQ); but beside a tool that is only preferred it is asked itself ("cloud
    infrastructure (AWS preferred)": the cloud is required, AWS nice)."""
    kept: list[Span] = []
    kept_nice: set[int] = set()
    for index, span in enumerate(spans):
        if any(
            finder.covers(span[3].name, other[3].name) and (place not in nice_at or index in nice_at)
            for place, other in enumerate(spans)
            if place != index
        ):
            continue
        if index in nice_at:
            kept_nice.add(len(kept))
        kept.append(span)
    return kept, kept_nice


def _nice_positions(clause: Clause, spans: list[Span]) -> set[int]:
    """Which names a clause marks optional: all of them ("Rust is a plus"), or only those in the
    parenthesis that says so ("cloud infrastructure (AWS preferred)": AWS is nice, the cloud required)."""
    if not clause.nice:
        return set()
    marker = nice_marker(clause.text)
    if marker is None:
        return set()
    opening = clause.text.rfind("(", 0, marker.start())
    closing = clause.text.find(")", marker.end())
    if opening < 0 or ")" in clause.text[opening : marker.start()]:
        return set(range(len(spans)))
    closing = len(clause.text) if closing < 0 else closing
    inside = {index for index, span in enumerate(spans) if opening < span[0] < closing}
    if inside:
        return inside
    before = [index for index, span in enumerate(spans) if span[1] <= opening]
    return {before[-1]} if before else set()


# ---------------------------------------------------------------- the years asked of the role

_PER_AREA = re.compile(
    r"^\W*(?:in|of|with)\s+(?:each|every|all|any|at\s+least\s+(?:one|two|\d))\b|following",
    re.IGNORECASE,
)
_LEADING = re.compile(r"\blead\w*|\bmanag\w+|\bmentor\w*|\bpeople\b", re.IGNORECASE)
_ROLE_WORDS = re.compile(
    r"\b(?:backend|back-end|software|engineering|development|developer|services|programming)\b", re.IGNORECASE
)


def _headline(in_order: list[YearsAsk]) -> YearsAsk | None:
    """The years asked of the role as a whole, the first the posting gives: not years of leading, not a
    clause about each of several areas, and years of one skill only when the line speaks of the role
    ("9+ years of experience in Java backend development")."""
    candidates = [
        ask
        for ask in in_order
        if ask.importance is Importance.REQUIRED
        and not _PER_AREA.search(ask.subject or "")
        and not _PER_AREA.search(ask.line.split(ask.phrase, 1)[-1])
        and not _LEADING.search(ask.subject)
    ]
    general = next((ask for ask in candidates if not ask.skills), None)
    if general is not None:
        return general
    return next((ask for ask in candidates if _ROLE_WORDS.search(ask.line)), None)


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


def read_posting(
    text: str, framework: Framework, *, record: RecordFacts | None = None, title: str = ""
) -> PostingRead:
    """What a posting asks for. Never fails on any text: what is not understood is not an ask.

    ``title`` is the posting's title where it is kept apart from its text: it says the level best.
    """
    finder = finder_for(vocabulary(framework, record))
    found: dict[tuple[str, ...], dict[str, Any]] = {}
    years: dict[tuple[float, float | None, tuple[str, ...]], YearsAsk] = {}
    in_order: list[YearsAsk] = []
    unknown: dict[str, UnknownTool] = {}
    separated = False

    def names_skill(line: str) -> bool:
        return next(finder.find(line), None) is not None

    for clause in clauses(text, finder.known, names_skill):
        part_nice = clause.part is Part.NICE
        separated = separated or part_nice or clause.nice
        spans = _asked_spans(clause.text, finder)
        spans, nice_at = _without_generic(spans, _nice_positions(clause, spans), finder)
        grouped: dict[int, list[int]] = {}
        for alternatives in _alternatives(spans, clause.text):
            if len({spans[index][3].name for index in alternatives}) > 1:
                grouped.update(dict.fromkeys(alternatives, alternatives))
        asked: list[tuple[list[Span], bool]] = []
        for index in range(len(spans)):
            run = grouped.get(index, [index])
            if index == run[0]:
                asked.append(
                    ([spans[other] for other in run], part_nice or any(other in nice_at for other in run))
                )
        named = {span[3].name for span in spans}
        for start, end, practice in practice_spans(clause.text):
            term = finder.terms.get(term_key(practice))
            if term is not None and term.name not in named:
                named.add(term.name)
                asked.append(([(start, end, clause.text[start:end], term)], part_nice or clause.nice))
        for run_spans, nice in asked:
            importance = Importance.NICE if nice else Importance.REQUIRED
            key = tuple(dict.fromkeys(span[3].name for span in run_spans))
            entry = found.setdefault(
                key,
                {
                    "term": run_spans[0][3],
                    "required": False,
                    "phrases": [],
                    "line": _shorten(clause.text),
                    "mentions": 0,
                },
            )
            entry["mentions"] += 1
            entry["required"] = entry["required"] or importance is Importance.REQUIRED
            for _, _, item, _ in run_spans:
                if all(name_key(item) != name_key(seen) for seen in entry["phrases"]):
                    entry["phrases"].append(item)
        line_importance = Importance.NICE if part_nice or clause.nice else Importance.REQUIRED
        for ask in _years(clause.text, line_importance, finder):
            span_key = (ask.min_years, ask.max_years, ask.skills)
            in_order.append(ask)
            held = years.get(span_key)
            if held is None or (held.importance is Importance.NICE and ask.importance is Importance.REQUIRED):
                years[span_key] = ask
        # Every name the vocabulary knows is known, asked or not ("AWS (EKS)" asks AWS; EKS is no stranger).
        for name in _unknown_tools(clause.text, list(finder.spans(clause.text))):
            held_tool = unknown.get(name.casefold())
            if held_tool is None or (
                held_tool.importance is Importance.NICE and line_importance is Importance.REQUIRED
            ):
                unknown[name.casefold()] = UnknownTool(name, line_importance, _shorten(clause.text))

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
    headline = _headline(in_order)
    level = posting_level(text, framework, title=title, years=headline.min_years if headline else None)
    ordered_years = sorted(
        years.values(), key=lambda ask: (ask.importance is not Importance.REQUIRED, -ask.min_years)
    )
    tools = sorted(unknown.values(), key=lambda tool: tool.importance is not Importance.REQUIRED)
    return PostingRead(tuple(skills), tuple(ordered_years), separated, tuple(tools), headline, level)


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
