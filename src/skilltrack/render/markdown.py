"""Text from the record made safe for Markdown and links: what reads as itself, and links that are links.

Every string that comes from the record or a ladder file goes through :func:`md` (or :func:`md_link`,
:func:`md_code`) before it lands in a Markdown document, so that a note, a title or a shared ladder's
name can never become markup, a link, HTML or a broken table, and never carries a control character
(:func:`~skilltrack.render.terminal.printable`: a Markdown report is often read with ``cat``).
"""

import re

from skilltrack.render.terminal import printable

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


def md(text: str) -> str:
    """Record text as Markdown that reads as itself: no markup, links, HTML, table breaks or control
    characters in it; a start that would open a block (a heading, a list item) is escaped too."""
    line = printable(" ".join(text.splitlines()))
    escaped = "".join(
        _MD_ENTITIES.get(char) or (f"\\{char}" if char in _MD_SIGNIFICANT else char) for char in line
    )
    return _escape_block_start(escaped)


_BLOCK_START = re.compile(r" {0,3}(?:#{1,6}(?=[ \t]|$)|[-+](?=[ \t\-]|$)|[0-9]{1,9}(?=[.)](?:[ \t]|$)))")
"""What opens a block where a line starts: a heading (``# ``), a list item (``- ``, ``+ ``, ``1. ``,
``1) ``) or a thematic break (``---``); ``*``, ``_`` and ``>`` are escaped wherever they stand."""


def _escape_block_start(text: str) -> str:
    """A backslash before what would open a block, were the text to start a line (it does at the start
    of a list item); mid-line, and rendered, it changes nothing."""
    found = _BLOCK_START.match(text)
    if found is None:
        return text
    end = found.end()
    return (
        text[:end] + "\\" + text[end:]
        if text[end - 1].isdigit()
        else text[: end - 1] + "\\" + text[end - 1 :]
    )


def md_link(url: str | None, label: str) -> str:
    """``label`` linked to ``url`` when it is a web or mail address; escaped text otherwise."""
    safe = safe_link(url)
    if safe is None:
        return md(label)
    # Whatever could end the destination or start a title is percent-encoded: the address stays one.
    destination = "".join(f"%{ord(c):02X}" if c in "<>()\\ \"'" or ord(c) <= 32 else c for c in safe)
    return f"[{md(label)}]({destination})"


def md_code(text: str) -> str:
    """``text`` as a code span, fenced past any backticks in it."""
    text = printable(" ".join(text.splitlines()))
    run = longest = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"
