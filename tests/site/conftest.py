"""Fixtures for site tests: the sample site, built once per session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.commands.sitebuild import build_checked

REPO = Path(__file__).resolve().parents[2]
SAMPLE_AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "site"
    result = build_checked(REPO, SAMPLE_AS_OF, out)
    assert not result.warnings, result.warnings
    return out
