"""The HTML report: one self-contained, printable file; every value escaped; only the person's links."""

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.facts import EvidenceFacts, RecordFacts, SkillFacts
from skilltrack.domain.framework import Framework
from skilltrack.domain.interviews import interview_status
from skilltrack.domain.plan import PlanFacts, build_plan
from skilltrack.domain.readiness import assess
from skilltrack.domain.report import ReportData
from skilltrack.domain.stories import story_coverage
from skilltrack.guide import load_builtin_framework
from skilltrack.render.report import report_markdown
from skilltrack.render.report_html import report_html
from skilltrack.render.terminal import printable

TODAY = date(2026, 11, 24)
FRAMEWORK = load_builtin_framework()
VOID = {"meta", "br", "hr", "img", "input", "link"}


def _data(
    *,
    name: str = "Ana Souza",
    title: str = "Backend Engineer II",
    evidence: tuple[EvidenceFacts, ...] = (),
    framework: Framework = FRAMEWORK,
    skills: tuple[SkillFacts, ...] = (SkillFacts("Go", "language", level=4, minutes_total=900),),
) -> ReportData:
    record = RecordFacts(
        career_started_on=date(2021, 3, 1),
        shipped_projects=("Ledger",),
        skills=skills,
        evidence=evidence,
    )
    readiness = assess(record, framework, TODAY)
    plan = build_plan(
        readiness.level("senior"),
        framework,
        PlanFacts(weekly_minutes=(240,) * 8, history_weeks=8, target_date=TODAY + timedelta(days=200)),
        TODAY,
    )
    return ReportData(
        today=TODAY,
        framework=framework,
        readiness=readiness,
        level_id="senior",
        target_level="senior",
        name=name,
        title=title,
        target_date=TODAY + timedelta(days=200),
        plan=plan,
        interviews=interview_status([], TODAY),
        stories=story_coverage(
            stories=0, themes_told=[], expectations_told=[], framework=framework, level_id="senior"
        ),
    )


def _incident(title: str, link: str | None) -> EvidenceFacts:
    return EvidenceFacts(
        "e1", "incident", title, TODAY - timedelta(days=3), "senior.reliability.on-call", None, link
    )


class _Structure(HTMLParser):
    """Tags opened and closed, attributes seen, and text, for the checks below."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((tag, key, value) for key, value in attrs)
        if tag not in VOID:
            self.open.append(tag)
        self._in_h2 = tag == "h2"
        if tag == "h2":
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:]}")
            return
        self.open.pop()
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h2:
            self.headings[-1] += data


def _parse(document: str) -> _Structure:
    parser = _Structure()
    parser.feed(document)
    parser.close()
    return parser


def test_the_report_is_one_well_formed_document_with_every_section_in_order() -> None:
    document = report_html(_data(evidence=(_incident("Broker restart lag", "https://wiki.example/pm/1"),)))
    structure = _parse(document)

    assert document.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert structure.problems == []
    assert structure.open == []
    assert [heading.split(" ")[0] for heading in structure.headings] == [
        "Where",
        "Evidence",
        "Interview",
        "Story",
        "Gaps",
        "Plan",
    ]
    text = " ".join(structure.text)
    assert "Ana Souza, Backend Engineer II" in text
    assert "% ready" in text
    assert "2026-11-24" in text
    assert "Forecast:" in text
    assert "It assumes:" in text
    assert "System design" in text  # an interview round
    assert "Themes with no story yet" in text


def test_what_is_only_claimed_is_set_apart_with_what_would_show_it() -> None:
    claims = (
        SkillFacts("Go", "language", level=4),
        SkillFacts("Architecture documents", "practice", level=3),
    )
    data = _data(skills=claims)
    document = report_html(data)
    structure = _parse(document)
    level = data.readiness.level("senior")

    assert structure.problems == []
    assert structure.headings[:2] == ["Claimed, not shown yet", "Where each area stands"]
    text = " ".join(structure.text)
    assert f"{level.percent}% ready" in text
    assert f"{level.counts}; {level.shown_percent}% is shown by the record alone." in text
    assert "2 claimed of 33" in level.counts
    assert "→ log 10 h of Go or use it in a shipped project" in text
    assert "→ add 1 more piece of evidence: design doc led" in text
    assert document.count('class="claimed" title="claimed">◇</span>') >= 4  # in the list and in the areas
    markdown = report_markdown(data)
    assert f"— **{level.percent}% ready**: {level.counts}; {level.shown_percent}% is shown" in markdown
    assert "## Claimed, not shown yet" in markdown
    assert (
        "- ◇ **Deep in one server-side language** → log 10 h of Go or use it in a shipped project" in markdown
    )
    assert "| Level | Ready | Shown | Met | Partial | Claimed |" in markdown


def test_it_stands_alone_and_prints_well() -> None:
    document = report_html(_data())
    structure = _parse(document)

    assert document.count("<style>") == 1
    assert "@media print" in document
    assert "break-inside: avoid" in document
    tags = {tag for tag, _, _ in structure.attributes} | set(re.findall(r"<([a-z0-9]+)", document))
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [attribute for _, attribute, _ in structure.attributes if attribute in {"src", "srcset"}]
    assert "@import" not in document
    assert "url(" not in document
    assert re.findall(r"https?://", document) == []


def test_only_the_persons_own_links_are_external_and_they_are_clickable() -> None:
    evidence = (
        _incident("Broker restart lag", "https://wiki.example/pm/1"),
        EvidenceFacts(
            "e2", "incident", "Mail thread", TODAY, "senior.reliability.on-call", None, "mailto:a@b.example"
        ),
    )
    document = report_html(_data(evidence=evidence))
    hrefs = [value or "" for _, key, value in _parse(document).attributes if key == "href"]

    assert sorted(hrefs) == ["https://wiki.example/pm/1", "mailto:a@b.example"]
    assert re.findall(r"https?://[^\"'<>\s]+", document) == ["https://wiki.example/pm/1"]


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "wiki/page"]
)
def test_a_link_that_is_not_a_web_or_mail_address_stays_text(link: str) -> None:
    document = report_html(_data(evidence=(_incident("Odd link", link),)))

    assert not [value for _, key, value in _parse(document).attributes if key == "href"]
    assert "Odd link" in document


def test_values_from_the_record_are_escaped() -> None:
    evidence = (_incident('<script>alert("x")</script> & <b>bold</b>', 'https://x.example/?a=1&b="2"'),)
    document = report_html(_data(name='Ana "<i>" Souza', title="</title><h1>", evidence=evidence))
    structure = _parse(document)

    assert "<script>" not in document
    assert "<b>bold</b>" not in document
    assert "</title><h1>" not in document
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in document
    assert 'href="https://x.example/?a=1&amp;b=&quot;2&quot;"' in document
    assert structure.problems == []
    assert ("a", "href", 'https://x.example/?a=1&b="2"') in structure.attributes


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=1, max_size=60),
    name=st.text(max_size=40),
    link=st.none()
    | st.text(max_size=60)
    | st.from_regex(r"https://[a-z]{1,8}\.example/[<>\"'&a-z]{0,10}", fullmatch=True),
)
def test_any_typed_value_keeps_the_document_whole(title: str, name: str, link: str | None) -> None:
    document = report_html(_data(name=name, evidence=(_incident(title, link),)))
    structure = _parse(document)

    assert structure.problems == []
    assert structure.open == []
    shown = printable(title.strip(), multiline=True)
    assert shown == "" or any(shown in chunk for chunk in structure.text)
    for tag, key, value in structure.attributes:
        if key == "href":
            assert tag == "a"
            assert value is not None and value.lower().startswith(("http://", "https://", "mailto:"))
    markdown = report_markdown(_data(name=name, evidence=(_incident(title, link),)))
    assert markdown.startswith("# Senior readiness")
