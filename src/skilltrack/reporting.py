"""Readiness and the ladder as text, Markdown and JSON, for the command line and exported reports.

Pure functions of domain values: no I/O, no clock.
"""

from __future__ import annotations  # the plan's, interviews' and stories' types load with the report only

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from skilltrack.domain.durations import format_minutes
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

if TYPE_CHECKING:  # status needs none of these, and importing them took a twentieth of its time
    from skilltrack.domain.interviews import InterviewStatus, RoundStatus
    from skilltrack.domain.plan import Plan, PlanItem
    from skilltrack.domain.record import EvidenceFacts
    from skilltrack.domain.stories import StoryCoverage

STATUS_MARKS = {Status.MET: "✓", Status.PARTIAL: "◐", Status.MISSING: "✗"}
FORMATS = ("text", "markdown", "html", "json")
TREND_WORDS = {"up": "improving", "down": "slipping", "steady": "steady", "too few": "too few to tell"}


@dataclass(frozen=True)
class ReportData:
    """Everything the readiness report for one level is drawn from, read at one moment."""

    today: date
    framework: Framework
    readiness: Readiness
    level_id: str
    target_level: str
    name: str
    title: str
    target_date: date | None
    plan: Plan
    interviews: InterviewStatus
    stories: StoryCoverage

    @property
    def level(self) -> LevelReadiness:
        return self.readiness.level(self.level_id)

    @property
    def who(self) -> str:
        """The person as the report names them: name and title, whichever are set."""
        return ", ".join(part for part in (self.name, self.title) if part)


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


LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""The only links a report makes clickable: web and mail addresses."""
_MD_SIGNIFICANT = frozenset("\\`*_[]|~")
"""Characters that make emphasis, code, links or table cells; ``<``, ``>`` and ``&`` become entities."""
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def safe_link(url: str | None) -> str | None:
    """``url`` stripped when it is an ``http``, ``https`` or ``mailto`` address; ``None`` otherwise."""
    from urllib.parse import urlsplit

    if not url or not url.strip():
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in LINK_SCHEMES else None


def _md(text: str) -> str:
    """Record text as Markdown that reads as itself: no markup, links, HTML or table breaks in it."""
    return "".join(
        _MD_ENTITIES.get(char) or (f"\\{char}" if char in _MD_SIGNIFICANT else char)
        for char in " ".join(text.splitlines())
    )


def _md_link(url: str | None, label: str) -> str:
    """``label`` linked to ``url`` when it is a web or mail address; escaped text otherwise."""
    safe = safe_link(url)
    if safe is None:
        return _md(label)
    # Whatever could end the destination or start a title is percent-encoded: the address stays one.
    destination = "".join(f"%{ord(c):02X}" if c in "<>()\\ \"'" or ord(c) <= 32 else c for c in safe)
    return f"[{_md(label)}]({destination})"


def _md_code(text: str) -> str:
    """``text`` as a code span, fenced past any backticks in it."""
    text = " ".join(text.splitlines())
    run = longest = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"


def report_markdown(data: ReportData) -> str:
    """The readiness report as Markdown: summary, areas with evidence, interviews, stories, gaps, plan."""
    readiness, framework, today = data.readiness, data.framework, data.today
    level = data.level
    lines = [f"# {_md(level.level.title)} readiness", ""]
    if data.who:
        lines += [f"**{_md(data.who)}**", ""]
    lines += [
        f"*{framework.name}, {today.isoformat()}* — **{level.percent}% ready**, "
        f"{level.met} of {level.total} expectations met.",
        "",
        _md(summary_line(data)),
        "",
        "| Level | Ready | Met |",
        "| --- | ---: | ---: |",
    ]
    lines.extend(
        f"| {_md(lv.level.title)} | {lv.percent}% | {lv.met} of {lv.total} |" for lv in readiness.levels
    )
    lines.append("")
    for title, results in _by_area(framework, level.results):
        lines += [
            f"## {_md(title)}",
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
                lines.append(f"- {e.occurred_on.isoformat()} — {_md_link(e.link, e.title)}")
        lines.append("")
    lines += interviews_markdown(data.interviews)
    lines += stories_markdown(data.stories)
    lines += ["## Gaps and next steps", ""]
    if not level.gaps:
        lines.append(f"Every {_md(level.level.title)} expectation is met.")
    for number, result in enumerate(level.gaps, start=1):
        step = f" → {_md(result.next_step)}" if result.next_step else ""
        lines.append(f"{number}. **{_md(result.expectation.title)}**: {_md(result.reason)}{step}")
    lines += ["", *plan_markdown(data.plan)]
    if readiness.orphaned_evidence:
        lines += ["", "## Evidence for expectations no longer in the ladder", ""]
        lines.extend(
            f"- {_md_code(e.expectation_id or '')}: {e.occurred_on.isoformat()} {_md_link(e.link, e.title)}"
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


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "format": "skilltrack-plan",
        "date": plan.today.isoformat(),
        "level": {"id": plan.level.id, "title": plan.level.title, "percent": plan.percent},
        "week_of": plan.week_of.isoformat(),
        "pace": {
            "average_minutes": plan.pace_minutes,
            "active_weeks": plan.active_weeks,
            "weeks": [
                {"week_of": (plan.pace_started_on + timedelta(weeks=index)).isoformat(), "minutes": minutes}
                for index, minutes in enumerate(plan.pace_weeks)
            ],
        },
        "logged_this_week_minutes": plan.logged_this_week,
        "budget_minutes": plan.budget_minutes,
        "this_week_minutes": sum(item.minutes_this_week for item in plan.items),
        "hours_left_minutes": plan.hours_left,
        "items": [
            {
                "expectation": item.result.expectation.id,
                "title": item.title,
                "shape": item.shape.value,
                "reason": item.result.reason,
                "next_step": item.result.next_step or None,
                "plan": item.how,
                "minutes_left": item.minutes_left,
                "minutes_this_week": item.minutes_this_week,
                "tasks_left": item.tasks_left,
                "cadence_weeks": item.cadence_weeks or None,
                "ready_on": item.ready_on.isoformat() if item.ready_on else None,
                "unknown_because": item.unknown_because or None,
            }
            for item in plan.items
        ],
        "forecast": {
            "reached_on": plan.forecast.reached_on.isoformat() if plan.forecast.reached_on else None,
            "target_date": plan.forecast.target_date.isoformat() if plan.forecast.target_date else None,
            "on_track": plan.forecast.on_track,
            "summary": plan.forecast.summary,
            "assumptions": list(plan.forecast.assumptions),
        },
    }


def pace_line(plan: Plan) -> str:
    last = plan.week_of - timedelta(days=1)
    weeks = len(plan.pace_weeks)
    pace = format_minutes(plan.pace_minutes) if plan.pace_minutes else "0m"
    said = (
        f"Pace: {pace} a week, the average of the {weeks} full weeks {plan.pace_started_on.isoformat()} "
        f"to {last.isoformat()} ({plan.active_weeks} of {weeks} with learning)"
    )
    if plan.logged_this_week:
        budget = format_minutes(plan.budget_minutes) if plan.budget_minutes else "nothing"
        said += (
            f"; {format_minutes(plan.logged_this_week)} already logged this week, so {budget} is left "
            "to plan this week"
        )
    return said


def _plan_item_line(item: PlanItem) -> str:
    return f"{item.this_week_label:<7} {item.title} — {item.how}"


def plan_text(plan: Plan) -> str:
    lines = [
        f"Plan toward {plan.level.title} for the week of {plan.week_of.isoformat()} — {plan.percent}% ready",
        "",
        pace_line(plan),
        "",
    ]
    if not plan.items:
        lines += [f"Every {plan.level.title} expectation is met: nothing to plan.", ""]
    else:
        now = plan.this_week
        lines.append("This week")
        lines.extend(f"  {_plan_item_line(item)}" for item in now)
        later = [item for item in plan.items if item not in now]
        if later:
            lines += ["", "Later"]
            lines.extend(f"  {_plan_item_line(item)}" for item in later)
        lines.append("")
    lines += ["Forecast", f"  {plan.forecast.summary}", "", "  It assumes:"]
    lines.extend(f"  · {assumption}" for assumption in plan.forecast.assumptions)
    return "\n".join(lines).rstrip() + "\n"


def plan_markdown(plan: Plan) -> list[str]:
    """The plan and forecast as a section of the Markdown report."""
    lines = ["## Plan and forecast", "", f"{_md(pace_line(plan))}.", ""]
    if plan.items:
        lines += [
            f"Week of {plan.week_of.isoformat()}:",
            "",
            "| This week | Gap | What to do | Closed by |",
            "| --- | --- | --- | --- |",
        ]
        for item in plan.items:
            closed = item.ready_on.isoformat() if item.ready_on else f"no date: {item.unknown_because}"
            lines.append(f"| {item.this_week_label} | {_md(item.title)} | {_md(item.how)} | {_md(closed)} |")
        lines.append("")
    lines += [f"**Forecast:** {_md(plan.forecast.summary)}", "", "It assumes:", ""]
    lines.extend(f"- {_md(assumption)}" for assumption in plan.forecast.assumptions)
    lines.append("")
    return lines


def summary_line(data: ReportData) -> str:
    """Target level and date, and the forecast, in one sentence or two."""
    target = data.framework.level(data.target_level).title
    said = f"Target level: {target}"
    if data.target_date is not None:
        said += f", by {data.target_date.isoformat()}"
    said += "."
    if data.level_id == data.plan.level.id:
        said += f" {data.plan.forecast.summary}"
    return said


def round_line(status: RoundStatus) -> tuple[str, str, str, str, str, str]:
    """A round's cells: title, sessions, scored average in the ladder's window, trend, last practised,
    and ready or why not (the average shown is the one ``ready`` uses)."""
    average = f"{status.recent_average:.1f}" if status.recent_average is not None else "—"
    last = status.last_practised.isoformat() if status.last_practised else "never"
    ready = f"{'ready' if status.ready else 'not yet'}: {status.reason}"
    return (
        status.title,
        str(status.sessions),
        average,
        TREND_WORDS.get(status.trend, status.trend),
        last,
        ready,
    )


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
        "| " + " | ".join(_md(cell) for cell in round_line(status)) + " |" for status in interviews.rounds
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
        lines += ["", f"Themes with no story yet: {_md(', '.join(stories.missing_themes))}."]
    if stories.missing_expectations:
        lines += ["", "Expectations with no story yet:", ""]
        lines.extend(f"- {_md(e.title)} ({_md_code(e.id)})" for e in stories.missing_expectations)
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
        from skilltrack.reporting_html import report_html

        return report_html(data)
    return report_text(data.readiness, data.framework, data.level_id, today=data.today)
