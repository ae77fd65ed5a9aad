"""Readiness and the ladder as text, Markdown and JSON, for the command line and exported reports.

Pure functions of domain values: no I/O, no clock.
"""

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from typing import Any

from skilltrack.domain.framework import (
    EvidenceRule,
    Expectation,
    ExperienceRule,
    Framework,
    HandsOnRule,
    PracticeRule,
    SkillLevelRule,
)
from skilltrack.domain.readiness import ExpectationResult, LevelReadiness, Readiness, Status
from skilltrack.domain.record import EvidenceFacts

STATUS_MARKS = {Status.MET: "✓", Status.PARTIAL: "◐", Status.MISSING: "✗"}
FORMATS = ("text", "markdown", "json")


def meter(percent: int, width: int = 20) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)


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
        "reason": result.reason,
        "next_step": result.next_step or None,
        "evidence": [evidence_json(e) for e in result.evidence],
    }


def level_json(level: LevelReadiness, *, target: bool) -> dict[str, Any]:
    return {
        "id": level.level.id,
        "title": level.level.title,
        "target": target,
        "percent": level.percent,
        "met": level.met,
        "total": level.total,
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
        "expectations": [result_json(result) for result in level.results],
        "orphaned_evidence": [evidence_json(e) for e in readiness.orphaned_evidence],
    }


def level_line(level: LevelReadiness, *, target: bool) -> str:
    mark = "  ← target" if target else ""
    return (
        f"{level.level.title:<8} {meter(level.percent)} {level.percent:>3}%  "
        f"{level.met} of {level.total} met{mark}"
    )


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
        "",
    ]
    for title, results in _by_area(framework, level.results):
        lines.append(title)
        for result in results:
            lines.append(f"  {STATUS_MARKS[result.status]} {result.expectation.title}")
            lines.append(f"      {result.reason}")
            lines.extend(f"      · {_evidence_line(e)}" for e in result.evidence)
        lines.append("")
    lines.extend(_gaps_text(level))
    lines.extend(_orphans_text(readiness))
    return "\n".join(lines).rstrip() + "\n"


def _gaps_text(level: LevelReadiness, limit: int | None = None) -> list[str]:
    gaps = level.gaps[:limit] if limit else level.gaps
    if not gaps:
        return [f"Every {level.level.title} expectation is met."]
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


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(readiness: Readiness, framework: Framework, level_id: str, *, today: date) -> str:
    level = readiness.level(level_id)
    lines = [
        f"# {level.level.title} readiness",
        "",
        f"*{framework.name}, {today.isoformat()}* — **{level.percent}% ready**, "
        f"{level.met} of {level.total} expectations met.",
        "",
        "| Level | Ready | Met |",
        "| --- | ---: | ---: |",
    ]
    lines.extend(f"| {lv.level.title} | {lv.percent}% | {lv.met} of {lv.total} |" for lv in readiness.levels)
    lines.append("")
    for title, results in _by_area(framework, level.results):
        lines += [
            f"## {title}",
            "",
            "| | Expectation | Where it stands | Guide section |",
            "| --- | --- | --- | --- |",
        ]
        for result in results:
            lines.append(
                f"| {STATUS_MARKS[result.status]} | {_md(result.expectation.title)} | "
                f"{_md(result.reason)} | {_md(result.expectation.section)} |"
            )
        evidence = [e for result in results for e in result.evidence]
        if evidence:
            lines += ["", "Evidence:", ""]
            for e in evidence:
                title_md = f"[{_md(e.title)}]({e.link})" if e.link else _md(e.title)
                lines.append(f"- {e.occurred_on.isoformat()} — {title_md}")
        lines.append("")
    lines += ["## Gaps and next steps", ""]
    if not level.gaps:
        lines.append(f"Every {level.level.title} expectation is met.")
    for number, result in enumerate(level.gaps, start=1):
        step = f" → {_md(result.next_step)}" if result.next_step else ""
        lines.append(f"{number}. **{_md(result.expectation.title)}**: {_md(result.reason)}{step}")
    if readiness.orphaned_evidence:
        lines += ["", "## Evidence for expectations no longer in the ladder", ""]
        lines.extend(
            f"- `{e.expectation_id}`: {e.occurred_on.isoformat()} {_md(e.title)}"
            for e in readiness.orphaned_evidence
        )
    return "\n".join(lines).rstrip() + "\n"


def rule_text(expectation: Expectation) -> str:
    rule = expectation.rule
    match rule:
        case SkillLevelRule():
            which = "one" if rule.count == 1 else str(rule.count)
            return f"level {rule.min_level}+ in {which} of {', '.join(rule.skills)}"
        case HandsOnRule():
            which = "one" if rule.count == 1 else str(rule.count)
            ways = [f"level {rule.min_level}+", f"{rule.min_hours:g} h logged"]
            if rule.shipped_project:
                ways.append("a shipped project")
            return f"hands-on with {which} of {', '.join(rule.skills)} ({' or '.join(ways)})"
        case ExperienceRule():
            return f"{rule.min_years:g}+ years, {rule.min_shipped_projects}+ project(s) shipped to production"
        case EvidenceRule():
            window = f" in {rule.within_days} days" if rule.within_days else ""
            return f"{rule.min_count}+ evidence of {', '.join(rule.kinds)}{window}"
        case PracticeRule():
            on = f" on {', '.join(rule.skills)}" if rule.skills else ""
            kinds = ", ".join(rule.session_kinds)
            return f"{rule.min_sessions}+ {kinds} sessions{on} in {rule.within_days} days"
    return ""


def guide_text(framework: Framework) -> str:
    lines = [framework.name, f"From: {framework.guide}" if framework.guide else "", ""]
    if framework.about:
        lines += [framework.about.strip(), ""]
    for level in framework.levels:
        lines += [f"{level.title.upper()}", f"  {level.summary}".rstrip()]
        if level.why:
            lines.append(f"  Why: {level.why}")
        lines.append("")
        own = [e for e in framework.expectations if e.level == level.id]
        for area in framework.areas:
            in_area = [e for e in own if e.area == area.id]
            if not in_area:
                continue
            lines.append(f"  {area.title}")
            for e in in_area:
                weight = f" (weight {e.weight})" if e.weight != 1 else ""
                lines.append(f"    {e.id}  {e.title}{weight}")
                lines.append(f"      rule: {rule_text(e)}")
                lines.append(f"      guide: {e.section}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def guide_json(framework: Framework) -> dict[str, Any]:
    return {
        "format": "skilltrack-ladder",
        "name": framework.name,
        "guide": framework.guide,
        "about": framework.about,
        "source": framework.source,
        "levels": [asdict(level) for level in framework.levels],
        "areas": [asdict(area) for area in framework.areas],
        "skills": [asdict(term) for term in framework.skills],
        "evidence_kinds": [asdict(kind) for kind in framework.evidence_kinds],
        "expectations": [asdict(e) for e in framework.expectations],
    }
