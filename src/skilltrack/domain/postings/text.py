"""A posting as typed or pasted: its text, company, title, link and status, checked before anything
is read or saved."""

import re
import unicodedata

from skilltrack.domain.errors import InputError
from skilltrack.domain.kinds import POSTING_STATUSES
from skilltrack.domain.postings.asks import MAX_LINK_LENGTH, MAX_POSTING_CHARACTERS, MAX_TITLE_LENGTH


def clean_posting_text(text: str, *, field: str = "posting") -> str:
    """The posting's text with line ends unified and control characters blanked; refuse empty or huge."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = "".join(
        char if char in "\n\t" or not unicodedata.category(char).startswith("C") else " " for char in unified
    )
    if not any(char.isalpha() for char in cleaned):
        raise InputError(field, "has no words; paste or load the text of the job posting")
    if len(cleaned) > MAX_POSTING_CHARACTERS:
        raise InputError(
            field, f"is {len(cleaned):,} characters long; use at most {MAX_POSTING_CHARACTERS:,}"
        )
    return cleaned.strip()


def parse_posting_status(text: str, *, field: str = "status") -> str:
    status = text.strip().lower()
    if status not in POSTING_STATUSES:
        raise InputError(field, f"{text!r} is not a status; use one of {', '.join(POSTING_STATUSES)}")
    return status


def clean_line(text: str, *, field: str, limit: int = MAX_TITLE_LENGTH, required: bool = True) -> str:
    """One line of text (a company, a title): spaces collapsed, no control characters, not too long."""
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    if required and not cleaned:
        raise InputError(field, "is empty; give it as the posting names it")
    if len(cleaned) > limit:
        raise InputError(field, f"is {len(cleaned)} characters long; use at most {limit}")
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise InputError(field, "holds control characters; use printable text only")
    return cleaned


def clean_link(text: str, *, field: str = "link") -> str:
    link = text.strip()
    if not link:
        return ""
    printable = not any(unicodedata.category(char).startswith("C") for char in link)
    if len(link) > MAX_LINK_LENGTH or not printable or not re.fullmatch(r"https?://[^\s<>\"]+", link):
        raise InputError(
            field, f"{text!r} is not a link; use an http:// or https:// address, or leave it empty"
        )
    return link
