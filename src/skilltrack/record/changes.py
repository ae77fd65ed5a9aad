"""What an edit changed: the row as it was and as it is, compared field by field.

Every ``… edit`` command and the app's edit forms say what changed (and ``--json`` lists it), from the
same two snapshots of the row, read in the edit's own transaction.
"""

from typing import Any, Generic, NamedTuple, TypeVar

Row = TypeVar("Row")


class Edited(NamedTuple, Generic[Row]):
    before: Row
    after: Row
    notices: tuple[str, ...] = ()
    """What was assumed on the way (a skill added to the record), one line each."""

    @property
    def changed(self) -> dict[str, tuple[Any, Any]]:
        """Each field that changed, with its value before and after, in the row's order."""
        before, after = _fields(self.before), _fields(self.after)
        return {name: (value, after[name]) for name, value in before.items() if value != after[name]}


def _fields(row: object) -> dict[str, Any]:
    as_dict = getattr(row, "_asdict", None)
    if as_dict is not None:
        return dict(as_dict())
    return dict(vars(row))
