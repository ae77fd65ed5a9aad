"""The ladder in force as text and JSON (``skilltrack guide``)."""

from dataclasses import asdict
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
from skilltrack.render.terminal import printable


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
    return printable("\n".join(lines).rstrip(), multiline=True) + "\n"


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
