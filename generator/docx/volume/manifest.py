"""``manifest.csv`` and ``manifest.json``: one row per file of the volume with its metadata,
byte size and SHA-256, and :func:`verify_manifest`, which checks a volume folder against them.

``manifest.csv`` is UTF-8 with a byte-order mark (so Excel shows the Chinese) and neutralises
cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a carriage
return, or a quote) by putting ``'`` in front; ``manifest.json`` keeps the exact text, and
:func:`verify_manifest` reads both back alike.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from ...model import Corpus
from .catalogue import catalogue_title
from .plan import CATEGORY_CODE, VolumeItem

__all__ = [
    "MANIFEST_COLUMNS",
    "FORMAT_DOCX",
    "FORMAT_PDFA",
    "item_row",
    "catalogue_row",
    "csv_cell",
    "csv_value",
    "write_manifests",
    "read_manifest_csv",
    "verify_manifest",
]

MANIFEST_COLUMNS = (
    "档号",
    "文号",
    "题名",
    "责任者",
    "日期",
    "密级",
    "页数",
    "保管期限",
    "机构",
    "文件名",
    "格式",
    "字节数",
    "SHA-256",
)
FORMAT_DOCX = "DOCX"
FORMAT_PDFA = "PDF/A-2b"


def item_row(item: VolumeItem, name: str, fmt: str, fixity: tuple[int, str]) -> dict:
    """The manifest row of one file of an item; ``fixity`` is (byte size, SHA-256)."""
    doc = item.doc
    return {
        "档号": item.archive_no,
        "文号": str(doc.number) if doc.number is not None else (doc.number_raw or ""),
        "题名": catalogue_title(doc),
        "责任者": doc.issuer,
        "日期": doc.signed_on.strftime("%Y%m%d") if doc.signed_on else "",
        "密级": doc.classification,
        "页数": item.pages,
        "保管期限": item.retention,
        "机构": item.department,
        "文件名": name,
        "格式": fmt,
        "字节数": fixity[0],
        "SHA-256": fixity[1],
    }


def catalogue_row(corpus: Corpus, year: int, name: str, fmt: str, pages: int, fixity: tuple[int, str]) -> dict:
    """The manifest row of one file of the catalogue."""
    return {
        "档号": "",
        "文号": "",
        "题名": f"{year}年度归档文件目录",
        "责任者": corpus.agency.agency,
        "日期": "",
        "密级": "",
        "页数": pages,
        "保管期限": "",
        "机构": "",
        "文件名": name,
        "格式": fmt,
        "字节数": fixity[0],
        "SHA-256": fixity[1],
    }


#: A cell starting with one of these is run as a formula by spreadsheets (CSV injection); the
#: quote is there so that a text starting with ' reads back unchanged.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_cell(value) -> str:
    """A manifest value as a CSV cell a spreadsheet shows as text: ``'`` before a formula start."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_value(cell: str) -> str:
    """The value of a cell written by :func:`csv_cell`."""
    return cell[1:] if cell.startswith("'") else cell


def write_manifests(folder: Path, rows: list[dict], corpus: Corpus, year: int) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[c]) for c in MANIFEST_COLUMNS])
    # UTF-8 with a byte-order mark: Excel (zh-CN Windows) opens it as UTF-8, not GBK
    (folder / "manifest.csv").write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    data = {
        "全宗号": corpus.agency.fonds,
        "全宗名称": corpus.agency.agency,
        "年度": year,
        "门类": CATEGORY_CODE,
        "文件": [{c: row[c] for c in MANIFEST_COLUMNS} for row in rows],
    }
    (folder / "manifest.json").write_bytes((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def read_manifest_csv(path: Path) -> list[dict]:
    text = path.read_bytes().decode("utf-8-sig")
    return [
        {k: csv_value(v) if isinstance(v, str) else v for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(text, newline=""))
    ]


def verify_manifest(out_dir: Path | str) -> list[str]:
    """Problems found checking a volume folder against its manifest: listed files missing,
    size or SHA-256 different, files not listed, manifest.csv and manifest.json disagreeing.
    An empty list means the volume is intact."""
    out_dir = Path(out_dir)
    problems: list[str] = []
    json_path, csv_path = out_dir / "manifest.json", out_dir / "manifest.csv"
    rows: list[dict] | None = None
    if json_path.is_file():
        try:
            rows = json.loads(json_path.read_text(encoding="utf-8"))["文件"]
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"manifest.json 无法读取：{exc}")
    else:
        problems.append("缺少 manifest.json")
    csv_rows = None
    if csv_path.is_file():
        try:
            csv_rows = read_manifest_csv(csv_path)
        except (ValueError, csv.Error) as exc:
            problems.append(f"manifest.csv 无法读取：{exc}")
    else:
        problems.append("缺少 manifest.csv")
    if rows is None:
        rows = csv_rows
    if rows is None:
        return problems
    if csv_rows is not None and rows is not csv_rows:
        a = [[str(r.get(c, "")) for c in MANIFEST_COLUMNS] for r in rows]
        b = [[str(r.get(c, "")) for c in MANIFEST_COLUMNS] for r in csv_rows]
        if a != b:
            problems.append("manifest.csv 与 manifest.json 的内容不一致")
    listed = set()
    for row in rows:
        name = str(row.get("文件名", ""))
        listed.add(name)
        path = out_dir / name
        if not name or "/" in name or "\\" in name or name.startswith("."):
            problems.append(f"清单中的文件名不合规：{name!r}")
            continue
        if not path.is_file():
            problems.append(f"{name}：文件缺失")
            continue
        data = path.read_bytes()
        try:
            size = int(row.get("字节数"))
        except (TypeError, ValueError):
            size = -1
        if len(data) != size:
            problems.append(f"{name}：大小为 {len(data)} 字节，清单记为 {row.get('字节数')}")
        digest = hashlib.sha256(data).hexdigest()
        if digest != str(row.get("SHA-256", "")).lower():
            problems.append(f"{name}：SHA-256 与清单不符（文件可能已被改动或损坏）")
    for path in sorted(out_dir.iterdir()):
        if path.name in ("manifest.csv", "manifest.json") or path.name in listed:
            continue
        problems.append(f"{path.name}：不在清单中")
    return problems
