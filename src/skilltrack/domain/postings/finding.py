"""Finding the field's vocabulary in a posting's text: the ladder's skills, the field's vocabulary beside
it and the person's own skills, under every name and their common inflections, as whole words and in
any case (except names that are also English words, which count only as written).
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from skilltrack.domain.facts import RecordFacts
from skilltrack.domain.framework import Framework, SkillTerm, VocabularyTerm

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

Span = tuple[int, int, str, SkillTerm]
"""Where a name starts and ends in a text, as written, and the term it stands for."""


def term_key(text: str) -> str:
    """Spelling-blind key of a phrase: case, spaces and hyphens do not matter (``On-call`` = ``oncall``)."""
    return _SEPARATOR.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _inflections(form: str, *, verbs: bool) -> set[str]:
    """A name with its last word inflected as postings write it: plurals, the singular of a phrase
    ("message queues" → "message queue"), and for practices the verb forms of an -ing name
    (``mentoring`` → ``mentor``, ``mentored``, ``mentors``).

    A single plural word keeps its number: "integrations" and "databases" ask for something,
    "integration" and "database" are too often other words ("seamless integration").
    """
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
    if multi_word and len(last) > 4 and last.endswith("s") and not last.endswith("ss"):
        found.add(form[:-1])
    if verbs and len(last) > 5 and last.endswith("ing"):
        stems = [form[:-3]]
        if last[-4] == last[-5]:  # logging → log, debugging → debug
            stems.append(form[:-4])
        for stem in stems:
            stem_word = stem[len(form) - len(last) :]
            found |= {stem + "ed", stem + "es", stem + "s"}
            if multi_word or len(stem_word) >= 5:
                found.add(stem)
    return found


_GAP = "\x00"
"""Stands for the spaces or hyphens between a name's words in :func:`_trie_pattern`."""


def _trie_pattern(forms: set[str], *, fold: bool) -> str:
    """One regular expression for all ``forms``, their shared beginnings written once; at each step a
    longer name is tried before a shorter one, so the longest name at a place is the one found."""
    trie: dict[str, Any] = {}
    for form in forms:
        parts = [part.casefold() if fold else part for part in _SEPARATOR.split(form.strip()) if part]
        node = trie
        for char in _GAP.join(parts):
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [
        (r"[\s\-]*" if char == _GAP else re.escape(char)) + _node_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


@dataclass(frozen=True)
class Finder:
    patterns: tuple[re.Pattern[str], ...]
    terms: dict[str, SkillTerm]
    """Spelling-blind key of every form → the term it stands for."""
    members: dict[str, frozenset[str]]
    """A generic name ("Message queues") → the names it covers (Kafka, RabbitMQ…)."""
    known: frozenset[str]
    """Every form of every name, lower-cased, for cutting text pasted without its line breaks."""

    def find(self, text: str) -> Iterator[tuple[str, SkillTerm]]:
        """Each vocabulary phrase in ``text`` as written, with its term, in order of appearance.

        Phrases may overlap ("gRPC API design" is gRPC and API design); one that lies inside a longer
        one ("tracing" in "distributed tracing") is that longer one.
        """
        for _, _, written, term in self.spans(text):
            yield written, term

    def spans(self, text: str) -> Iterator[Span]:
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
            english = _ENGLISH_AFTER.get(term_key(written))
            if english is not None and english.match(text, end):
                continue
            widest_end = end
            term = self.terms.get(term_key(written))
            if term is not None:
                yield start, end, written, term

    def covers(self, generic: str, name: str) -> bool:
        """Whether a generic name ("Message queues") stands for this named one (Kafka)."""
        return name in self.members.get(generic, frozenset())


def _cased_forms(written: str) -> set[str]:
    """A name that is also an English word, as it is written and in capitals (with a plural)."""
    shown = [written] if written != written.lower() else [written.upper(), written.title()]
    return {variant for item in (*shown, written.upper()) for variant in (item, item + "s")}


@lru_cache(maxsize=32)
def finder_for(terms: tuple[SkillTerm, ...]) -> Finder:
    by_key: dict[str, SkillTerm] = {}
    loose: set[str] = set()
    cased: set[str] = set()
    for term in terms:
        exact: dict[str, set[str]] = {}
        for name in getattr(term, "written", ()):
            exact.setdefault(term_key(name), set()).update(_cased_forms(name))
        for written in (term.name, *term.aliases):
            if not written.strip():
                continue
            if term_key(written) in exact:
                forms = exact[term_key(written)]
                cased |= forms
            elif term_key(written) in _CASED_KEYS:
                forms = _cased_forms(written)
                cased |= forms
            else:
                forms = _inflections(written, verbs=term.kind == "practice")
                loose |= forms
            for form in forms:
                by_key.setdefault(term_key(form), term)
    patterns = []
    for forms, flags, fold in ((loose, re.IGNORECASE, True), (cased, 0, False)):
        if forms:
            # One alternation per first letter, nested by shared prefixes: a few hundred names tried
            # at every word's start cost a few milliseconds, not one try per name per position.
            body = _trie_pattern(forms, fold=fold)
            # A lookahead, so that every start is tried and overlapping phrases are all found.
            # "&" joins words too: "PG&E" is a company, not PostgreSQL.
            patterns.append(re.compile(rf"(?<![\w&])(?=({body})(?![\w&]))", flags))
    known = frozenset(form.casefold() for form in loose | cased)
    return Finder(tuple(patterns), by_key, _members(terms), known)


def _members(terms: tuple[SkillTerm, ...]) -> dict[str, frozenset[str]]:
    by_kind: dict[str, set[str]] = {}
    by_provider: set[str] = set()
    for term in terms:
        by_kind.setdefault(term.kind, set()).add(term.name)
        if isinstance(term, VocabularyTerm) and term.provider:
            by_provider.add(term.name)
    members: dict[str, frozenset[str]] = {}
    for term in terms:
        covers = getattr(term, "covers", ())
        if not covers:
            continue
        names: set[str] = set()
        for item in covers:
            if item.startswith("kind:"):
                names |= by_kind.get(item[5:], set())
            elif item.startswith("provider:"):
                names |= by_provider
            else:
                names.add(item)
        names.discard(term.name)
        members[term.name] = frozenset(names)
    return members


def vocabulary(framework: Framework, record: RecordFacts | None = None) -> tuple[SkillTerm, ...]:
    """The terms a posting is read with: the ladder's first (with the field's other names for them),
    then the field's vocabulary, then the record's own skills and aliases (``Elixir``, a private alias).

    A name is claimed by the first term that has it, so the ladder's names always mean the ladder's skill.
    """
    return _merged(framework.skills, framework.vocabulary.terms, _record_terms(record))


def _record_terms(record: RecordFacts | None) -> tuple[SkillTerm, ...]:
    if record is None:
        return ()
    return tuple(SkillTerm(skill.name, skill.kind, skill.aliases) for skill in record.skills)


@lru_cache(maxsize=32)
def _merged(
    ladder: tuple[SkillTerm, ...], field: tuple[VocabularyTerm, ...], own: tuple[SkillTerm, ...]
) -> tuple[SkillTerm, ...]:
    claimed: dict[str, int] = {}
    merged: list[SkillTerm] = []

    def add(term: SkillTerm) -> None:
        names = [name for name in (term.name, *term.aliases) if name.strip()]
        owner = next((claimed[term_key(name)] for name in names if term_key(name) in claimed), None)
        fresh = tuple(name for name in names if term_key(name) not in claimed)
        if owner is None:
            if not fresh:
                return
            index = len(merged)
            merged.append(term)
        else:
            index = owner
            held = merged[index]
            if not fresh and not getattr(term, "written", ()):
                return
            # The field's entry for a ladder skill adds the names people write for it, and which of
            # them count only as written ("Go"); the ladder's name and kind stay.
            merged[index] = VocabularyTerm(
                held.name,
                held.kind,
                (*held.aliases, *fresh),
                held.section,
                group=getattr(held, "group", "") or getattr(term, "group", ""),
                provider=getattr(held, "provider", "") or getattr(term, "provider", ""),
                written=(*getattr(held, "written", ()), *getattr(term, "written", ())),
                covers=(*getattr(held, "covers", ()), *getattr(term, "covers", ())),
            )
        for name in fresh:
            claimed[term_key(name)] = index

    for term in (*ladder, *field, *own):
        add(term)
    return tuple(merged)


def lookup(terms: tuple[SkillTerm, ...]) -> dict[str, SkillTerm]:
    """Each name and alias's key → its term, in the merged vocabulary."""
    found: dict[str, SkillTerm] = {}
    for term in terms:
        for name in (term.name, *term.aliases):
            found.setdefault(term_key(name), term)
    return found
