"""Free text as people type it, checked by one rule: what every field of the record keeps, and what its
import reads back.

The rule is fixed code points, not Unicode categories, so that a record written by one skilltrack (and
one Python, with its own Unicode database) is read whole by another.

Refused in every field, wherever they stand:

- the C0 controls U+0000–U+001F (NUL, ESC and the rest), except TAB, LF and CR;
- DEL U+007F and the C1 controls U+0080–U+009F (U+009B starts a terminal escape sequence as ESC ``[``
  does);
- the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, which make a
  line show its characters in another order than they are stored;
- the line and paragraph separators U+2028 and U+2029;
- unpaired surrogates U+D800–U+DFFF (no file or record can hold them).

TAB, LF and CR are whitespace. In a one-line field every run of whitespace (these and the Unicode
spaces, like U+00A0) becomes one space and the ends are trimmed. In a multi-line field line ends become
LF, TABs stay, spaces at the end of each line and blank lines at either end go.

A name or title that things are found by (a skill, a project, a story) also refuses invisible
characters (zero-width spaces and joiners, soft hyphens, variation selectors, the byte-order mark):
they would make two different names look the same.

Every field is NFC-normalised, so that ``Cafe\\u0301`` and ``Café`` are one text. Cleaning what was
cleaned changes nothing: the record keeps only texts the import accepts as they are. The import reads a
value with the same function in its ``keep`` form: the same refusals and limits, nothing rewritten, so
that a value an older version stored (two spaces, a line break in a note) also reads back whole.
"""

import re
import unicodedata

from skilltrack.domain.errors import InputError

REFUSED_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
"""The characters no field accepts, as the inside of a regular expression's ``[…]``."""
REFUSED = re.compile(f"[{REFUSED_CLASS}]")
"""A character no field accepts."""
NOT_ON_ONE_LINE = re.compile(f"[{REFUSED_CLASS}\t\n\r]")
"""A character that does not belong on one line of a terminal: the refused ones, TAB, LF and CR."""
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
"""Characters that show nothing (Unicode's default-ignorable code points), refused in names."""
_SPACES = re.compile(r"[\t\n\r \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
"""Whitespace a one-line field folds into one space."""
_LINE_END = re.compile(r"\r\n?")

MAX_NOTE_LENGTH = 4000
"""A note (of a session, a rating, evidence, a mock interview): one line, at most this many characters."""
MAX_LINE_LENGTH = 200
"""A one-line value with no length of its own (a role, an evidence title, a kind, an id)."""
MAX_LINK_LENGTH = 500
"""A link kept as it was given (evidence, projects)."""


def _described(char: str) -> str:
    code = ord(char)
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        what = "a text direction control"
    elif code in (0x2028, 0x2029):
        what = "a line separator"
    elif 0xD800 <= code <= 0xDFFF:
        what = "a lone surrogate"
    elif _INVISIBLE.match(char):
        what = "an invisible character"
    else:
        what = "a control character"
    return f"{what} (U+{code:04X})"


def find_refused(text: str, *, multiline: bool = True) -> int | None:
    """The index of the first character of ``text`` no field accepts (none: ``None``). With
    ``multiline`` false, TAB, LF and CR count as refused too (for a value that must stay as it is)."""
    found = (REFUSED if multiline else NOT_ON_ONE_LINE).search(text)
    return None if found is None else found.start()


def refused_problem(text: str, index: int) -> str:
    """``contains a control character (U+001B) at position 5; use plain text`` (positions from 1)."""
    return f"contains {_described(text[index])} at position {index + 1}; use plain text"


def clean_text(
    text: str,
    *,
    field: str,
    max_length: int,
    multiline: bool = False,
    empty: str | None = None,
    keyed: bool = False,
    keep: bool = False,
) -> str:
    """``text`` as the record keeps it, or :class:`InputError` naming ``field``.

    One line unless ``multiline``; refused when longer than ``max_length`` once cleaned, when empty and
    ``empty`` (the problem to report) is given, and (with ``keyed``, for names) when it holds invisible
    characters.

    With ``keep`` (a value read back from an export: what a record already holds), the text is checked
    by the same rule and limits but returned as it is, spaces and line breaks included: a record
    written before the rule folded them reads back whole, byte for byte.
    """
    found = REFUSED.search(text)
    if found is None and keyed:
        found = _INVISIBLE.search(text)
    if found is not None:
        raise InputError(field, refused_problem(text, found.start()))
    if keep:
        cleaned = text
    else:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if multiline:
            lines = _LINE_END.sub("\n", text).split("\n")
            cleaned = "\n".join(line.rstrip() for line in lines).strip()
        else:
            cleaned = _SPACES.sub(" ", text).strip()
    if empty is not None and not cleaned.strip():
        raise InputError(field, empty)
    if len(cleaned) > max_length:
        raise InputError(field, f"is {len(cleaned):,} characters long; use at most {max_length:,}")
    return cleaned


def clean_note(text: str, *, field: str = "note", keep: bool = False) -> str:
    """A note: one line (line breaks become spaces), possibly empty, at most :data:`MAX_NOTE_LENGTH`."""
    return clean_text(text, field=field, max_length=MAX_NOTE_LENGTH, keep=keep)


def blank_refused(text: str) -> str:
    """``text`` with every refused character made a space: for text pasted from elsewhere (a job
    posting from a web page or a PDF), where a stray form feed is no reason to refuse the whole."""
    return REFUSED.sub(" ", text)
