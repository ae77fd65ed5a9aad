"""A posting's text cut into clauses, each with the part of the posting it belongs to, read as a hiring
manager reads it: by what a heading means, not its exact words.

Headings and lead-in lines are classified as required, nice-to-have, responsibilities, about the company,
benefits or process; a nested list inherits its heading; "e.g." and "i.e." never end a sentence; text
pasted with its line breaks lost ("ResponsibilitiesDesign and build…", "teams.Define…") is cut where
its lines were; a posting whose one qualifications list is headed softly ("Desired Skills", "An Ideal
Candidate Has") has that list required, except the lines that say otherwise; text about the company is
never an ask.
"""

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import StrEnum


class Part(StrEnum):
    REQUIRED = "required"
    NICE = "nice"
    SOFT = "soft"
    """Headed as wished for ("Desired Skills", "An Ideal Candidate Has"): nice-to-have beside a list of
    requirements, required when it is the posting's only list of qualifications."""
    RESPONSIBILITIES = "responsibilities"
    INTRO = "intro"
    """Before any heading: read like responsibilities, but sentences about the company are skipped."""
    COMPANY = "company"
    BENEFITS = "benefits"
    PROCESS = "process"

    @property
    def asks(self) -> bool:
        return self not in (Part.COMPANY, Part.BENEFITS, Part.PROCESS)


@dataclass(frozen=True)
class Clause:
    text: str
    part: Part
    """REQUIRED, NICE, RESPONSIBILITIES or INTRO once :func:`clauses` has resolved the posting."""
    nice: bool = False
    """The clause itself says it is optional ("… is a plus", "preferred")."""


# ---------------------------------------------------------------- what a heading means

_NICE_HEADING = re.compile(
    r"nice[\s-]*to[\s-]*haves?|bonus|prefer|desirable|\bpluses\b|\bplus\b|good[\s-]*to[\s-]*have"
    r"|extra credit|even better|would be (?:great|nice)|optional|not (?:a )?(?:must|mandatory|required)"
)
_SOFT_HEADING = re.compile(r"\bideal\b|desired|we(?:'d)? (?:want|love)|would love")
_MUST_HEADING = re.compile(r"requir|\bmust\b|essential|minimum|mandatory|key requirements")
_ABOUT_ROLE = re.compile(r"about (?:the|this) (?:role|position|job|opportunity)|role overview|about you")
_PROCESS_HEADING = re.compile(
    r"process|interview|\bapply\b|equal opportunit|divers|inclusion|location|work(?:ing)? (?:arrangement"
    r"|structure)|remote work|job type|date posted|vacanc|stock options|next steps|how to|languages?$"
)
_BENEFITS_HEADING = re.compile(
    r"benefit|perk|we offer|compensation|salary|\bpay\b|what you(?:'ll| will)? get|in it for you"
    r"|why you'll love|package|rewards|what's in it"
)
_COMPANY_HEADING = re.compile(
    r"\babout\b|who we are|our (?:mission|team|story|company|culture|values|stack)|tech(?:nical)? stack"
    r"|\bstack\b|technical environment|tech environment|technologies we use|why (?:join|us|work)|life at"
    r"|culture|mission"
)
_RESPONSIBILITIES_HEADING = re.compile(
    r"responsibilit|duties|what you(?:'ll| will)? (?:do|work on|build|own|be doing|achieve)"
    r"|day[\s-]to[\s-]day"
    r"|you will\b|the role|role summary|\bdoes\b|in this role|your impact|job description|summary|overview"
    r"|briefing|your mission|the job|the work|what we need you to do|highlights"
)
_REQUIRED_HEADING = re.compile(
    r"qualification|what you(?:'ll| will)? (?:bring|need|have)|looking for|who you are|you have|you bring"
    r"|you(?:'ll| will) need|skills|experience|expect|basic|you should|confident with|comfortable with"
    r"|what we(?:'re| are) looking|requirements|profile|competenc|knowledge|background|must"
)


def classify_heading(heading: str) -> Part | None:
    """The part a heading opens ("Preferred Qualifications and Skills" → nice-to-have), or ``None``."""
    words = _plain(heading)
    if _NICE_HEADING.search(words):
        return Part.NICE
    if _MUST_HEADING.search(words):
        return Part.REQUIRED
    if _SOFT_HEADING.search(words):
        return Part.SOFT
    if _ABOUT_ROLE.search(words):
        return Part.REQUIRED if "you" in words else Part.RESPONSIBILITIES
    if _PROCESS_HEADING.search(words):
        return Part.PROCESS
    if _BENEFITS_HEADING.search(words):
        return Part.BENEFITS
    if _COMPANY_HEADING.search(words):
        return Part.COMPANY
    if _RESPONSIBILITIES_HEADING.search(words):
        return Part.RESPONSIBILITIES
    if _REQUIRED_HEADING.search(words):
        return Part.REQUIRED
    return None


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").casefold().split())


# ---------------------------------------------------------------- lines pasted without their breaks

# Where a pasted line lost its break: a lower-case letter, digit or ")" followed by a capital
# ("RustDesign"), a run of capitals followed by a word ("JWTDistributed"), a full stop with no space
# ("teams.Define"), or a word glued to a number of years ("Experience9+").
_GLUE = re.compile(
    r"(?<=[a-z)])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})|(?<=[a-z)][.!?])(?=[A-Z][a-z])|(?<=[a-z]{3})(?=\d+\+)"
)
_TOKEN = re.compile(r"[^\s/,;()]+")


def unglue(line: str, known: Collection[str]) -> list[str]:
    """A line cut where its pasted text lost line breaks, never inside a known name (``JavaScript``,
    ``MySQL``, ``OAuth2``, ``Node.js``): ``known`` holds the lower-cased forms of every name."""
    cuts: list[int] = []
    for token in _TOKEN.finditer(line):
        word = token.group(0)
        inner = [match.start() for match in _GLUE.finditer(word) if 0 < match.start() < len(word)]
        if not inner:
            continue
        bounds = [0, *inner, len(word)]
        protected: set[int] = set()
        for first in range(len(bounds) - 1):
            for last in range(first + 2, min(first + 5, len(bounds))):
                piece = word[bounds[first] : bounds[last]].strip(".:!?").casefold()
                if piece in known or _is_word(piece):
                    protected |= set(bounds[first + 1 : last])
        cuts += [token.start() + cut for cut in inner if cut not in protected]
    if not cuts:
        return [line]
    pieces = []
    start = 0
    for cut in cuts:
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


_CAMEL_WORDS = frozenset(
    {"linkedin", "github", "gitlab", "iphone", "youtube", "paypal", "devops", "macos", "ios"}
)


def _is_word(piece: str) -> bool:
    return piece in _CAMEL_WORDS


# ---------------------------------------------------------------- clauses

_BULLET = re.compile(r"^\s*(?:[-*•·–—+>]|\\-|\d{1,2}[.)]|[a-z][.)])\s+")
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][\w '’/&()-]{1,40}?)\s*:\s*(?P<rest>\S.*)$")
_INLINE_HEADING = re.compile(r"\s*\*\*([^*\n]{2,60}?)\*\*\s*")
_INLINE_BULLET = re.compile(r"\s+\*\s+(?=\S)|\s+(?=\d{1,2}\.\s+[A-Z])")
# Items run together in prose with no break at all: "4+ years of backend experience Strong experience
# with Node.js": a new item starts with a capitalised word that begins asks or duties.
_RUN_ON = re.compile(
    r"\s+(?=(?:Strong|Solid|Deep|Proven|Experience|Experienced|Proficiency|Proficient|Hands-on"
    r"|Familiarity|Familiar|Knowledge|Ability|Understanding|Excellent|Expertise|Design|Build|Develop"
    r"|Own|Lead|Mentor|Collaborate|Implement|Maintain|Ensure|Write|Participate|Drive|Define|Bachelor's"
    r"|Fluent|Comfort|Comfortable|Bonus|Nice)\b)"
)
_ABBREVIATIONS = re.compile(
    r"(?:\be\.g|\bi\.e|\betc|\bvs|\bincl|\bapprox|\bSr|\bJr|\bDr|\bno|\byrs|\byr)\.$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")
_CLAUSE_BREAK = re.compile(r"\s*;\s*|,?\s+but\s+|\s+[—–]\s+|\s+\|\s+")
_NICE_MARKER = re.compile(
    r"\b(?:(?:is|are|would\s+be|be)\s+(?:a\s+)?(?:big\s+|strong\s+|huge\s+|definite\s+|real\s+)?(?:plus|bonus)"
    r"|a\s+(?:big\s+|strong\s+)?plus|nice[\s-]*to[\s-]*have|bonus(?:\s+points)?|(?:strongly\s+)?preferred"
    r"|preferably|ideally|highly\s+desirable|desirable|not\s+required|not\s+a\s+must|optional|advantageous"
    r"|an\s+advantage)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\bnot\s+(?:needed|necessary|expected)\b|\bno\s+need\b|\b(?:don't|do\s+not|doesn't|does\s+not"
    r"|won't|will\s+not)\s+need\b|\b(?:isn't|aren't)\s+(?:needed|necessary)\b",
    re.IGNORECASE,
)
# A sentence about the company, not the person: "We build…", "Our platform…", "Acme is a…".
_COMPANY_SENTENCE = re.compile(
    r"^(?i:at\s+[\w&.-]+,\s*)?(?i:we|our|us)\b(?!(?:\s+(?i:are)|'re)\s+(?i:looking|seeking|searching)"
    r"|\s+(?i:need|want|expect|require|seek|look)\b)"
    r"|^(?!(?i:we|our|us|you|they|it|this|these|those|he|she|must|nice|good)\b)(?:(?i:the)\s+(?i:company|team|platform|product|business|group)"
    r"|[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+)?)\s+"
    r"(?i:is|are|was|has|have|builds|develops|provides|offers|powers|operates|serves|helps|makes)\b"
)
_NOT_COMPANY = re.compile(
    r"^(?:you|this\s+role|the\s+role|the\s+ideal|ideal|candidates?|the\s+candidate|experience|knowledge"
    r"|familiarity|proficiency|the\s+position|this\s+position|[\w.+#-]+\s+(?:is|are)\s+(?:a\s+)?(?:plus"
    r"|bonus|required|preferred|essential|mandatory|must))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Line:
    text: str
    indent: int
    bullet: bool


def _run_on(text: str) -> list[str]:
    """A run-on line cut where a new item starts after a lower-case word ("… experience Strong
    experience with Node.js"), never inside a name ("Team Lead")."""
    pieces: list[str] = []
    start = 0
    for match in _RUN_ON.finditer(text):
        previous = text[start : match.start()].rsplit(None, 1)[-1:] or [""]
        if not re.fullmatch(r"[a-z][\w'-]*[a-z0-9]|[\w.+#-]*\)", previous[0]):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


def _physical_lines(text: str, known: Collection[str]) -> list[_Line]:
    text = text.replace("’", "'").replace("‘", "'").replace("\\-", "-").replace("\\*", "*")
    lines: list[_Line] = []
    for raw in text.splitlines():
        if not raw.strip() or raw.strip() in {"#", "# ;", ";"}:
            continue
        raw = raw.rstrip().removesuffix("#").rstrip()
        indent = len(raw) - len(raw.lstrip())
        # Headings in bold and "*" bullets inside one paragraph are lines of their own.
        expanded = _INLINE_HEADING.sub(lambda match: f"\n## {match.group(1)}\n", raw.strip())
        expanded = _INLINE_BULLET.sub("\n- ", expanded)
        for piece in expanded.split("\n"):
            piece = piece.strip()
            if not piece:
                continue
            bullet = bool(_BULLET.match(piece))
            content = _BULLET.sub("", piece, count=1).strip() if bullet else piece
            if content.startswith("#"):
                lines.append(_Line(content, indent, False))
                continue
            # Only a long line can be lines pasted together; a short one keeps its CamelCase names.
            pieces = unglue(content, known) if len(content) > 120 else [content]
            for index, part in enumerate(pieces):
                for item in _run_on(part) if len(part) > 120 else [part]:
                    lines.append(_Line(item, indent + (2 if index and bullet else 0), bullet and index == 0))
    return lines


def _heading(line: _Line, names_skill: bool) -> tuple[Part | None, bool]:
    """The part a line opens when it is a heading, and whether it is one."""
    text = line.text
    marked = text.startswith("#") or text.endswith(":") or bool(re.fullmatch(r"(\*\*|__).+(\*\*|__):?", text))
    core = text.strip("#*_: \t").strip()
    core = re.sub(r"\s*\(\d+\)$", "", core)  # "Required (3)"
    if not core or len(core) > 70 or len(core.split()) > 9:
        return None, False
    if core[-1] in ".,;!?" and not marked:
        return None, False
    part = classify_heading(core)
    if line.bullet and not (marked and part is not None):
        return None, False
    if not marked:
        if len(core.split()) > 6 or part is None:
            return None, False
        short = len(core.split()) <= 3
        if not (short or _title_case(core) or _is_heading_words(core) or _QUESTION.match(core)):
            return None, False
        # "Kafka experience" is an ask; "Preferred Qualifications and Skills" a heading.
        if names_skill and part in (Part.REQUIRED, Part.RESPONSIBILITIES) and not _is_heading_words(core):
            return None, False
    return part, True


_HEADING_NOUN = (
    r"(?:(?:key|core|minimum|preferred|required|technical|job|basic|additional|professional|education)\s+)*"
    r"(?:requirements|qualifications|responsibilities|skills|experience|duties|must[\s-]haves?)"
)
_HEADING_WORDS = re.compile(rf"{_HEADING_NOUN}(?:\s*(?:and|&|/)\s*{_HEADING_NOUN})*", re.IGNORECASE)


_SMALL_WORDS = frozenset({"and", "with", "for", "the", "of", "to", "in", "a", "an", "on", "or", "you", "we"})
_QUESTION = re.compile(r"(?:what|who|why|how|about|your|our|where|when)\b", re.IGNORECASE)


def _title_case(core: str) -> bool:
    """ "Preferred Qualifications and Skills", "NICE TO HAVE": a heading's casing, not a sentence's."""
    words = [word for word in re.findall(r"[A-Za-z][\w'-]*", core) if word.lower() not in _SMALL_WORDS]
    return bool(words) and all(word[0].isupper() for word in words)


def _is_heading_words(core: str) -> bool:
    """Whether a line is only heading words ("Skills & Experience"), naming no skill of its own."""
    return bool(_HEADING_WORDS.fullmatch(core))


def _sentences(text: str) -> list[str]:
    """Sentences and clauses of a line; "e.g. Kafka" and "i.e. Go" never end one."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATIONS.search(text[start : match.start()]):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    clauses = []
    for piece in pieces:
        clauses += [clause.strip() for clause in _CLAUSE_BREAK.split(piece) if clause.strip()]
    return clauses


def about_company(sentence: str) -> bool:
    """Whether a sentence speaks of the company rather than asking something of the person."""
    stripped = sentence.strip(" -*•")
    return bool(_COMPANY_SENTENCE.match(stripped)) and not _NOT_COMPANY.match(stripped)


def clauses(text: str, known: Collection[str], names_skill: Callable[[str], bool]) -> list[Clause]:
    """The posting's clauses with the part each belongs to; headings are not content unless they name
    a skill themselves ("## Kubernetes"). Only clauses that can hold an ask are returned."""
    found: list[Clause] = []
    part = Part.INTRO
    nested: tuple[int, Part, Part] | None = None
    """A heading inside a list ("- Nice to have:"): its indent, its part and the part it interrupts."""
    for line in _physical_lines(text, known):
        if nested is not None and line.indent <= nested[0] and (line.bullet or line.indent < nested[0]):
            part, nested = nested[2], None
        opened, is_heading = _heading(line, names_skill(line.text))
        if is_heading:
            if opened is None:
                opened = part  # a sub-heading the reader does not know ("Leadership mindset") inherits
            if line.bullet and line.indent >= 0 and part.asks:
                nested = (line.indent, opened, part)
            part = opened
            heading_text = line.text.strip("#*_: \t").strip()
            if part.asks and names_skill(heading_text):
                found.append(Clause(heading_text, part))
            continue
        content = line.text.strip("*_ ").strip()
        here = part
        labelled = _LABELLED.match(content)
        labelled_part = classify_heading(labelled["label"]) if labelled is not None else None
        if labelled is not None and labelled_part in (
            Part.NICE,
            Part.COMPANY,
            Part.BENEFITS,
            Part.PROCESS,
            Part.SOFT,
        ):
            here, content = labelled_part, labelled["rest"]
        if not here.asks:
            continue
        for clause in _sentences(content):
            if _NEGATED.search(clause):
                continue
            if here in (Part.INTRO, Part.RESPONSIBILITIES) and about_company(clause):
                continue
            found.append(Clause(clause, here, bool(_NICE_MARKER.search(clause))))
    return _resolve(found)


def _resolve(found: list[Clause]) -> list[Clause]:
    """Soft lists are nice-to-have beside required ones, required when they are the only list."""
    has_required = any(clause.part is Part.REQUIRED for clause in found)
    soft_as = Part.NICE if has_required else Part.REQUIRED
    return [
        Clause(clause.text, soft_as, clause.nice) if clause.part is Part.SOFT else clause for clause in found
    ]


def nice_marker(text: str) -> re.Match[str] | None:
    return _NICE_MARKER.search(text)
