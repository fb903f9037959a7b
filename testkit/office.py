"""LibreOffice for rendering tests: skip, with the reason, where it is not installed."""

from __future__ import annotations

import shutil

import pytest


def soffice() -> str | None:
    """The LibreOffice executable on PATH (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_office(module: bool = False) -> None:
    """Skip the test (with ``module=True``: the whole test module) unless LibreOffice is installed."""
    if soffice() is None:
        pytest.skip(
            "LibreOffice is not installed: soffice is not on PATH (apt-get install libreoffice-writer)",
            allow_module_level=module,
        )
