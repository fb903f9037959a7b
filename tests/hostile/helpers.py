"""Shared by the hostile-input suite: run the real command line, bypass the check."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

AS_OF = dt.date(2026, 11, 23)
LIMIT_S = 120


def cli(
    root: Path | str, *args: str, cwd: Path | str | None = None, as_of: str = "2026-11-23"
) -> subprocess.CompletedProcess:
    """``govpub --root ROOT --as-of … ARGS`` in a subprocess: never a traceback, never 内部错误."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "--as-of", as_of, *args],
        capture_output=True,
        text=True,
        timeout=LIMIT_S,
        cwd=cwd,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "内部错误" not in proc.stderr, proc.stderr
    return proc


def build_unchecked(root: Path, out: Path, as_of: dt.date = AS_OF, downloads: bool = False):
    """Build ``root`` with the check skipped: what the renderer alone lets through (the second
    line of defence must hold even where a rule misses something)."""
    from generator.commands.siteparts import default_parts
    from generator.site.build import build_site

    return build_site(root, as_of, out, downloads=downloads, parts=default_parts(), parallel=False)


def site_text(site: Path, suffixes=(".html", ".xml", ".json", ".js", ".css", ".txt")) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in suffixes
    )


def injected_markup(site: Path, tag: str = "qzx") -> list[str]:
    """Elements named ``tag`` or attributes named ``on<tag>``/``<tag>`` that reached any HTML
    page as markup (parsed, not searched as text), and javascript: URLs in href/src."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        def handle_starttag(self, name, attrs):
            if name == tag:
                found.append(f"<{name}>")
            for key, value in attrs:
                if key in (f"on{tag}", tag) or key.startswith("on") and value and "qzx" in value:
                    found.append(f"{name}[{key}]")
                if (
                    key in ("href", "src", "action", "formaction")
                    and value
                    and value.replace(" ", "").lower().startswith(("javascript:", "vbscript:", "data:text/html"))
                ):
                    found.append(f"{name}[{key}={value}]")

    out: list[str] = []
    for page in sorted(site.rglob("*.html")):
        found.clear()
        Scan().feed(page.read_text(encoding="utf-8"))
        out.extend(f"{page.relative_to(site)}: {f}" for f in found)
    return out


def codes(result, path: str | None = None) -> set[str]:
    return {d.code for d in result.diagnostics if path is None or d.path == path}
