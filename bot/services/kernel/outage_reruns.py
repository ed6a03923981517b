"""Every service call runs again when the database drops its connection mid-way.

The rule itself (what may run again, for how long) is storage's, in `storage/outage.py`: a unit
of work whose connection was lost before its COMMIT was sent left nothing behind. Here it is put
around every service call in one place (`Services.build` wraps each service), so no service
repeats it and none sees a driver's exception: the service call is the unit of work's scope, and
running the call again from the start runs its unit of work again from the start.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, cast

from storage.outage import rerun_on_outage

T = TypeVar("T")


class _Rerunning:
    """The service itself to its callers, with each coroutine method run by the re-run rule."""

    __slots__ = ("_patience", "_service", "_wrapped")

    def __init__(self, service: object, patience: float) -> None:
        self._service = service
        self._patience = patience
        # Wrapped once per method name: this sits on every question's path.
        self._wrapped: dict[str, Callable[..., Any]] = {}

    def __getattr__(self, name: str) -> Any:
        wrapped = self._wrapped.get(name)
        if wrapped is not None:
            return wrapped
        attribute = getattr(self._service, name)
        if not inspect.iscoroutinefunction(attribute):
            return attribute  # properties, plain methods, async generators: as they are
        wrapped = self._wrapped[name] = _rerun(attribute, self._patience)
        return wrapped

    def __repr__(self) -> str:
        return f"rerunning({self._service!r})"


def _rerun(method: Callable[..., Any], patience: float) -> Callable[..., Any]:
    @functools.wraps(method)
    async def call(*args: Any, **kwargs: Any) -> Any:
        return await rerun_on_outage(lambda: method(*args, **kwargs), patience)

    return call


def rerunning(service: T, patience: float) -> T:
    """``service``, its calls run again while the database is away, up to ``patience`` s."""
    return cast(T, _Rerunning(service, patience))
