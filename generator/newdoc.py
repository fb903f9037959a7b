"""``govpub new document``: a ready-to-edit file with the next free number.

The number is the next one after the highest used for that 代字 and year in
the working tree. Two editors who take the same number on parallel branches
are told so by N008 when the second branch is checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .model import Corpus
from .schema import DOC_TYPES, DOC_TYPES_NEEDING_SIGNER, DOC_TYPES_WITHOUT_RECIPIENTS
from .text.docnumber import DocNumber
from .text.slug import slug_for

__all__ = ["NewDocument", "NewDocumentError", "create_document", "next_number", "render", "slug_for"]


class NewDocumentError(UsageError, ValueError):
    """The request cannot be turned into a document (message says why)."""


@dataclass
class NewDocument:
    path: Path
    number: DocNumber


def next_number(corpus: Corpus, code: str, year: int) -> DocNumber:
    used = [
        d.number.seq
        for d in corpus.documents
        if d.number is not None and d.number.code == code and d.number.year == year
    ]
    return DocNumber(code, year, max(used, default=0) + 1)


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(number: DocNumber, title: str, doc_type: str, signed_on: dt.date, department: str | None) -> str:
    lines = [
        "---",
        f"number: {number}",
        f"title: {_yaml_str(title)}",
        f"doc_type: {doc_type}",
    ]
    if doc_type not in DOC_TYPES_WITHOUT_RECIPIENTS:
        lines.append(
            "recipients:            # 主送机关，如 局机关各科室"
            + ("（请示只写一个上级机关）" if doc_type == "请示" else "")
        )
    if doc_type in DOC_TYPES_NEEDING_SIGNER:
        lines.append("signer:                # 签发人姓名（上行文必填）")
    lines += [
        f"signed_on: {signed_on.isoformat()}  # 成文日期，签发后改为实际日期",
        "disclosure: 主动公开     # 或 依申请公开 / 不予公开（须写 withhold_reason）",
    ]
    if department:
        lines.append(f"department: {department}")
    lines += [
        "# cc: [区政府办公室]      # 抄送机关",
        "# attachments: [附件标题]",
        "---",
        "",
    ]
    return "\n".join(lines)


def create_document(
    corpus: Corpus,
    code: str,
    doc_type: str,
    title: str,
    as_of: dt.date,
    slug: str | None = None,
    department: str | None = None,
) -> NewDocument:
    """Write a new document file into the corpus; never overwrites an existing file."""
    from .corpus.loader import SLUG_RE

    if doc_type not in DOC_TYPES:
        raise NewDocumentError(f"文种“{doc_type}”不在规定范围内，可选：{'、'.join(DOC_TYPES)}")
    codes = corpus.agency.codes
    if codes and code not in codes:
        raise NewDocumentError(f"代字“{code}”未在 content/site.yml 的 codes 中登记，可选：{'、'.join(codes)}")
    title = title.strip()
    if not title:
        raise NewDocumentError("标题不能为空")
    slug = slug or slug_for(title, doc_type)
    if not SLUG_RE.match(slug):
        raise NewDocumentError(f"slug“{slug}”不合规：只能用小写字母、数字和连字符")
    number = next_number(corpus, code, as_of.year)
    folder = Path(corpus.root) / "content" / "documents" / str(as_of.year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    n = 2
    while path.exists():
        path = folder / f"{slug}-{n}.md"
        n += 1
    with open(path, "x", encoding="utf-8") as fh:  # "x": never overwrite
        fh.write(render(number, title, doc_type, as_of, department))
    return NewDocument(path=path, number=number)
