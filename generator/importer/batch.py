"""Importing many files at once: a folder tree of .docx/.doc/.wps, progress, the report.

A second run over the same folder imports nothing new and overwrites nothing: a file already
imported (its SHA-256 is in an existing file's ``review`` note) or a document whose number is
already in the corpus is skipped and listed as such.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .convert import convert_to_docx
from .docx import (
    _REGISTER_KEYS,
    FIELD_LABELS,
    ImportRefused,
    ImportResult,
    NoYearFolder,
    read_file,
    site_agency,
    write_result,
)
from .recognise import REPORT_FIELDS

WORD_SUFFIXES = (".docx", ".doc", ".wps")
_SHA_RE = re.compile(r"SHA-256 ([0-9a-f]{16})")
_NUMBER_RE = re.compile(r"^number:\s*(\S.*?)\s*$", re.M)

FORMATS_CN = {"standard": "通用格式", "letter": "信函格式", "minutes": "纪要格式", "order": "命令格式"}
STATUS_CN = {
    "imported": "已导入",
    "register": "已登记（涉密，只写登记条目）",
    "not-gongwen": "不是公文，未导入",
    "skipped": "已导入过，跳过",
    "error": "出错，未导入",
}


@dataclass
class BatchResult:
    results: list[ImportResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def find_word_files(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """(file, name shown) for each Word file named or found (recursively) in a folder."""
    found: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in WORD_SUFFIXES and not f.name.startswith(("~$", ".~")):
                    found.append((f, f.relative_to(p).as_posix()))
        else:
            found.append((p, p.name))
    return found


def _existing(root: Path) -> tuple[set[str], set[str]]:
    """Hashes of files already imported, and the numbers already in the corpus."""
    hashes, numbers = set(), set()
    docs = root / "content" / "documents"
    if docs.is_dir():
        for f in docs.rglob("*.md"):
            try:
                text = f.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            hashes.update(_SHA_RE.findall(text))
            m = _NUMBER_RE.search(text.split("\n---", 1)[0])
            if m:
                numbers.add(m.group(1).strip("'\""))
    return hashes, numbers


def import_paths(
    paths: list[Path],
    root: Path,
    *,
    out: Path | None = None,
    force_type: str | None = None,
    progress: Callable[[int, int, ImportResult], None] | None = None,
) -> BatchResult:
    """Import every Word file in ``paths`` into the corpus at ``root`` (``out``: the file to
    write when a single file is imported)."""
    start = time.perf_counter()
    batch = BatchResult()
    files = find_word_files(paths)
    hashes, numbers = _existing(root)
    agency = site_agency(root)
    legacy = [f for f, _ in files if f.suffix.lower() in (".doc", ".wps")]
    with tempfile.TemporaryDirectory(prefix="govpub-import-") as tmp:
        converted = convert_to_docx(legacy, Path(tmp)) if legacy else {}
        for k, (path, shown) in enumerate(files, 1):
            result = _one(
                path,
                shown,
                converted,
                root,
                out if len(files) == 1 else None,
                force_type,
                hashes,
                numbers,
                agency,
                alone=len(paths) == 1 and Path(paths[0]).is_file(),
            )
            batch.results.append(result)
            if progress:
                progress(k, len(files), result)
    batch.seconds = time.perf_counter() - start
    return batch


def _one(
    path: Path,
    shown: str,
    converted: dict,
    root: Path,
    out: Path | None,
    force_type: str | None,
    hashes: set[str],
    numbers: set[str],
    agency: str,
    *,
    alone: bool,
) -> ImportResult:
    source = path
    if path.suffix.lower() in (".doc", ".wps"):
        conv = converted.get(path)
        if not isinstance(conv, Path):
            return ImportResult(source=path, shown=shown, status="error", message=str(conv))
        source = conv
    try:
        result = read_file(source, shown=shown, force_type=force_type)
    except ImportRefused as exc:
        return ImportResult(source=path, shown=shown, status="error", message=str(exc).removeprefix(f"{shown}："))
    result.source = path
    if source is not path:  # a converted .doc: the original's hash identifies it
        import hashlib

        result.sha = hashlib.sha256(path.read_bytes()).hexdigest()
    if result.status == "not-gongwen":
        return result
    if result.sha[:16] in hashes:
        result.status, result.message = "skipped", "这个文件以前已导入过（语料中有相同 SHA-256 的导入记录），没有再写"
        return result
    number = result.value("number")
    if number and number in numbers and out is None:
        result.status, result.message = "skipped", f"语料中已有发文字号为 {number} 的公文，没有再写"
        return result
    try:
        write_result(result, root, out, agency=agency)
    except NoYearFolder as exc:
        result.status, result.message = "error", _no_year_message(exc, path, root, alone)
        return result
    except ImportRefused as exc:
        result.status, result.message = "error", str(exc)
        return result
    hashes.add(result.sha[:16])
    if number:
        numbers.add(number)
    return result


def _no_year_message(exc: NoYearFolder, path: Path, root: Path, alone: bool) -> str:
    """What to do with a file that has neither a 成文日期 nor a 发文字号: choose the year folder
    and import it on its own with --out (--out names a file only when one file is imported)."""
    import shlex

    cwd = Path.cwd().resolve()
    try:
        rel = Path(root).resolve().relative_to(cwd).as_posix()
        prefix, with_root = ("", "") if rel == "." else (rel + "/", f" --root {shlex.quote(rel)}")
    except ValueError:
        prefix, with_root = f"{Path(root).resolve().as_posix()}/", f" --root {shlex.quote(str(root))}"
    target = f"{prefix}content/documents/年份/{exc.slug}.md"
    if alone:
        return f"{exc}：请对照原件确定年份，用 --out 指定要写的文件，如 --out {target}"
    return (
        f"{exc}：请对照原件确定年份，再单独导入这个文件并用 --out 指定要写的文件："
        f"govpub{with_root} import docx {shlex.quote(str(path))} --out {target}"
    )


# -- the report ----------------------------------------------------------------------------------------


def _cell(result: ImportResult, name: str) -> str:
    f = result.fields.get(name)
    if f is None:
        return "missing"
    return f.state


def _shown_value(value) -> str:
    if isinstance(value, list):
        return "、".join(v if isinstance(v, str) else str(v.get("title", v)) for v in value)
    return "" if value is None else str(value)


def report_csv(batch: BatchResult, root: Path) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["file", "status", "written", *REPORT_FIELDS, "warnings", "personal_data", "message"])
    for r in batch.results:
        written = (
            r.path.relative_to(root).as_posix()
            if r.path and r.path.is_relative_to(root)
            else (str(r.path) if r.path else "")
        )
        fields = [_cell(r, name) for name in REPORT_FIELDS] if r.status not in ("error",) else [""] * len(REPORT_FIELDS)
        writer.writerow([r.shown, r.status, written, *fields, len(r.warnings), len(r.personal), r.message])
    return buf.getvalue()


def report_markdown(batch: BatchResult, root: Path) -> str:
    lines = ["# 导入报告", ""]
    total = len(batch.results)
    lines.append(
        f"共 {total} 个文件，用时 {batch.seconds:.1f} 秒："
        + "，".join(f"{STATUS_CN[s]} {batch.count(s)} 个" for s in STATUS_CN if batch.count(s))
        + "。"
    )
    lines.append("")
    lines.append(
        "导入的每个文件都带有 `review` 标记，在编辑核对并删去它之前不会发布。"
        "“读取”表示原件中有且已确定，“存疑”表示原件中有但不能照录（已留空并写明原因），"
        "“缺”表示原件中没有。"
    )
    lines.append("")
    # totals per field
    read_counts = {name: 0 for name in REPORT_FIELDS}
    unsure_counts = dict(read_counts)
    considered = [r for r in batch.results if r.status in ("imported", "register", "skipped")]
    for r in considered:
        for name in REPORT_FIELDS:
            state = _cell(r, name)
            if state == "read":
                read_counts[name] += 1
            elif state == "uncertain":
                unsure_counts[name] += 1
    failed = [r for r in batch.results if r.status == "error"]
    if failed:
        lines += ["## 没有导入、需要处理的文件", ""]
        lines += [f"- {_md(r.shown)}：{_md(r.message)}" for r in failed]
        lines.append("")
    lines += ["## 各字段合计", "", "| 字段 | 读取 | 存疑 | 缺 |", "|---|---|---|---|"]
    for name in REPORT_FIELDS:
        missing = len(considered) - read_counts[name] - unsure_counts[name]
        lines.append(f"| {FIELD_LABELS[name]} | {read_counts[name]} | {unsure_counts[name]} | {missing} |")
    lines += ["", "## 逐个文件", ""]
    mark = {"read": "读取", "uncertain": "存疑", "missing": "缺"}
    for r in batch.results:
        lines.append(f"### {_md(r.shown)}")
        lines.append("")
        status = STATUS_CN.get(r.status, r.status)
        if r.path:
            try:
                where = r.path.relative_to(root).as_posix()
            except ValueError:
                where = str(r.path)
            lines.append(f"- 结果：{status} → `{_md(where)}`")
        else:
            lines.append(f"- 结果：{status}")
        if r.message:
            lines.append(f"- 说明：{_md(r.message)}")
        if r.status == "error":
            lines.append("")
            continue
        if r.status in ("imported", "skipped"):
            lines.append(f"- 格式：{FORMATS_CN.get(r.format, r.format)}")
        if r.status == "register":
            shown = list(_REGISTER_KEYS)
        else:
            shown = list(REPORT_FIELDS)
        for name in shown:
            f = r.fields.get(name)
            state = mark[f.state] if f is not None else "缺"
            value = _shown_value(f.value) if f is not None and f.state == "read" else ""
            note = f"（{f.note}）" if f is not None and f.note else ""
            if name == "issuer" and r.issuer_note:
                note = "（" + r.issuer_note.removeprefix(f"{FIELD_LABELS[name]}：") + "）"
            lines.append(f"- {FIELD_LABELS[name]}：{state}{'　' + _md(value) if value else ''}{_md(note)}")
        for w in r.warnings:
            lines.append(f"- 注意：{_md(w)}")
        if r.personal:
            lines.append(f"- 个人信息：{_md('、'.join(r.personal))}（公开前须删除或隐去）")
        lines.append("")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown list item: no HTML, no line breaks."""
    from .docx import visible

    return (
        visible(str(text))
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def write_report(batch: BatchResult, root: Path, report: Path) -> tuple[Path, Path]:
    """Write the Markdown report and the CSV beside it (same name, .csv); never overwrites."""
    csv_path = report.with_suffix(".csv")
    for p in (report, csv_path):
        if p.exists():
            raise ImportRefused(f"{p} 已存在：报告不会覆盖已有文件，请换一个文件名")
    report.parent.mkdir(parents=True, exist_ok=True)
    with open(report, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(report_markdown(batch, root))
    with open(csv_path, "x", encoding="utf-8-sig", newline="") as fh:
        fh.write(report_csv(batch, root))
    return report, csv_path
