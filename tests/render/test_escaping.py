"""A shared ladder file, or a record, holding markup, script, links to ``javascript:`` or terminal escape
sequences: every report comes out inert. Markdown is rendered by a CommonMark parser, HTML parsed, and
the text forms checked for control characters.
"""

import contextlib
import io
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from skilltrack.cli import main
from skilltrack.domain.text import REFUSED
from skilltrack.render.markdown import md, md_code, md_link
from tests.cli.helpers import MINIMAL_LADDER, write_ladder
from tests.conftest import NOW

HOSTILE = "<script>alert(1)</script> *x* [a](javascript:alert(1)) \\u001b[31mred"
"""As a TOML basic string: markup, script, a ``javascript:`` link and an ESC sequence."""
SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt; *x* [a](javascript:alert(1)) ␛[31mred"
"""How it reads once rendered (HTML text, entities left as the browser shows them)."""

LADDER = (
    MINIMAL_LADDER.replace('name = "Tiny test ladder"', f'name = "{HOSTILE}"')
    .replace('title = "Apprentice"', f'title = "Apprentice {HOSTILE}"')
    .replace('title = "Craft"', f'title = "# Craft {HOSTILE}"')
    .replace('title = "Writes Python without help"', f'title = "- Writes {HOSTILE}"')
    .replace('section = "Craft"', f'section = "1. {HOSTILE}"')
    .replace('title = "Design document"', f'title = "Doc {HOSTILE}"')
    + f"""
[[expectations]]
id = "apprentice.craft.docs"
level = "apprentice"
area = "craft"
title = "Writes docs {HOSTILE}"
section = "Craft"
rule = {{ kind = "evidence", kinds = ["design-doc"], min_count = 2 }}
"""
)


def skilltrack(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hostile ladder in force, and a record whose own strings are hostile too."""
    monkeypatch.setenv("SKILLTRACK_NOW", NOW)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    ladder = write_ladder(tmp_path, LADDER)
    monkeypatch.setenv("SKILLTRACK_FRAMEWORK", str(ladder))
    steps = [
        ("profile", "--set", "name=<b>Ana</b> [me](javascript:alert(1))", "--set", "title=# Staff *now*"),
        ("skill", "rate", "Python", "1"),
        (
            "evidence",
            "add",
            "<img src=x onerror=alert(1)> [t](javascript:alert(1)) | cell",
            "--kind",
            "design-doc",
            "--link",
            "javascript:alert(1)",
            "--expectation",
            "apprentice.craft.docs",
        ),
    ]
    for step in steps:
        code, _, err = skilltrack(*step)
        assert code == 0, (step, err)
    return ladder


class Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value or "" for key, value in attrs if key in ("href", "src")]
        assert not [key for key, _ in attrs if key.startswith("on")], (tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Html:
    parser = Html()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.usefixtures("hostile")
def test_the_markdown_report_renders_every_hostile_string_as_text() -> None:
    code, markdown, err = skilltrack("report", "--format", "markdown")
    assert code == 0, err
    assert "\x1b" not in markdown and REFUSED.search(markdown) is None
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    document = parsed(html)
    assert not {"script", "img", "b", "iframe", "hr", "blockquote"} & set(document.tags)
    assert not [link for link in document.links if not link.startswith(("http:", "https:", "mailto:"))]
    headings = [tag for tag in document.tags if re.fullmatch(r"h[1-6]", tag)]
    # The report's own headings only: the report's title, its sections, no heading from a ladder string.
    assert headings.count("h1") == 1
    text = "".join(document.text)
    assert "<script>alert(1)</script> *x* [a](javascript:alert(1)) ␛[31mred" in text
    assert "<b>Ana</b> [me](javascript:alert(1))" in text
    assert "# Staff *now*" in text
    assert "<img src=x onerror=alert(1)> [t](javascript:alert(1)) | cell" in text
    assert "- Writes <script>" in text and "# Craft <script>" in text


@pytest.mark.usefixtures("hostile")
def test_the_html_report_renders_every_hostile_string_as_text() -> None:
    code, html, err = skilltrack("report", "--format", "html")
    assert code == 0, err
    assert REFUSED.search(html) is None
    document = parsed(html)
    assert not {"script", "img", "b", "i", "em", "iframe"} & set(document.tags)
    assert document.tags.count("style") == 1
    assert document.tags.count("h1") == 1
    assert not [link for link in document.links if not link.startswith(("http:", "https:", "mailto:"))]
    text = "".join(document.text)
    assert "<script>alert(1)</script> *x* [a](javascript:alert(1)) ␛[31mred" in text
    assert "<img src=x onerror=alert(1)> [t](javascript:alert(1)) | cell" in text
    assert "<b>Ana</b> [me](javascript:alert(1))" in text


@pytest.mark.usefixtures("hostile")
@pytest.mark.parametrize(
    "args",
    [
        ("report",),
        ("guide",),
        ("plan",),
        ("progress",),
        ("evidence", "list"),
        ("profile",),
        ("status",),
    ],
    ids=" ".join,
)
def test_text_output_never_carries_a_control_character(args: tuple[str, ...]) -> None:
    code, out, err = skilltrack(*args)
    assert code == 0, err
    assert REFUSED.search(out) is None
    if args[0] in ("report", "guide", "plan", "progress", "status"):
        assert "␛[31mred" in out  # the ladder's ESC, shown


def test_md_escapes_what_opens_a_block_and_leaves_the_rest_as_it_reads() -> None:
    renderer = MarkdownIt("commonmark")
    for text in ("# heading", "- item", "+ item", "1. first", "12) twelfth", "---", "> quote", "    code"):
        item = renderer.render(f"- {md(text)}\n")
        assert item.count("<li>") == 1 and "<h1>" not in item and "<ol" not in item and "<hr" not in item
        assert "<blockquote>" not in item
    assert md("4.0 of 5") == "4.0 of 5"
    assert md("-5 was the answer") == "-5 was the answer"
    assert md("a\x1bb\nc") == "a␛b c"
    assert md_code("x\x07`y") == "`` x␇`y ``"
    assert md_link("javascript:alert(1)", "click") == "click"
