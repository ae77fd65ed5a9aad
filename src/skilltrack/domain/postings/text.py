"""A posting as typed or pasted: its text, company, title, link and status, checked before anything
is read or saved. Every value goes through the one text rule (:mod:`skilltrack.domain.text`)."""

import re

from skilltrack.domain.errors import InputError
from skilltrack.domain.kinds import POSTING_STATUSES
from skilltrack.domain.postings.asks import MAX_LINK_LENGTH, MAX_POSTING_CHARACTERS, MAX_TITLE_LENGTH
from skilltrack.domain.text import blank_refused, clean_text

_PASTED_LINE_END = re.compile(r"\r\n?|[\u2028\u2029]")


def clean_posting_text(text: str, *, field: str = "posting", keep: bool = False) -> str:
    """The posting's text, multi-line: line ends unified, and (since it is pasted from a web page or a
    PDF, not typed) every character the text rule refuses made a space instead of refusing it all;
    refused when it has no words or is huge. With ``keep`` (a saved posting read back) only those
    characters are blanked: the text is otherwise kept as it was saved."""
    if keep:
        cleaned = clean_text(blank_refused(text), field=field, max_length=MAX_POSTING_CHARACTERS, keep=True)
    else:
        cleaned = clean_text(
            blank_refused(_PASTED_LINE_END.sub("\n", text)),
            field=field,
            max_length=MAX_POSTING_CHARACTERS,
            multiline=True,
        )
    if not any(char.isalpha() for char in cleaned):
        raise InputError(field, "has no words; paste or load the text of the job posting")
    return cleaned


def parse_posting_status(text: str, *, field: str = "status") -> str:
    status = text.strip().lower()
    if status not in POSTING_STATUSES:
        raise InputError(field, f"{text!r} is not a status; use one of {', '.join(POSTING_STATUSES)}")
    return status


def clean_line(
    text: str, *, field: str, limit: int = MAX_TITLE_LENGTH, required: bool = True, keep: bool = False
) -> str:
    """One line of text (a company, a title): spaces collapsed, no control characters, not too long."""
    return clean_text(
        text,
        field=field,
        max_length=limit,
        empty="is empty; give it as the posting names it" if required else None,
        keep=keep,
    )


_LINK = re.compile(r"https?://[^\s<>\"]+")


def clean_link(text: str, *, field: str = "link", keep: bool = False) -> str:
    """An ``http://`` or ``https://`` address of printable characters, or nothing. With ``keep`` (a
    saved posting read back) the address is kept as it was saved, printable as this Python's Unicode
    tables have it or not."""
    link = clean_text(text, field=field, max_length=MAX_LINK_LENGTH, keyed=True, keep=keep)
    if link and not (_LINK.fullmatch(link) and (keep or link.isprintable())):
        raise InputError(
            field, f"{text!r} is not a link; use an http:// or https:// address, or leave it empty"
        )
    return link
