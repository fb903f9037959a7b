"""Which documents go into a year's volume, in which order, under which numbers (DA/T 22-2015
cl. 6-7).

Classes are 保管期限 (永久 30年 10年 → Y D30 D10), then 机构 in the order ``site.yml:
departments`` lists them (the fonds' classification scheme); inside a class items go by 成文日期,
then 发文字号; 件号 restarts at 0001 in every class;
档号 = ``全宗号-WS·年度-保管期限代码-机构代码-件号`` (J012-WS·2025-Y-BGS-0001).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...errors import Refused
from ...model import Corpus, Document
from ...schema import SECRET_LEVELS
from ..document import FilingStamp

if TYPE_CHECKING:
    from ...diagnostics import Diagnostic

__all__ = [
    "VolumeError",
    "VolumeItem",
    "RETENTION_CODES",
    "CATEGORY_CODE",
    "archive_number",
    "in_volume",
    "plan_volume",
    "year_errors",
]

#: 保管期限 → DA/T 22-2015 code, in class order.
RETENTION_CODES = {"永久": "Y", "30年": "D30", "10年": "D10"}
#: 文书 (documents) — the 门类代码 in the 档号.
CATEGORY_CODE = "WS"


class VolumeError(Refused):
    """The export refused (exit 1): ``problems`` says what must be fixed first."""

    def __init__(self, message: str, problems: Sequence[str] = ()):
        self.problems = list(problems)
        text = message
        if self.problems:
            text += "\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(text)


@dataclass
class VolumeItem:
    """One 件 of the volume."""

    doc: Document
    retention: str  # 永久 / 30年 / 10年
    retention_code: str  # Y / D30 / D10
    department: str
    department_code: str
    item_no: int  # 件号, from 1 in each class
    archive_no: str  # 档号
    fonds: str
    year: int
    pages: int | None = None

    @property
    def stamp(self) -> FilingStamp:
        return FilingStamp(
            fonds=self.fonds,
            year=self.year,
            item_no=self.item_no,
            department=self.department,
            retention=self.retention,
            pages=self.pages if self.pages is not None else 0,
        )

    @property
    def klass(self) -> tuple[str, str]:
        return self.retention, self.department


def archive_number(fonds: str, year: int, retention_code: str, department_code: str, item_no: int) -> str:
    """档号: 全宗号-WS·年度-保管期限代码-机构代码-件号 (件号 4 digits)."""
    return f"{fonds}-{CATEGORY_CODE}·{year}-{retention_code}-{department_code}-{item_no:04d}"


def in_volume(doc: Document, year: int) -> bool:
    """Signed in ``year`` and not a classified register entry."""
    return doc.signed_on is not None and doc.signed_on.year == year and doc.classification not in SECRET_LEVELS


def plan_volume(corpus: Corpus, year: int) -> list[VolumeItem]:
    """The items of ``year``'s volume in DA/T 22 order, numbered. Raises :class:`VolumeError`
    when a number cannot be formed (no 全宗号, a 机构 without a code)."""
    agency = corpus.agency
    fonds = (agency.fonds or "").strip()
    departments = dict(agency.departments or {})
    dept_rank = {name: i for i, name in enumerate(departments)}
    docs = [d for d in corpus.documents if in_volume(d, year)]
    problems = []
    if not fonds:
        problems.append("content/site.yml：缺少 fonds（全宗号），无法编制档号")
    for d in docs:
        if d.department not in departments:
            problems.append(
                f"{d.path}：机构“{d.department}”未在 content/site.yml 的 departments 中登记，"
                "无法编制档号（请登记机构代码，或改写 department）"
            )
        if d.retention not in RETENTION_CODES:
            problems.append(f"{d.path}：保管期限“{d.retention}”不是 永久、30年、10年 之一")
    if problems:
        raise VolumeError(f"{year} 年度的归档文件无法编号：", problems)
    retention_rank = {r: i for i, r in enumerate(RETENTION_CODES)}

    def key(d: Document):
        number = d.number
        return (
            retention_rank[d.retention],
            dept_rank[d.department],
            d.signed_on,
            (number.code, number.year, number.seq) if number else ("", 0, 0),
            d.number_raw or "",
            d.path,
        )

    items: list[VolumeItem] = []
    counters: dict[tuple[str, str], int] = {}
    for d in sorted(docs, key=key):
        klass = (d.retention, d.department)
        counters[klass] = counters.get(klass, 0) + 1
        n = counters[klass]
        rc, dc = RETENTION_CODES[d.retention], str(departments[d.department]).strip()
        items.append(
            VolumeItem(
                doc=d,
                retention=d.retention,
                retention_code=rc,
                department=d.department,
                department_code=dc,
                item_no=n,
                archive_no=archive_number(fonds, year, rc, dc, n),
                fonds=fonds,
                year=year,
            )
        )
    return items


def year_errors(diagnostics: Iterable[Diagnostic], corpus: Corpus, year: int) -> list[Diagnostic]:
    """The errors that concern ``year``'s volume: errors in its documents (signed in that year
    or filed in that year's folder, register entries included: their numbers take part in the
    numbering), in the attachment files they use and in content/site.yml."""
    paths = {"content/site.yml"}
    for d in corpus.documents:
        if (d.signed_on is not None and d.signed_on.year == year) or d.year_folder == year:
            paths.add(d.path)
            for a in d.attachments:
                if a.file:
                    paths.add(a.file.lstrip("./"))
    return [x for x in diagnostics if x.severity == "error" and x.path in paths]
