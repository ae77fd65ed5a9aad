"""The readiness report and its pieces as text, Markdown and JSON, for the command line and exports.

Pure functions of domain values: no I/O, no clock. The HTML report is :mod:`skilltrack.render.report_html`;
:func:`render_report` picks either.
"""

from __future__ import annotations  # the plan's, interviews' and stories' types load with the report only

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from skilltrack.domain.framework import Framework
from skilltrack.domain.readiness import ExpectationResult, LevelReadiness, Readiness, Status
from skilltrack.render.markdown import md, md_code, md_link
from skilltrack.render.readiness import (
    MARKS_LEGEND,
    PERCENT_RULE,
    STATUS_MARKS,
    meter,
    round_line,
    summary_line,
)
from skilltrack.render.terminal import printable

if TYPE_CHECKING:  # status needs none of these, and importing them took a twentieth of its time
    from skilltrack.domain.facts import EvidenceFacts
    from skilltrack.domain.interviews import InterviewStatus
    from skilltrack.domain.report import ReportData
    from skilltrack.domain.stories import StoryCoverage

FORMATS = ("text", "markdown", "html", "json")


def evidence_json(evidence: EvidenceFacts) -> dict[str, Any]:
    return {
        "id": evidence.uuid,
        "kind": evidence.kind,
        "title": evidence.title,
        "date": evidence.occurred_on.isoformat(),
        "expectation": evidence.expectation_id,
        "project": evidence.project,
        "link": evidence.link,
    }


def result_json(result: ExpectationResult) -> dict[str, Any]:
    expectation = result.expectation
    return {
        "id": expectation.id,
        "title": expectation.title,
        "level": expectation.level,
        "area": expectation.area,
        "section": expectation.section,
        "status": result.status.value,
        "fraction": round(result.fraction, 3),
        "shown": round(result.shown, 3),
        "claimed": round(result.claims, 3),
        "reason": result.reason,
        "next_step": result.next_step or None,
        "next_step_kind": result.action.kind.value if result.action else None,
        "evidence": [evidence_json(e) for e in result.evidence],
    }


def level_json(level: LevelReadiness, *, target: bool) -> dict[str, Any]:
    return {
        "id": level.level.id,
        "title": level.level.title,
        "target": target,
        "percent": level.percent,
        "shown_percent": level.shown_percent,
        "met": level.met,
        "partial": level.count(Status.PARTIAL),
        "claimed": level.count(Status.CLAIMED),
        "missing": level.count(Status.MISSING),
        "total": level.total,
        "summary": level.summary,
        "gaps": [result.expectation.id for result in level.gaps],
    }


def report_json(
    readiness: Readiness, framework: Framework, level_id: str, *, today: date, target: str | None
) -> dict[str, Any]:
    level = readiness.level(level_id)
    return {
        "format": "skilltrack-report",
        "date": today.isoformat(),
        "ladder": framework.name,
        "level": level_json(level, target=level_id == target),
        "levels": [level_json(lv, target=lv.level.id == target) for lv in readiness.levels],
        "percent_rule": PERCENT_RULE,
        "expectations": [result_json(result) for result in level.results],
        "orphaned_evidence": [evidence_json(e) for e in readiness.orphaned_evidence],
    }


def level_line(level: LevelReadiness, *, target: bool) -> str:
    mark = "  ← target" if target else ""
    return f"{level.level.title:<8} {meter(level.percent)} {level.summary}{mark}"


def _by_area(
    framework: Framework, results: tuple[ExpectationResult, ...]
) -> Iterator[tuple[str, list[ExpectationResult]]]:
    for area in framework.areas:
        in_area = [r for r in results if r.expectation.area == area.id]
        if in_area:
            yield area.title, in_area


def _evidence_line(evidence: EvidenceFacts) -> str:
    link = f" <{evidence.link}>" if evidence.link else ""
    return f"{evidence.occurred_on.isoformat()} {evidence.title}{link}"


def report_text(readiness: Readiness, framework: Framework, level_id: str, *, today: date) -> str:
    level = readiness.level(level_id)
    lines = [
        f"{level.level.title} readiness on {today.isoformat()} — {framework.name}",
        "",
        level_line(level, target=False),
        PERCENT_RULE,
        MARKS_LEGEND,
        "",
    ]
    for title, results in _by_area(framework, level.results):
        lines.append(title)
        for result in results:
            lines.append(f"  {STATUS_MARKS[result.status]} {result.expectation.title}")
            lines.append(f"      {result.reason}")
            lines.extend(f"      · {_evidence_line(e)}" for e in result.evidence)
        lines.append("")
    lines.extend(_claims_text(level))
    lines.extend(_gaps_text(level))
    lines.extend(_orphans_text(readiness))
    return printable("\n".join(lines).rstrip(), multiline=True) + "\n"


def _claims_text(level: LevelReadiness) -> list[str]:
    claims = level.results_of(Status.CLAIMED)
    if not claims:
        return []
    lines = ["Claimed, not shown yet (each counts half until your record shows it):"]
    for result in claims:
        lines.append(f"  ◇ {result.expectation.title} → {result.next_step}")
    return [*lines, ""]


def _gaps_text(level: LevelReadiness, limit: int | None = None) -> list[str]:
    gaps = level.gaps[:limit] if limit else level.gaps
    if not gaps:
        return [f"Every {level.level.title} expectation is shown by your record."]
    lines = ["Biggest gaps, first to close:"]
    for number, result in enumerate(gaps, start=1):
        lines.append(f"  {number}. {result.expectation.title}: {result.reason}")
        if result.next_step:
            lines.append(f"     → {result.next_step}")
    return lines


def _orphans_text(readiness: Readiness) -> list[str]:
    if not readiness.orphaned_evidence:
        return []
    lines = ["", "Evidence tied to expectations this ladder no longer has (kept in your record):"]
    lines.extend(f"  · {e.expectation_id}: {_evidence_line(e)}" for e in readiness.orphaned_evidence)
    return lines


def report_markdown(data: ReportData) -> str:
    """The readiness report as Markdown: summary, areas with evidence, interviews, stories, gaps, plan."""
    from skilltrack.render.plan import plan_markdown

    readiness, framework, today = data.readiness, data.framework, data.today
    level = data.level
    lines = [f"# {md(level.level.title)} readiness", ""]
    if data.who:
        lines += [f"**{md(data.who)}**", ""]
    lines += [
        f"*{md(framework.name)}, {today.isoformat()}* — **{level.percent}% ready**: {md(level.counts)}; "
        f"{level.shown_percent}% is shown by the record alone.",
        "",
        md(summary_line(data)),
        "",
        md(PERCENT_RULE),
        "",
        md(MARKS_LEGEND),
        "",
        "| Level | Ready | Shown | Met | Partial | Claimed |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines.extend(
        f"| {md(lv.level.title)} | {lv.percent}% | {lv.shown_percent}% | {lv.met} of {lv.total} | "
        f"{lv.count(Status.PARTIAL)} | {lv.count(Status.CLAIMED)} |"
        for lv in readiness.levels
    )
    lines.append("")
    claims = level.results_of(Status.CLAIMED)
    if claims:
        lines += [
            "## Claimed, not shown yet",
            "",
            "Met only by a self-rating: each counts half until the record shows it.",
            "",
        ]
        lines += [f"- ◇ **{md(result.expectation.title)}** → {md(result.next_step)}" for result in claims]
        lines.append("")
    for title, results in _by_area(framework, level.results):
        lines += [
            f"## {md(title)}",
            "",
            "| | Expectation | Where it stands | Guide section |",
            "| --- | --- | --- | --- |",
        ]
        for result in results:
            lines.append(
                f"| {STATUS_MARKS[result.status]} | {md(result.expectation.title)} | "
                f"{md(result.reason)} | {md(result.expectation.section)} |"
            )
        evidence = [e for result in results for e in result.evidence]
        if evidence:
            lines += ["", "Evidence:", ""]
            for e in evidence:
                lines.append(f"- {e.occurred_on.isoformat()} — {md_link(e.link, e.title)}")
        lines.append("")
    lines += interviews_markdown(data.interviews)
    lines += stories_markdown(data.stories)
    lines += ["## Gaps and next steps", ""]
    if not level.gaps:
        lines.append(f"Every {md(level.level.title)} expectation is shown by the record.")
    for number, result in enumerate(level.gaps, start=1):
        step = f" → {md(result.next_step)}" if result.next_step else ""
        lines.append(f"{number}. **{md(result.expectation.title)}**: {md(result.reason)}{step}")
    lines += ["", *plan_markdown(data.plan)]
    if readiness.orphaned_evidence:
        lines += ["", "## Evidence for expectations no longer in the ladder", ""]
        lines.extend(
            f"- {md_code(e.expectation_id or '')}: {e.occurred_on.isoformat()} {md_link(e.link, e.title)}"
            for e in readiness.orphaned_evidence
        )
    return "\n".join(lines).rstrip() + "\n"


def interviews_markdown(interviews: InterviewStatus) -> list[str]:
    lines = [
        "## Interview readiness",
        "",
        f"{interviews.ready_rounds} of {len(interviews.rounds)} rounds ready, "
        f"{interviews.sessions} mock interview{'s' if interviews.sessions != 1 else ''} in all.",
        "",
        "| Round | Sessions | Average, 90 days | Trend, last 6 | Last practised | Ready |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    lines.extend(
        "| " + " | ".join(md(cell) for cell in round_line(status)) + " |" for status in interviews.rounds
    )
    return [*lines, ""]


def stories_markdown(stories: StoryCoverage) -> list[str]:
    lines = [
        "## Story coverage",
        "",
        f"{stories.stories} stor{'y' if stories.stories == 1 else 'ies'} in the bank.",
    ]
    if stories.complete:
        lines.append("Every theme and every expectation that asks for a story has one.")
    if stories.missing_themes:
        lines += ["", f"Themes with no story yet: {md(', '.join(stories.missing_themes))}."]
    if stories.missing_expectations:
        lines += ["", "Expectations with no story yet:", ""]
        lines.extend(f"- {md(e.title)} ({md_code(e.id)})" for e in stories.missing_expectations)
    return [*lines, ""]


def render_report(data: ReportData, report_format: str) -> str:
    """The readiness report in one of :data:`FORMATS`."""
    if report_format == "json":
        import json

        document = report_json(
            data.readiness, data.framework, data.level_id, today=data.today, target=data.target_level
        )
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if report_format == "markdown":
        return report_markdown(data)
    if report_format == "html":
        from skilltrack.render.report_html import report_html

        return report_html(data)
    return report_text(data.readiness, data.framework, data.level_id, today=data.today)
