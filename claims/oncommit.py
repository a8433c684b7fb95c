"""Work sent on once a transaction commits (a broker message, an email), which must never fail
the request or the job that committed: its failure is logged, and the row it was about stays the
record of work to do (a sweeper sends it again).

Every robust on-commit callback goes through `after_commit`. Django logs a failing robust callback
by its `__qualname__`; a functools.partial has none, so the logging itself raised and turned a
broker that is down into a 500 after the job had been committed.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction


class Call:
    """A function and the arguments to call it with later, named as the function is."""

    def __init__(self, func: Callable[..., Any], *args: Any) -> None:
        self.func = func
        self.args = args
        self.__qualname__ = getattr(func, "__qualname__", type(func).__qualname__)

    def __call__(self) -> None:
        self.func(*self.args)

    def __repr__(self) -> str:
        return f"<call {self.__qualname__}{self.args!r}>"


def after_commit(func: Callable[..., Any], *args: Any) -> None:
    """Call func(*args) once the current transaction commits (at once outside one); an exception
    it raises is logged by Django, with the function's name, and goes no further."""
    transaction.on_commit(Call(func, *args), robust=True)
