"""The readiness report as one self-contained HTML file: readable offline, printable, safe to open.

Pure: a function of :class:`skilltrack.domain.report.ReportData`. Everything is in the one file (inline
CSS with a print stylesheet, no scripts, no fonts or images fetched); every value from the record is
escaped (control characters shown as stand-ins), and only the person's own ``http``, ``https`` and
``mailto`` links become clickable.
"""

from html import escape

from skilltrack.domain.facts import EvidenceFacts
from skilltrack.domain.readiness import ExpectationResult, Status
from skilltrack.domain.report import ReportData
from skilltrack.render.markdown import safe_link
from skilltrack.render.plan import pace_line
from skilltrack.render.readiness import MARKS_LEGEND, PERCENT_RULE, STATUS_MARKS, round_line
from skilltrack.render.terminal import printable

_CSS = """
:root { --ink: #1d232b; --muted: #5b6573; --line: #d9dee5; --met: #1f7a3f; --partial: #9a6400;
        --missing: #b3261e; --accent: #1f5fae; --bar: #e8ecf1; --claimed: #6b4fa0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
p, li { margin: .3rem 0; }
.who { font-size: 1.1rem; font-weight: 600; margin: 0; }
.muted { color: var(--muted); }
.headline { font-size: 1.15rem; margin: .75rem 0; }
.meter { display: inline-block; width: 10rem; height: .7rem; background: var(--bar); border-radius: .35rem;
         vertical-align: middle; overflow: hidden; }
.meter > span { display: block; height: 100%; background: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; }
.met { color: var(--met); } .partial { color: var(--partial); } .missing { color: var(--missing); }
.claimed { color: var(--claimed); }
.mark { font-weight: 700; width: 1.5rem; }
.ready { color: var(--met); font-weight: 600; } .not-ready { color: var(--partial); font-weight: 600; }
.step { color: var(--accent); }
.forecast { border-left: 4px solid var(--accent); padding: .4rem .8rem; background: #f4f7fb; }
a { color: var(--accent); }
footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted); }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  tr, li, .forecast { break-inside: avoid; }
  .forecast { background: none; }
  .meter { border: 1px solid var(--ink); }
  .meter > span { background: var(--ink); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; color: var(--muted); font-size: .85em;
                           word-break: break-all; }
}
"""


def report_html(data: ReportData) -> str:
    level = data.level
    title = f"{level.level.title} readiness"
    heading = f"{title} — {data.who}" if data.who else title
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(heading)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        *_summary(data),
        *_areas(data),
        *_evidence(data),
        *_interviews(data),
        *_stories(data),
        *_gaps(data),
        *_plan(data),
        *_orphans(data),
        f"<footer>{_text(data.framework.name)} · made by skilltrack on {data.today.isoformat()}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _text(value: object) -> str:
    """``value`` as HTML text: escaped, and any control character or text direction override shown as
    a stand-in (:func:`~skilltrack.render.terminal.printable`) rather than hidden or reordering it."""
    return escape(printable(str(value), multiline=True), quote=True)


def link(url: str | None, label: str) -> str:
    """``label`` as a link to ``url`` when it is a web or mail address; escaped text otherwise."""
    safe = safe_link(url)
    if safe is not None:
        return f'<a href="{_text(safe)}">{_text(label)}</a>'
    return _text(label)


def _meter(percent: int) -> str:
    width = max(0, min(percent, 100))
    return f'<span class="meter" aria-hidden="true"><span style="width:{width}%"></span></span>'


def _mark(status: Status) -> str:
    return f'<span class="{status.value}" title="{status.value}">{STATUS_MARKS[status]}</span>'


def _summary(data: ReportData) -> list[str]:
    level = data.level
    parts = ["<header>", f"<h1>{_text(level.level.title)} readiness</h1>"]
    if data.who:
        parts.append(f'<p class="who">{_text(data.who)}</p>')
    parts += [
        f'<p class="muted">{_text(data.framework.name)} · {data.today.isoformat()}</p>',
        f'<p class="headline">{_meter(level.percent)} <strong>{level.percent}% ready</strong> for '
        f"{_text(level.level.title)}: {_text(level.counts)}; {level.shown_percent}% is shown by the record "
        "alone.</p>",
        f'<p class="muted">{_text(PERCENT_RULE)} {_text(MARKS_LEGEND)}.</p>',
    ]
    target = data.framework.level(data.target_level).title
    said = f"Target level: {target}" + (f", by {data.target_date.isoformat()}" if data.target_date else "")
    parts.append(f"<p>{_text(said)}.</p>")
    if data.plan.level.id == data.level_id:
        parts.append(f'<p class="forecast">{_text(data.plan.forecast.summary)}</p>')
    parts += [
        "<table>",
        '<thead><tr><th>Level</th><th></th><th class="num">Ready</th><th class="num">Shown</th>'
        '<th class="num">Met</th><th class="num">Partial</th><th class="num">Claimed</th></tr></thead>',
        "<tbody>",
    ]
    for other in data.readiness.levels:
        mine = " (target)" if other.level.id == data.target_level else ""
        parts.append(
            f"<tr><td>{_text(other.level.title + mine)}</td><td>{_meter(other.percent)}</td>"
            f'<td class="num">{other.percent}%</td><td class="num">{other.shown_percent}%</td>'
            f'<td class="num">{other.met} of {other.total}</td>'
            f'<td class="num">{other.count(Status.PARTIAL)}</td>'
            f'<td class="num">{other.count(Status.CLAIMED)}</td></tr>'
        )
    parts += ["</tbody></table>", "</header>", *_claims(data)]
    return parts


def _claims(data: ReportData) -> list[str]:
    """What only a self-rating claims, apart from what the record shows, with what would show each."""
    claims = data.level.results_of(Status.CLAIMED)
    if not claims:
        return []
    parts = [
        '<section class="claims">',
        "<h2>Claimed, not shown yet</h2>",
        "<p>Met only by a self-rating: each counts half until the record shows it.</p>",
        "<ul>",
    ]
    parts += [
        f"<li>{_mark(result.status)} <strong>{_text(result.expectation.title)}</strong> "
        f'<span class="step">→ {_text(result.next_step)}</span></li>'
        for result in claims
    ]
    return [*parts, "</ul>", "</section>"]


def _by_area(data: ReportData) -> list[tuple[str, list[ExpectationResult]]]:
    results = data.level.results
    grouped = []
    for area in data.framework.areas:
        in_area = [result for result in results if result.expectation.area == area.id]
        if in_area:
            grouped.append((area.title, in_area))
    return grouped


def _areas(data: ReportData) -> list[str]:
    parts = ["<section>", "<h2>Where each area stands</h2>"]
    for area, results in _by_area(data):
        met = sum(result.status is Status.MET for result in results)
        parts += [
            f'<h3>{_text(area)} <span class="muted">{met} of {len(results)} met</span></h3>',
            "<table>",
            "<thead><tr><th></th><th>Expectation</th><th>Where it stands</th>"
            "<th>Guide section</th></tr></thead>",
            "<tbody>",
        ]
        for result in results:
            parts.append(
                f'<tr><td class="mark">{_mark(result.status)}</td>'
                f"<td>{_text(result.expectation.title)}</td><td>{_text(result.reason)}</td>"
                f'<td class="muted">{_text(result.expectation.section)}</td></tr>'
            )
        parts.append("</tbody></table>")
    parts.append("</section>")
    return parts


def _evidence_item(evidence: EvidenceFacts) -> str:
    project = f' <span class="muted">({_text(evidence.project)})</span>' if evidence.project else ""
    return f"<li>{evidence.occurred_on.isoformat()} — {link(evidence.link, evidence.title)}{project}</li>"


def _evidence(data: ReportData) -> list[str]:
    shown = [result for result in data.level.results if result.evidence]
    parts = ["<section>", "<h2>Evidence</h2>"]
    if not shown:
        parts.append("<p>No evidence counts toward this level yet.</p>")
    for result in shown:
        parts.append(f"<h3>{_mark(result.status)} {_text(result.expectation.title)}</h3>")
        parts += ["<ul>", *(_evidence_item(e) for e in result.evidence), "</ul>"]
    parts.append("</section>")
    return parts


def _interviews(data: ReportData) -> list[str]:
    interviews = data.interviews
    sessions = interviews.sessions
    parts = [
        "<section>",
        "<h2>Interview readiness</h2>",
        f"<p>{interviews.ready_rounds} of {len(interviews.rounds)} rounds ready, "
        f"{sessions} mock interview{'s' if sessions != 1 else ''} in all.</p>",
        "<table>",
        '<thead><tr><th>Round</th><th class="num">Sessions</th><th class="num">Average, 90 days</th>'
        "<th>Trend, last 6</th><th>Last practised</th><th>Ready</th></tr></thead>",
        "<tbody>",
    ]
    for status in interviews.rounds:
        title, count, average, trend, last, _ = round_line(status)
        verdict = "ready" if status.ready else "not yet"
        css = "ready" if status.ready else "not-ready"
        parts.append(
            f'<tr><td>{_text(title)}</td><td class="num">{_text(count)}</td>'
            f'<td class="num">{_text(average)}</td><td>{_text(trend)}</td>'
            f'<td>{_text(last)}</td><td><span class="{css}">{verdict}</span> '
            f'<span class="muted">{_text(status.reason)}</span></td></tr>'
        )
    parts += ["</tbody></table>", "</section>"]
    return parts


def _stories(data: ReportData) -> list[str]:
    stories = data.stories
    count = f"{stories.stories} stor{'y' if stories.stories == 1 else 'ies'} in the bank."
    parts = ["<section>", "<h2>Story coverage</h2>", f"<p>{count}</p>"]
    if stories.complete:
        parts.append("<p>Every theme and every expectation that asks for a story has one.</p>")
    if stories.missing_themes:
        parts.append(f"<p>Themes with no story yet: {_text(', '.join(stories.missing_themes))}.</p>")
    if stories.missing_expectations:
        parts += ["<p>Expectations with no story yet:</p>", "<ul>"]
        parts += [
            f'<li>{_text(e.title)} <span class="muted">{_text(e.id)}</span></li>'
            for e in stories.missing_expectations
        ]
        parts.append("</ul>")
    parts.append("</section>")
    return parts


def _gaps(data: ReportData) -> list[str]:
    level = data.level
    parts = ["<section>", "<h2>Gaps and next steps</h2>"]
    if not level.gaps:
        parts.append(f"<p>Every {_text(level.level.title)} expectation is shown by the record.</p>")
    else:
        parts.append("<ol>")
        for result in level.gaps:
            step = f'<br><span class="step">→ {_text(result.next_step)}</span>' if result.next_step else ""
            parts.append(
                f"<li><strong>{_text(result.expectation.title)}</strong>: {_text(result.reason)}{step}</li>"
            )
        parts.append("</ol>")
    parts.append("</section>")
    return parts


def _plan(data: ReportData) -> list[str]:
    plan = data.plan
    parts = [
        "<section>",
        f"<h2>Plan toward {_text(plan.level.title)} and forecast</h2>",
        f"<p>{_text(pace_line(plan))}.</p>",
    ]
    if plan.this_week:
        parts += [f"<p>This week ({plan.week_of.isoformat()}):</p>", "<ul>"]
        parts += [
            f"<li>{_text(item.this_week_label)} — <strong>{_text(item.title)}</strong>: "
            f"{_text(item.how)}</li>"
            for item in plan.this_week
        ]
        parts.append("</ul>")
    if plan.when_it_happens:
        parts += ["<p>Record it when it happens:</p>", "<ul>"]
        parts += [
            f"<li><strong>{_text(item.title)}</strong>: {_text(item.how)}</li>"
            for item in plan.when_it_happens
        ]
        parts.append("</ul>")
    if plan.later:
        parts += [
            "<table>",
            "<thead><tr><th>Later</th><th>Gap</th><th>What to do</th><th>Closed by</th></tr></thead>",
            "<tbody>",
        ]
        for item in plan.later:
            closed = item.ready_on.isoformat() if item.ready_on else f"no date: {item.unknown_because}"
            parts.append(
                f'<tr><td class="num">{_text(item.this_week_label)}</td><td>{_text(item.title)}</td>'
                f"<td>{_text(item.how)}</td><td>{_text(closed)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts += [
        f'<p class="forecast"><strong>Forecast:</strong> {_text(plan.forecast.summary)}</p>',
        "<p>It assumes:</p>",
        "<ul>",
        *(f"<li>{_text(assumption)}</li>" for assumption in plan.forecast.assumptions),
        "</ul>",
        "</section>",
    ]
    return parts


def _orphans(data: ReportData) -> list[str]:
    orphaned = data.readiness.orphaned_evidence
    if not orphaned:
        return []
    parts = ["<section>", "<h2>Evidence for expectations no longer in the ladder</h2>", "<ul>"]
    parts += [
        f"<li>{_text(e.expectation_id)}: {e.occurred_on.isoformat()} — {link(e.link, e.title)}</li>"
        for e in orphaned
    ]
    parts += ["</ul>", "</section>"]
    return parts
