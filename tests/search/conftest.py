"""The search tests' hand-written units (testkit.search_corpus.hand_units), built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.search import build_index
from testkit.search_corpus import hand_units


@pytest.fixture(scope="session")
def hand_index(tmp_path_factory) -> Path:
    """The built site directory for :func:`hand_units`; the index is ``/search-index``."""
    out = tmp_path_factory.mktemp("hand-site")
    build_index(hand_units(), out)
    return out
