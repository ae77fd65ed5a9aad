"""The one error type for input a person typed that cannot be accepted."""


class InputError(ValueError):
    """Bad input, with the field it came from and what would be accepted.

    ``str(error)`` is the message shown to the user, e.g.
    ``duration: "0m" is not accepted; use a length between 1 minute and 24 hours, like 45m or 1h30m``.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")
