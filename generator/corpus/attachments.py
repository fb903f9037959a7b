"""Which attachment files may be published (SPEC §7.6, rule X006), decided in one place.

An attachment ``file`` is published as it is (a download) or, for Markdown, rendered into the
document's page and Word file. So it must be a real, visible file under
``content/attachments/`` (any depth), written as a plain root-relative path, in a format that
is safe to serve: PDF, DOCX, XLSX, raster images, or Markdown (which is sanitised). HTML, SVG
(an image that can run script), scripts and anything else are refused, as is a file whose
first bytes say it is something other than its name claims.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .loader import ATTACHMENTS_DIR

#: suffix → the first bytes a file of that kind starts with (None: text, checked as UTF-8)
SAFE_FORMATS: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".md": None,
}
FORMAT_NAMES = "PDF、DOCX、XLSX、PNG/JPEG/GIF/WebP 图片或 Markdown（.md）"

_PART_RE = re.compile(r"^[^\x00-\x1f\\/:*?\"<>|]+$")
_MAX_NAME_BYTES = 200


def attachment_problem(root: str | os.PathLike, file: str) -> str | None:
    """Why the attachment ``file`` (as written in the front matter) may not be published, or
    None when it may. A file that does not exist is not a problem here (S003 reports it)."""
    if "\x00" in file or "\\" in file:
        return "路径中不能有反斜杠或 NUL 字符，请用 / 分隔"
    parts = file.split("/")
    prefix = ATTACHMENTS_DIR.split("/")
    if parts[: len(prefix)] != prefix or len(parts) <= len(prefix):
        return f"附件文件须放在 {ATTACHMENTS_DIR}/ 下（可以再分子文件夹），并写相对根目录的路径"
    for part in parts[len(prefix) :]:
        if part in ("", ".", ".."):
            return "路径中不能有 .. 、. 或空的部分"
        if part.startswith("."):
            return "不能是隐藏文件或隐藏文件夹中的文件"
        if not _PART_RE.match(part):
            return f"文件或文件夹名“{part}”中有不允许的字符"
        if len(part.encode("utf-8")) > _MAX_NAME_BYTES:
            return f"文件或文件夹名超过 {_MAX_NAME_BYTES} 字节，请改短"
    suffix = os.path.splitext(parts[-1])[1].lower()
    if suffix not in SAFE_FORMATS:
        kind = (
            "SVG 图片可以含有脚本"
            if suffix == ".svg"
            else "网页和脚本会在公众的浏览器中运行"
            if suffix in (".html", ".htm", ".xhtml", ".js", ".mjs")
            else "这种格式不能安全地直接提供下载"
        )
        return f"文件类型 {suffix or '（无扩展名）'} 不能作为附件发布（{kind}）：请转换为 {FORMAT_NAMES}"
    path = Path(root)
    for part in parts:
        path = path / part
        if path.is_symlink():
            return "路径中有符号链接：附件须是仓库中真实的文件"
    if not path.exists():
        return None
    if not path.is_file():
        return "这不是普通文件"
    magic = SAFE_FORMATS[suffix]
    if magic is not None:
        try:
            with open(path, "rb") as handle:
                head = handle.read(16)
        except OSError as exc:
            return f"无法读取：{exc.strerror}"
        if not head.startswith(magic) or (suffix == ".webp" and head[8:12] != b"WEBP"):
            return f"文件内容与扩展名 {suffix} 不符：请用正确的格式重新保存"
    return None
