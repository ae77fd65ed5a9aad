"""The Markdown report's text from the record reads as itself: no markup, HTML or unsafe links in it; the
plan's section keeps this week, what happens by itself and later apart."""

from datetime import date
from html import unescape
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from skilltrack.domain.facts import RecordFacts, SkillFacts
from skilltrack.domain.framework import Framework
from skilltrack.domain.plan import PlanFacts, build_plan
from skilltrack.domain.readiness import assess
from skilltrack.render.markdown import LINK_SCHEMES, md, md_code, md_link, safe_link
from skilltrack.render.plan import plan_markdown

MARKDOWN = MarkdownIt("commonmark").enable("table")
typed = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)


def _inline_tokens(markdown: str) -> list[str]:
    return [child.type for token in MARKDOWN.parse(markdown) for child in token.children or ()]


def _cell_text(markdown: str) -> str:
    """The text of the one body cell of a table whose cell is ``markdown``."""
    html = MARKDOWN.render(f"| head |\n| --- |\n| {markdown} |\n")
    cell = html.split("<td>", 1)[1].split("</td>", 1)[0]
    assert "<" not in cell
    return unescape(cell)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "[x](javascript:alert(3))",
        "**bold** _it_ `code` ~~gone~~ a | b",
        "<https://evil.example>",
        "R&D &amp; ops",
    ],
)
def test_record_text_renders_as_itself(text: str) -> None:
    rendered = MARKDOWN.render(f"Name: {md(text)}")

    assert (
        rendered == f"<p>Name: {text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>\n"
    )
    assert _cell_text(md(text)) == text


@settings(max_examples=300, deadline=None)
@given(text=typed)
def test_any_typed_text_stays_text_in_a_paragraph_and_a_table_cell(text: str) -> None:
    flat = " ".join(text.splitlines())

    assert set(_inline_tokens(f"Name: {md(text)}")) <= {"text", "softbreak"}
    rendered = MARKDOWN.render(f"Name: {md(text)}")
    # Edge whitespace aside (Markdown trims it), the text is what was typed.
    assert unescape(rendered.removeprefix("<p>").removesuffix("</p>\n")).strip() == f"Name: {flat}".strip()
    assert _cell_text(md(text)).strip() == flat.strip()


@pytest.mark.parametrize(
    "url", ["javascript:alert(3)", "JavaScript:alert(1)", "data:text/html,<b>", "file:///etc/passwd", "x", ""]
)
def test_only_web_and_mail_addresses_become_links(url: str) -> None:
    markdown = md_link(url, "[x](javascript:alert(3))")

    assert "link_open" not in _inline_tokens(markdown)
    assert safe_link(url) is None


@settings(max_examples=200, deadline=None)
@given(
    url=st.one_of(
        st.builds(
            lambda scheme, rest: f"{scheme}:{rest}",
            st.sampled_from(["https", "http", "mailto", "ftp"]),
            typed,
        ),
        typed,
    ),
    label=typed.filter(lambda label: label.strip()),
)
def test_a_link_is_one_link_to_the_address_or_none(url: str, label: str) -> None:
    tokens = [
        child for token in MARKDOWN.parse(f"See {md_link(url, label)}") for child in token.children or ()
    ]
    links = [token for token in tokens if token.type == "link_open"]

    if safe_link(url) is None:
        assert links == []
    else:
        assert len(links) == 1
        assert urlsplit(str(links[0].attrs["href"])).scheme.lower() in LINK_SCHEMES
        shown = "".join(token.content for token in tokens if token.type == "text")
        assert shown.strip() == f"See {' '.join(label.splitlines())}".strip()


def test_an_id_with_backticks_stays_one_code_span() -> None:
    tokens = _inline_tokens(f"- {md_code('senior.`odd`.id')}")

    assert tokens.count("code_inline") == 1


def test_the_plan_section_keeps_this_week_what_happens_and_later_apart(
    framework: Framework, today: date
) -> None:
    level = assess(RecordFacts(skills=(SkillFacts("Go", "language", level=4),)), framework, today).level(
        "senior"
    )
    plan = build_plan(level, framework, PlanFacts(weekly_minutes=(300,) * 8, history_weeks=8), today)
    lines = plan_markdown(plan)
    text = "\n".join(lines)

    assert lines[0] == "## Plan and forecast"
    this_week = text.index("This week (2026-11-23):")
    happens = text.index("Record it when it happens:")
    later = text.index("| Later | Gap | What to do | Closed by |")
    assert this_week < happens < later < text.index("**Forecast:**")
    for item in plan.this_week:
        assert f"- {md(item.this_week_label)} — **{md(item.title)}**: {md(item.how)}" in lines
    for item in plan.when_it_happens:
        assert f"- **{md(item.title)}**: {md(item.how)}" in lines
        assert f"| {md(item.title)} |" not in text
    # Every table row has its four cells, whatever the words in them.
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| Later")]
    assert len(rows) == len(plan.later) + 1
    html = MARKDOWN.render(text)
    assert html.count("<tr>") == len(plan.later) + 1
    assert "<script" not in html
