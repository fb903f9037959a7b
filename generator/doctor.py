"""``govpub doctor``: what this machine has for govpub (SPEC §7.5).

Python, LibreOffice (needed for the archive volume's page counts and PDF/A copies), the
Chinese faces LibreOffice will use for 仿宋, 小标宋, 楷体, 黑体 and 宋体 and what they fall
back to (asked of fontconfig, with govpub's font map: generator/office/fontmap.py), the Latin
face for digits, and Chromium (only the browser tests need it). Exit 1 when something the
exports need is missing.
"""

from __future__ import annotations

import platform
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["diagnose", "Report", "run"]

MIN_PYTHON = (3, 11)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what the exports need and this machine lacks
    advice: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing


def diagnose() -> Report:
    from .office import fontmap
    from .office.libreoffice import soffice_path, soffice_version

    rep = Report()
    add = rep.lines.append
    py = platform.python_version()
    if sys.version_info[:2] >= MIN_PYTHON:
        add(f"Python：{py}（{sys.executable}）")
    else:
        add(f"Python：{py}，版本过低")
        rep.missing.append(f"Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} 或更高版本")

    exe = soffice_path()
    if exe is None:
        add("LibreOffice：没有找到（soffice 不在 PATH 中）")
        rep.missing.append("LibreOffice：导出归档文件（页数、PDF/A 副本）需要它")
        rep.advice.append(
            "安装 LibreOffice：sudo apt-get install libreoffice-writer-nogui（Debian/Ubuntu），"
            "或从 https://www.libreoffice.org/ 下载安装，并让 soffice 命令在 PATH 中"
        )
    else:
        add(f"LibreOffice：{soffice_version(exe) or '版本未知'}（{exe}）")

    if not fontmap.fontconfig_available():
        add("字体：没有找到 fontconfig（fc-list、fc-match），无法查看本机字体")
        rep.advice.append("安装 fontconfig（sudo apt-get install fontconfig），以便查看和替换字体")
    else:
        add("字体（LibreOffice 排版和 PDF/A 副本所用；Word 文件里写的仍是原字体名）：")
        any_cjk = False
        for c in fontmap.resolve():
            role = c.role
            wanted = role.office[0]
            if c.source == "office":
                got = f"已安装 {c.family}"
            elif c.family is None:
                got = "没有可用的字体"
            else:
                kind = fontmap.STYLE_NAMES.get(c.style, c.style)
                how = "替代字体" if c.source == "standin" else "fontconfig 默认替换"
                bold = "粗体" if role.bold and c.source == "standin" else ""
                got = f"未安装，改用 {c.family}{bold}（{kind}类，{how}）"
            flag = "  ⚠ 字形风格不同" if c.off_style and role.cjk else ""
            add(f"  {role.label}（{role.used_for}）：{wanted} → {got}{flag}")
            if role.cjk and c.family is not None and c.style != "other":
                any_cjk = True
            if c.off_style and role.cjk:
                free = "、".join(f for f, s in role.standins if s == role.style)
                rep.advice.append(f"{role.label}：可安装免费的 {free}（见 README“字体”一节）")
        if not any_cjk:
            rep.missing.append("中文字体：PDF/A 副本和页数需要至少一种中文字体")
            rep.advice.append("安装中文字体：sudo apt-get install fonts-noto-cjk")

    chromium = next((shutil.which(n) for n in CHROMIUM_NAMES if shutil.which(n)), None)
    add(
        f"Chromium：{chromium}（网站的浏览器测试使用）"
        if chromium
        else "Chromium：没有找到（只有网站的浏览器测试需要，导出不需要）"
    )
    return rep


def run(out: Callable[[str], None] = print) -> int:
    """Print the report; 0 when the exports have what they need, else 1."""
    rep = diagnose()
    out("govpub 运行环境检查")
    for line in rep.lines:
        out(line)
    if rep.advice:
        out("建议：")
        for line in dict.fromkeys(rep.advice):
            out(f"  - {line}")
    if rep.missing:
        out("缺少导出所需的：" + "；".join(rep.missing))
        return 1
    out("结论：本机可以导出 Word 文件和归档文件（含 PDF/A 副本）。")
    return 0
