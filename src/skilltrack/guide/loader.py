"""Read a ladder file (TOML) and validate it strictly into :class:`~skilltrack.domain.framework.Framework`.

Errors name the file, the entry and the field, so a person editing their own ladder can fix it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from skilltrack.domain.errors import FrameworkError as FrameworkError
from skilltrack.domain.framework import (
    SESSION_KINDS,
    SKILL_KINDS,
    Area,
    EvidenceKind,
    EvidenceRule,
    Expectation,
    ExperienceRule,
    Framework,
    HandsOnRule,
    Level,
    PracticeRule,
    Rule,
    SkillLevelRule,
    SkillTerm,
    Vocabulary,
    VocabularyTerm,
)
from skilltrack.domain.names import name_key

FORMAT = "skilltrack-ladder"
FORMAT_VERSION = 1
BUILTIN_LADDER = "ladder.toml"

TYPE_CHECKING = False  # not typing's: importing typing took a few milliseconds of every command
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")
    Table = Mapping[str, Any]


@cache
def load_builtin_framework() -> Framework:
    """The ladder shipped with skilltrack, derived from the remote senior backend engineer guide."""
    # Beside this module in the installed package: importlib.resources would cost more than reading it.
    text = Path(__file__).with_name(BUILTIN_LADDER).read_text(encoding="utf-8")
    return parse_framework(text, source="built-in ladder")


def load_framework(path: Path) -> Framework:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FrameworkError(str(path), "", "no such file; check the path given to --framework") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkError(str(path), "", f"cannot be read ({error})") from None
    return parse_framework(text, source=str(path))


def parse_framework(text: str, *, source: str) -> Framework:
    import tomllib  # only here: a command that needs no ladder does not pay for the TOML parser

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError(source, "", f"is not valid TOML ({error})") from None
    return _Reader(source).framework(document)


def _builtin_vocabulary() -> tuple[VocabularyTerm, ...]:
    from skilltrack.guide.vocabulary import load_builtin_vocabulary

    return load_builtin_vocabulary()


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> FrameworkError:
        return FrameworkError(self.source, where, problem)

    def field(self, table: Table, key: str, kind: type[T], where: str, default: Any = ...) -> T:
        if key not in table:
            if default is ...:
                raise self.fail(where, f"'{key}' is missing")
            return default  # type: ignore[no-any-return]
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(where, f"'{key}' must be {kind.__name__}, not {value!r}")
        return value

    def text(self, table: Table, key: str, where: str, default: Any = ...) -> str:
        value = self.field(table, key, str, where, default)
        if default is ... and not value.strip():
            raise self.fail(where, f"'{key}' is empty")
        return value

    def strings(self, table: Table, key: str, where: str, default: Any = ...) -> tuple[str, ...]:
        value = self.field(table, key, list, where, default)
        if not all(isinstance(item, str) and item.strip() for item in value):
            raise self.fail(where, f"'{key}' must be a list of non-empty strings")
        return tuple(value)

    def only(self, table: Table, allowed: set[str], where: str) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(where, f"unknown key {unknown[0]!r}; accepted: {', '.join(sorted(allowed))}")

    def entries(self, document: Table, key: str, build: Callable[[Table, str], T]) -> tuple[T, ...]:
        raw = document.get(key)
        if not isinstance(raw, list) or not raw:
            raise self.fail(key, f"needs at least one [[{key}]] entry")
        built = []
        for index, table in enumerate(raw, start=1):
            if not isinstance(table, dict):
                raise self.fail(f"{key} #{index}", "must be a table")
            label = table.get("id") or table.get("name") or f"#{index}"
            built.append(build(table, f"{key} {label}"))
        return tuple(built)

    def framework(self, document: Table) -> Framework:
        self.only(
            document,
            {
                "format",
                "version",
                "name",
                "guide",
                "about",
                "levels",
                "areas",
                "skills",
                "evidence_kinds",
                "expectations",
            },
            "top level",
        )
        if document.get("format") != FORMAT:
            raise self.fail("format", f"must be {FORMAT!r}; is this a skilltrack ladder?")
        version = document.get("version")
        if version != FORMAT_VERSION:
            raise self.fail(
                "version", f"{version!r} is not supported; this skilltrack reads {FORMAT_VERSION}"
            )
        levels = self.entries(document, "levels", self.level)
        levels = tuple(
            Level(level.id, level.title, level.summary, level.why, rank) for rank, level in enumerate(levels)
        )
        areas = self.entries(document, "areas", self.area)
        skills = self.entries(document, "skills", self.skill)
        evidence_kinds = self.entries(document, "evidence_kinds", self.evidence_kind)
        expectations = self.entries(document, "expectations", self.expectation)
        framework = Framework(
            name=self.text(document, "name", "top level"),
            guide=self.text(document, "guide", "top level", ""),
            about=self.text(document, "about", "top level", ""),
            levels=levels,
            areas=areas,
            skills=skills,
            evidence_kinds=evidence_kinds,
            expectations=expectations,
            source=self.source,
            # The field's vocabulary is the same whichever ladder is used, and read only with a posting.
            vocabulary=Vocabulary(load=_builtin_vocabulary),
        )
        self.check_references(framework)
        return framework

    def level(self, table: Table, where: str) -> Level:
        self.only(table, {"id", "title", "summary", "why"}, where)
        return Level(
            id=self.text(table, "id", where),
            title=self.text(table, "title", where),
            summary=self.text(table, "summary", where, ""),
            why=self.text(table, "why", where, ""),
            rank=0,
        )

    def area(self, table: Table, where: str) -> Area:
        self.only(table, {"id", "title"}, where)
        return Area(self.text(table, "id", where), self.text(table, "title", where))

    def skill(self, table: Table, where: str) -> SkillTerm:
        self.only(table, {"name", "kind", "aliases", "section"}, where)
        kind = self.text(table, "kind", where)
        if kind not in SKILL_KINDS:
            raise self.fail(where, f"kind {kind!r} is not one of {', '.join(SKILL_KINDS)}")
        return SkillTerm(
            name=self.text(table, "name", where),
            kind=kind,
            aliases=self.strings(table, "aliases", where, []),
            section=self.text(table, "section", where, ""),
        )

    def evidence_kind(self, table: Table, where: str) -> EvidenceKind:
        self.only(table, {"id", "title", "hint", "schedulable"}, where)
        return EvidenceKind(
            self.text(table, "id", where),
            self.text(table, "title", where),
            self.text(table, "hint", where, ""),
            self.field(table, "schedulable", bool, where, True),
        )

    def expectation(self, table: Table, where: str) -> Expectation:
        self.only(table, {"id", "level", "area", "title", "section", "why", "weight", "rule"}, where)
        weight = self.field(table, "weight", int, where, 1)
        if weight < 1:
            raise self.fail(where, "'weight' must be a positive whole number")
        rule_table = self.field(table, "rule", dict, where)
        return Expectation(
            id=self.text(table, "id", where),
            level=self.text(table, "level", where),
            area=self.text(table, "area", where),
            title=self.text(table, "title", where),
            section=self.text(table, "section", where),
            why=self.text(table, "why", where, ""),
            weight=weight,
            rule=self.rule(rule_table, f"{where} rule"),
        )

    def count(self, table: Table, key: str, where: str, default: Any = ..., low: int = 1) -> int:
        value = self.field(table, key, int, where, default)
        if value < low:
            raise self.fail(where, f"'{key}' must be at least {low}")
        return value

    def rule(self, table: Table, where: str) -> Rule:
        kind = self.text(table, "kind", where)
        if kind == "skill_level":
            self.only(table, {"kind", "skills", "min_level", "count"}, where)
            level = self.count(table, "min_level", where, low=0)
            if level > 5:
                raise self.fail(where, "'min_level' must be between 0 and 5")
            return SkillLevelRule(
                skills=self.strings(table, "skills", where),
                min_level=level,
                count=self.count(table, "count", where, 1),
            )
        if kind == "hands_on":
            self.only(
                table,
                {"kind", "skills", "count", "min_level", "min_hours", "shipped_project"},
                where,
            )
            level = self.count(table, "min_level", where, 3, low=0)
            if level > 5:
                raise self.fail(where, "'min_level' must be between 0 and 5")
            hours = self.field(table, "min_hours", float, where, 10.0)
            if not math.isfinite(hours) or hours < 0:
                raise self.fail(where, "'min_hours' must be a number of hours, 0 or more")
            return HandsOnRule(
                skills=self.strings(table, "skills", where),
                count=self.count(table, "count", where, 1),
                min_level=level,
                min_hours=hours,
                shipped_project=self.field(table, "shipped_project", bool, where, True),
            )
        if kind == "experience":
            self.only(table, {"kind", "min_years", "min_shipped_projects"}, where)
            years = self.field(table, "min_years", float, where)
            if not math.isfinite(years) or years < 0 or years > 60:
                raise self.fail(where, "'min_years' must be a number of years from 0 to 60")
            return ExperienceRule(
                min_years=years,
                min_shipped_projects=self.count(table, "min_shipped_projects", where, 1, low=0),
            )
        if kind == "evidence":
            self.only(table, {"kind", "kinds", "min_count", "within_days"}, where)
            within = table.get("within_days")
            return EvidenceRule(
                kinds=self.strings(table, "kinds", where),
                min_count=self.count(table, "min_count", where),
                within_days=None if within is None else self.count(table, "within_days", where),
            )
        if kind == "practice":
            self.only(table, {"kind", "session_kinds", "skills", "min_sessions", "within_days"}, where)
            session_kinds = self.strings(table, "session_kinds", where)
            for session_kind in session_kinds:
                if session_kind not in SESSION_KINDS:
                    raise self.fail(
                        where,
                        f"session kind {session_kind!r} is not one of {', '.join(SESSION_KINDS)}",
                    )
            return PracticeRule(
                session_kinds=session_kinds,
                skills=self.strings(table, "skills", where, []),
                min_sessions=self.count(table, "min_sessions", where, 1),
                within_days=self.count(table, "within_days", where),
            )
        raise self.fail(
            where,
            f"rule kind {kind!r} is not one of skill_level, hands_on, experience, evidence, practice",
        )

    def check_references(self, framework: Framework) -> None:
        self.unique([level.id for level in framework.levels], "levels", "level id")
        self.unique([area.id for area in framework.areas], "areas", "area id")
        self.unique([kind.id for kind in framework.evidence_kinds], "evidence_kinds", "evidence kind id")
        self.unique([e.id for e in framework.expectations], "expectations", "expectation id")
        self.unique([key for term in framework.skills for key in term.keys], "skills", "skill name or alias")
        level_ids = {level.id for level in framework.levels}
        area_ids = {area.id for area in framework.areas}
        kind_ids = {kind.id for kind in framework.evidence_kinds}
        for expectation in framework.expectations:
            where = f"expectations {expectation.id}"
            if expectation.level not in level_ids:
                raise self.fail(where, f"level {expectation.level!r} is not one of {', '.join(level_ids)}")
            if expectation.area not in area_ids:
                raise self.fail(where, f"area {expectation.area!r} is not a listed area")
            rule = expectation.rule
            skills = getattr(rule, "skills", ())
            for skill in skills:
                if framework.term(skill) is None:
                    raise self.fail(where, f"skill {skill!r} is not in [[skills]]")
            if isinstance(rule, SkillLevelRule | HandsOnRule) and rule.count > len(skills):
                raise self.fail(where, f"'count' {rule.count} is more than the {len(skills)} skills listed")
            if isinstance(rule, EvidenceRule):
                for kind in rule.kinds:
                    if kind not in kind_ids:
                        raise self.fail(where, f"evidence kind {kind!r} is not in [[evidence_kinds]]")

    def unique(self, values: list[str], where: str, what: str) -> None:
        seen: set[str] = set()
        for value in values:
            key = name_key(value)
            if key in seen:
                raise self.fail(where, f"{what} {value!r} appears twice")
            seen.add(key)
