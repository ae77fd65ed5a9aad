"""How well postings are read, scored against the hand-labelled fixtures in ``tests/fixtures/postings``.

An ask found is right when it names a labelled ask (any of an either-list's names, under the
vocabulary's name for each); the section is right when its importance is the label's; the years are
right when the headline years equal the label's (both absent counts as right).
Run as a module to print the figures.
"""

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from skilltrack.domain.framework import Framework
from skilltrack.domain.postings.asks import Importance, PostingRead, YearsAsk
from skilltrack.domain.postings.reading import read_posting

FIXTURES = Path(__file__).parent.parent / "fixtures" / "postings"


@dataclass
class Scores:
    found: int = 0
    found_right: int = 0
    labelled: int = 0
    labelled_found: int = 0
    sections: int = 0
    sections_right: int = 0
    postings: int = 0
    years_right: int = 0
    misses: list[str] = field(default_factory=list)
    """Each wrong reading, in words, for a failing test's message."""

    @property
    def precision(self) -> float:
        return self.found_right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.labelled_found / self.labelled if self.labelled else 1.0

    @property
    def section_accuracy(self) -> float:
        return self.sections_right / self.sections if self.sections else 1.0

    @property
    def years_accuracy(self) -> float:
        return self.years_right / self.postings if self.postings else 1.0

    def summary(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.found_right}/{self.found}), "
            f"recall {self.recall:.3f} ({self.labelled_found}/{self.labelled}), "
            f"sections {self.section_accuracy:.3f} ({self.sections_right}/{self.sections}), "
            f"years {self.years_accuracy:.3f} ({self.years_right}/{self.postings})"
        )


FINER = {"Observability": {"Logging", "Metrics", "Tracing"}, "Technical writing": {"Architecture documents"}}
"""Labels the ladder splits more finely: an "Observability" ask (monitoring, logging, metrics, tracing
with no tool named) is found when the reader finds any of the ladder's three, a "Technical writing" ask
(documentation, design docs, specs, ADRs, runbooks) when it finds the ladder's Architecture documents."""


def _met_by(names: set[str]) -> set[str]:
    return names.union(*(FINER.get(name, set()) for name in names))


def fixture_names() -> list[str]:
    return sorted(path.stem for path in FIXTURES.glob("*.toml"))


def headline_years(read: PostingRead) -> float | None:
    """The years asked of the role: the reading's own headline when it has one, else the largest
    required years not tied to a skill, else the largest tied to one."""
    headline = getattr(read, "headline_years", None)
    if headline is not None or hasattr(read, "headline_years"):
        return headline.min_years if isinstance(headline, YearsAsk) else None
    general = [
        ask.min_years for ask in read.years if not ask.skills and ask.importance is Importance.REQUIRED
    ]
    if general:
        return max(general)
    tied = [ask.min_years for ask in read.years if ask.importance is Importance.REQUIRED]
    return max(tied) if tied else None


def score(framework: Framework, canonical: Callable[[str], str], names: list[str] | None = None) -> Scores:
    scores = Scores()
    for name in names if names is not None else fixture_names():
        labels = tomllib.loads((FIXTURES / f"{name}.toml").read_text(encoding="utf-8"))
        read = read_posting((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), framework)
        labelled = [
            (
                _met_by({canonical(label["name"]), *(canonical(other) for other in label.get("either", []))}),
                Importance.REQUIRED if label["importance"] == "required" else Importance.NICE,
                label["name"],
            )
            for label in labels.get("asks", [])
        ]
        found = [
            ({canonical(each) for each in ask.names}, ask.importance, f"{ask.label} in {ask.line!r}")
            for ask in read.skills
        ]
        scores.found += len(found)
        scores.labelled += len(labelled)
        for names_found, importance, shown in found:
            matching = [label for label in labelled if label[0] & names_found]
            if not matching:
                scores.misses.append(f"{name}: not an ask: {shown}")
                continue
            scores.found_right += 1
            scores.sections += 1
            if any(label[1] is importance for label in matching):
                scores.sections_right += 1
            else:
                scores.misses.append(f"{name}: {shown} read as {importance}, labelled {matching[0][1]}")
        for label_names, _, shown in labelled:
            if any(label_names & names_found for names_found, _, _ in found):
                scores.labelled_found += 1
            else:
                scores.misses.append(f"{name}: missed {shown}")
        scores.postings += 1
        expected = labels.get("years")
        got = headline_years(read)
        if (expected is None and got is None) or (
            expected is not None and got is not None and abs(got - expected) < 1e-9
        ):
            scores.years_right += 1
        else:
            scores.misses.append(f"{name}: headline years {got}, labelled {expected}")
    return scores


def canonical_names(framework: Framework) -> Callable[[str], str]:
    """A label's name under the reader's name for it: the ladder's, else the field vocabulary's."""
    try:
        from skilltrack.domain.postings.finding import vocabulary
    except ImportError:  # a reader without the field's vocabulary: the ladder's names alone
        terms = framework.skills
    else:
        terms = vocabulary(framework)
    known: dict[str, str] = {}
    for term in terms:
        for name in (term.name, *term.aliases):
            known.setdefault(_key(name), term.name)

    def canonical(name: str) -> str:
        return known.get(_key(name), name)

    return canonical


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "", name).casefold()


if __name__ == "__main__":
    import sys

    from skilltrack.guide import load_builtin_framework

    builtin = load_builtin_framework()
    result = score(builtin, canonical_names(builtin))
    if "-v" in sys.argv:
        print("\n".join(result.misses))
    print(result.summary())
