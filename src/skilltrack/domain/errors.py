"""Errors a person can fix: input that cannot be accepted, and a ladder file that cannot be used."""


class InputError(ValueError):
    """Bad input, with the field it came from and what would be accepted.

    ``str(error)`` is the message shown to the user, e.g.
    ``duration: "0m" is not accepted; use a length between 1 minute and 24 hours, like 45m or 1h30m``.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class FrameworkError(ValueError):
    """A ladder file that cannot be used, with where and why.

    Raised by :mod:`skilltrack.guide.loader` (which re-exports it); defined here so that catching it
    does not import the loader and the ladder's types.
    """

    def __init__(self, source: str, where: str, problem: str) -> None:
        self.source = source
        self.where = where
        self.problem = problem
        location = f"{source}: {where}: " if where else f"{source}: "
        super().__init__(f"{location}{problem}")
