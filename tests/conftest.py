"""Shared fixtures (a builder that writes small corpora into a temporary root) and the
``browser`` and ``office`` markers.

The helpers themselves live in the ``testkit`` package (testkit/corpus.py, testkit/browser.py,
testkit/office.py, …), importable from every test folder; conftest modules hold fixtures and
hooks only and are never imported by name.

A test marked ``browser`` (headless Chromium) or ``office`` (LibreOffice) is skipped with the
reason where that program is missing, and counts as ``slow``: ``pytest -m "not slow"`` leaves
it out of the fast loop, the full suite and CI run it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from testkit.browser import require_browser
from testkit.corpus import REPO, CorpusBuilder
from testkit.office import require_office


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("browser") or item.get_closest_marker("office"):
            item.add_marker(pytest.mark.slow)


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser"):
        require_browser()
    if item.get_closest_marker("office"):
        require_office()


@pytest.fixture
def corpus(tmp_path: Path) -> CorpusBuilder:
    return CorpusBuilder(tmp_path)


@pytest.fixture(scope="session")
def corpus_builder() -> type[CorpusBuilder]:
    """The builder class itself, for tests that make many corpora in one run (Hypothesis)."""
    return CorpusBuilder


@pytest.fixture(scope="session")
def sample_root() -> Path:
    return REPO
