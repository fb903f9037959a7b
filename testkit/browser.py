"""Headless Chromium for browser tests: Debian's chromium driven by Playwright.

Tests marked ``browser`` (see tests/conftest.py) skip, with the reason, where chromium or
Playwright is not installed, and :func:`chromium` skips the same way; CI installs both.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def require_browser(module: bool = False) -> None:
    """Skip the test (with ``module=True``: the whole test module, called at its top) unless
    Chromium and Playwright are both installed."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=module)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install -e '.[test]')", allow_module_level=module)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # keep-alive, as a real web server: the browser reuses connections for the many small
    # files a search or a page fetches
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass


@contextmanager
def serve_dir(root: Path):
    """Serve ``root`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
