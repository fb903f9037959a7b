"""Legacy ``.doc`` (and ``.wps``) files to ``.docx``, through govpub's one LibreOffice driver
(:meth:`generator.office.libreoffice.Office.convert`: a private profile, timeouts that stop the
whole LibreOffice process group)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..office.libreoffice import LibreOfficeError, Office, soffice_path

__all__ = ["convert_to_docx"]


def convert_to_docx(paths: list[Path], workdir: Path) -> dict[Path, Path | str]:
    """Convert each file to .docx inside ``workdir``; returns path → converted file, or the
    reason it could not be converted."""
    exe = soffice_path()
    if exe is None:
        return {
            p: "没有安装 LibreOffice（soffice），无法转换旧版 Word 文件：请安装 LibreOffice，"
            "或在 Word/WPS 中另存为 .docx 后再导入"
            for p in paths
        }
    inbox = workdir / "in"
    outbox = workdir / "out"
    office_work = workdir / "lo"
    for folder in (inbox, outbox, office_work):
        folder.mkdir(parents=True, exist_ok=True)
    copies: dict[Path, Path] = {}
    for k, p in enumerate(paths):
        copy = inbox / f"f{k:06d}{p.suffix.lower()}"  # unique, harmless names for LibreOffice
        shutil.copyfile(p, copy)
        copies[copy] = p
    try:
        with Office(exe=exe, work=office_work, lanes=1) as office:
            converted = office.convert(sorted(copies), outbox, "docx")
    except (OSError, LibreOfficeError) as exc:
        return {p: f"无法启动 LibreOffice：{exc}" for p in paths}
    out: dict[Path, Path | str] = {}
    for copy, original in copies.items():
        out[original] = converted.get(copy) or "LibreOffice 没能转换这个文件（可能已损坏或加密）"
    return out
