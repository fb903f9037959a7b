"""govpub doctor (SPEC §7.5): what this machine has, exit 1 when the exports lack something."""

from __future__ import annotations

import shutil

import pytest

from generator.cli import main
from generator.office import fontmap


def test_doctor_reports_python_libreoffice_faces_and_chromium(capsys):
    if shutil.which("soffice") is None or not fontmap.fontconfig_available():
        pytest.skip("needs LibreOffice and fontconfig (installed by .ci/run)")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "Python：3." in out and "LibreOffice：LibreOffice" in out
    for label in ("仿宋", "小标宋", "楷体", "黑体", "宋体", "Times New Roman"):
        assert f"  {label}（" in out, label
    assert "仿宋_GB2312 →" in out and "Chromium" in out
    chosen = {c.role.key: c for c in fontmap.resolve()}
    assert chosen["fangsong"].family in out


def test_doctor_fails_without_libreoffice(monkeypatch, capsys):
    real = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name, *a, **k: None if name in ("soffice", "libreoffice") else real(name, *a, **k)
    )
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "LibreOffice：没有找到" in out and "缺少导出所需的" in out and "apt-get install" in out


def test_doctor_names_a_fallback_of_another_style(monkeypatch, capsys):
    """A machine whose only Chinese face is a sans face: 仿宋 falls back to 黑体-style text."""
    sans = fontmap.Choice(fontmap.ROLES[0], "Noto Sans CJK SC", "sans", "fallback", None)
    others = tuple(fontmap.Choice(r, "Noto Sans CJK SC", "sans", "fallback", None) for r in fontmap.ROLES[1:])
    monkeypatch.setattr(fontmap, "resolve", lambda *a: (sans, *others))
    monkeypatch.setattr(fontmap, "fontconfig_available", lambda: True)
    code = main(["doctor"])
    out = capsys.readouterr().out
    assert "仿宋_GB2312 → 未安装，改用 Noto Sans CJK SC（黑体类" in out and "字形风格不同" in out
    assert "FandolFang" in out  # what to install instead
    assert code == (0 if shutil.which("soffice") else 1)
    warnings = fontmap.fallback_warnings((sans,))
    assert len(warnings) == 1 and "仿宋" in warnings[0] and "Noto Sans CJK SC" in warnings[0]
