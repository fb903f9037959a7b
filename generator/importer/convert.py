"""Legacy ``.doc`` (and ``.wps``) files to ``.docx`` through LibreOffice headless.

Kept small and on its own: the one place that starts LibreOffice for import."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: seconds allowed for one LibreOffice run (a batch of files)
TIMEOUT = 600


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(paths: list[Path], workdir: Path) -> dict[Path, Path | str]:
    """Convert each file to .docx inside ``workdir``; returns path → converted file, or the
    reason it could not be converted."""
    exe = soffice()
    if exe is None:
        return {p: "没有安装 LibreOffice（soffice），无法转换旧版 Word 文件：请安装 LibreOffice，"
                   "或在 Word/WPS 中另存为 .docx 后再导入" for p in paths}
    out: dict[Path, Path | str] = {}
    inbox = workdir / "in"
    outbox = workdir / "out"
    inbox.mkdir(parents=True, exist_ok=True)
    outbox.mkdir(parents=True, exist_ok=True)
    names = {}
    for k, p in enumerate(paths):
        copy = inbox / f"f{k:06d}{p.suffix.lower()}"  # unique, harmless names for LibreOffice
        shutil.copyfile(p, copy)
        names[copy.stem] = p
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=workdir))
    for start in range(0, len(paths), 200):
        chunk = sorted(inbox.iterdir())[start:start + 200]
        try:
            subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                            "--convert-to", "docx", "--outdir", str(outbox), *map(str, chunk)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            pass
        except OSError as exc:
            for c in chunk:
                out[names[c.stem]] = f"无法启动 LibreOffice：{exc}"
    for stem, original in names.items():
        if original in out:
            continue
        converted = outbox / f"{stem}.docx"
        out[original] = converted if converted.is_file() else "LibreOffice 没能转换这个文件（可能已损坏或加密）"
    return out
