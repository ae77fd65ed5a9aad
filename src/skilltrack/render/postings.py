"""A posting's match as text, Markdown and JSON (``skilltrack jd``, ``posting show``, the app).

Names come from the ladder and from the posting's own text: the Markdown escapes every one
(:func:`~skilltrack.render.markdown.md`), the text shows any control character as a stand-in
(:func:`~skilltrack.render.terminal.printable`).
"""

from typing import Any

from skilltrack.domain.facts import EvidenceFacts
from skilltrack.domain.postings.asks import STRENGTH_MARKS, Importance, SkillAsk
from skilltrack.domain.postings.matching import ItemMatch, PostingMatch
from skilltrack.render.markdown import md
from skilltrack.render.terminal import printable

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
    if match.level_line:
        lines.append(f"The posting {match.level_line}.")
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
    return printable("\n".join(lines), multiline=True) + "\n"


def match_markdown(match: PostingMatch, *, title: str = "Job posting match") -> str:
    lines = [f"# {md(title)}", "", f"**{md(summary_line(match))}**", ""]
    if match.level_line:
        lines += [md(f"The posting {match.level_line}."), ""]
    if unknown := unknown_line(match):
        lines += [md(unknown), ""]
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
            evidence = "<br>".join(md(_evidence_line(e)) for e in item.evidence)
            lines.append(
                f"| {STRENGTH_MARKS[item.strength]} {item.strength.value} | {md(item.ask.label)} "
                f"| {md(' · '.join(item.facts))} | {evidence} |"
            )
        lines.append("")
    if match.practise_first:
        lines += ["## Practise first", ""]
        lines += [
            f"{number}. **{md(item.ask.name)}** ({item.importance.value}, {item.strength.value}): "
            f"{md(item.next_step)}"
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
        "level": None
        if match.level is None
        else {
            "id": match.level.level_id,
            "title": match.level.title,
            "because": list(match.level.because),
            "you_are_percent": match.level_percent,
        },
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
