"""Fixtures for site tests: the sample site, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.sitebuild import build_checked
from testkit.corpus import AS_OF as SAMPLE_AS_OF
from testkit.corpus import REPO


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "site"
    result = build_checked(REPO, SAMPLE_AS_OF, out)
    assert not result.warnings, result.warnings
    return out
