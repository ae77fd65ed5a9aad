"""Text from the record or a ladder made safe to print: no character in it can move the cursor, recolour
the terminal, ring its bell or reorder the line.

Values stored before the text rule (:mod:`skilltrack.domain.text`) was enforced, an import of that time,
or a ladder file written by hand may hold control characters; :func:`printable` shows each as a visible
stand-in instead of sending it to the terminal: the C0 controls and DEL as their Control Pictures (``␛``
for ESC, ``␀`` for NUL, ``␡`` for DEL), every other character the rule refuses as ``\\u202e``.
"""

import re

from skilltrack.domain.text import NOT_ON_ONE_LINE, REFUSED_CLASS

_NOT_IN_LINES = re.compile(f"[{REFUSED_CLASS}\r]")
"""What text of many lines may not hold: the refused characters and CR (LF and TAB are kept)."""


def _stand_in(found: re.Match[str]) -> str:
    code = ord(found[0])
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as a stand-in; on one line (unless ``multiline``,
    which keeps LF and TAB) line breaks and TABs too (``␊``, ``␉``)."""
    pattern = _NOT_IN_LINES if multiline else NOT_ON_ONE_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_stand_in, text)
