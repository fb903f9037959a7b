"""Marks for the fast loop (``pytest -m "not slow"``)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest


def slow_after(values: Iterable, keep: int = 1) -> list:
    """Parametrize values of which the first ``keep`` run in the fast loop and the others are
    marked ``slow``: each case costs a process or a build, the full suite and CI run them all."""
    values = list(values)
    return values[:keep] + [pytest.param(v, marks=pytest.mark.slow) for v in values[keep:]]
