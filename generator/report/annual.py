"""The 政府信息公开工作年度报告 of one year (政府信息公开条例 Art. 49–50; SPEC §7.5).

The report follows the national template (国办公开办函〔2021〕30号): 一 总体情况, 二 主动公开政府
信息情况 (the table of 第二十条), 三 收到和处理政府信息公开申请情况, 四 政府信息公开行政复议、
行政诉讼情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项.

What the corpus holds is counted from it, as the public saw it at the end of the year
(:func:`generator.publish.public_view` on 31 December, so nothing unpublished is counted or
named): the regulations made (a new version adopted that year), repealed and in force, the
documents published by 文种, the disclosure days and the items published by kind and category.
Everything else (applications, reviews, licensing decisions, the office's own texts) comes
from ``content/annual-reports/<YYYY>.yml`` (:mod:`.data`).

:func:`build_report` computes; :func:`docx_source_lines` lays the report out as the plain
paragraphs and tables the GB/T 9704 writer reads; :func:`write_report` writes the Markdown
page and the DOCX. The site renders the same :class:`AnnualReport` with its own template.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from ..corpus import annual_data as D
from ..errors import Refused
from ..model import Corpus, Document
from ..publish import item_publication_date, public_view
from ..schema import DISCLOSURE_CATEGORIES, DOC_TYPES, DisclosureStatus

#: 31 January: departments publish the previous year's report by then (条例 Art. 49)
DEADLINE_MONTH, DEADLINE_DAY = 1, 31

KIND_NAMES = {"regular": "政务公开日集中公开", "prompt": "重要和临时事项", "pre": "预公开（征求意见）"}


class ReportError(Refused):
    """The report cannot be made (no data for the year, the year not over): exit 1."""


def deadline(year: int) -> dt.date:
    """The last day to publish the report for ``year``."""
    return dt.date(year + 1, DEADLINE_MONTH, DEADLINE_DAY)


@dataclass
class Counts:
    made: int
    repealed: int
    in_force: int

    def cells(self) -> list[str]:
        return [str(self.made), str(self.repealed), str(self.in_force)]


@dataclass
class AnnualReport:
    """One year's report: the office's data and what was counted from the corpus."""

    year: int
    agency: str
    data: D.AnnualData
    #: 行政规范性文件: the corpus's regulations, or the office's figures when it gave them
    normative: Counts
    normative_from_corpus: bool
    #: documents published that year, by 文种 (in the order of the 条例's list)
    documents_by_type: list[tuple[str, int]] = field(default_factory=list)
    #: disclosure days of the year with the number of items each posted
    postings: list[tuple[dt.date, int]] = field(default_factory=list)
    #: disclosure items published that year, by kind (regular, prompt, pre) and by category
    items_by_kind: dict[str, int] = field(default_factory=dict)
    items_by_category: list[tuple[str, int]] = field(default_factory=list)
    #: regulations (规章制度) counted from the corpus, whatever the office gave for the row
    regulations: Counts | None = None

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def documents_total(self) -> int:
        return sum(n for _, n in self.documents_by_type)

    @property
    def items_total(self) -> int:
        return sum(self.items_by_kind.values())

    @property
    def signed_on(self) -> dt.date:
        return self.data.published_on or deadline(self.year)

    # -- the template's tables as rows of text -------------------------------------------------
    def proactive_rows(self) -> list[list[str]]:
        """Table 二 (第二十条 第（一）（五）（六）（八）项) as label + cells."""
        rules = [D.NOT_APPLICABLE] * 3 if self.data.rules is None else [str(v) for v in self.data.rules]
        return [
            ["规章", *rules],
            ["行政规范性文件", *self.normative.cells()],
            ["行政许可", _amount(self.data.licensing)],
            ["行政处罚", _amount(self.data.penalties)],
            ["行政强制", _amount(self.data.coercion)],
            ["行政事业性收费", _amount(self.data.fees)],
        ]

    def application_rows(self) -> list[tuple[D.Row, list[int]]]:
        """Table 三 with the computed （七）总计 row and 总计 column."""
        out = []
        for row in D.APPLICATION_ROWS:
            if row.key == "carried_forward":
                total = self.data.outcome_total()
                out.append((D.Row("outcome_total", "（七）总计", row.group or "三、本年度办理结果"), total))
            values = self.data.application(row.key)
            out.append((row, values))
        return [(row, [*values, sum(values)]) for row, values in out]

    def review_cells(self) -> list[int]:
        """Table 四: 行政复议, then 未经复议直接起诉 and 复议后起诉, each with its 总计."""
        cells: list[int] = []
        for row in D.REVIEW_ROWS:
            values = self.data.review(row.key)
            cells += [*values, sum(values)]
        return cells

    # -- generated text ----------------------------------------------------------------------------
    def proactive_summary(self) -> str:
        """The paragraph of 一、总体情况 that states what the corpus shows for the year."""
        parts = [f"{self.year}年，本机关在本网站主动公开公文{self.documents_total}件"]
        if self.documents_by_type:
            parts[0] += "（" + "、".join(f"{t}{n}件" for t, n in self.documents_by_type) + "）"
        kinds = self.items_by_kind
        if self.postings:
            parts.append(f"在{len(self.postings)}个政务公开日集中公开政务公开事项{kinds.get('regular', 0)}项")
        if kinds.get("prompt"):
            parts.append(f"及时公开重要和临时事项{kinds['prompt']}项")
        if kinds.get("pre"):
            parts.append(f"对{kinds['pre']}项重大事项在决策前公开征求意见")
        if self.items_by_category:
            parts.append("公开的事项按类别为" + "、".join(f"{c}{n}项" for c, n in self.items_by_category))
        if self.regulations is not None:
            r = self.regulations
            parts.append(f"新制定或修订规章制度{r.made}件、废止{r.repealed}件，年末现行有效{r.in_force}件")
        return "；".join(parts) + "。"


def _amount(value) -> str:
    if value is None:
        return D.NOT_APPLICABLE
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def report_data(corpus: Corpus, year: int) -> D.AnnualData | None:
    src = corpus.annual_reports.get(year)
    return D.read(src, year) if src is not None else None


def regulation_counts(corpus: Corpus, year: int) -> Counts:
    """Regulations as the public saw them on 31 December: versions adopted (new or revised)
    that year, regulations repealed that year, regulations in force at the end of it."""
    view = public_view(corpus, dt.date(year, 12, 31))
    made = repealed = in_force = 0
    for pr in view.regulations:
        for pv in pr.versions:
            start = pv.version.public_from
            if start is not None and start.year == year:
                made += 1
        if pr.regulation.repealed_on is not None and pr.regulation.repealed_on.year == year:
            repealed += 1
        if pr.status == "现行有效":
            in_force += 1
    return Counts(made, repealed, in_force)


def build_report(corpus: Corpus, year: int, as_of: dt.date | None = None) -> AnnualReport:
    """The report for ``year`` from the corpus and its ``content/annual-reports/<year>.yml``.

    Raises :class:`ReportError` when the year is not over at ``as_of`` or the data file is
    missing."""
    if as_of is not None and as_of <= dt.date(year, 12, 31):
        raise ReportError(f"{year} 年尚未结束（按 {as_of.isoformat()} 判断）：年度报告在次年 1 月编制")
    data = report_data(corpus, year)
    if data is None:
        raise ReportError(
            f"没有 {year} 年的年度报告数据：请先填写 content/annual-reports/{year}.yml（格式见 docs/corpus.md）"
        )
    end = dt.date(year, 12, 31)
    view = public_view(corpus, end)
    agency = corpus.agency

    by_type = Counter(d.doc_type for d in view.documents if _published_in(d, year))
    documents_by_type = [(t, by_type[t]) for t in DOC_TYPES if by_type.get(t)]

    postings = []
    kinds: Counter = Counter()
    categories: Counter = Counter()
    for posting in sorted(view.postings, key=lambda p: p.day):
        if posting.day.year == year:
            postings.append((posting.day, sum(1 for i in posting.items if i.kind == "regular")))
        for item in posting.items:
            when = item_publication_date(item, agency)
            if when is not None and when.year == year:
                kinds[item.kind] += 1
                categories[item.category] += 1
    items_by_category = [(c, categories[c]) for c in DISCLOSURE_CATEGORIES if categories.get(c)]

    regulations = regulation_counts(corpus, year)
    if data.normative_documents is not None:
        normative, from_corpus = Counts(*data.normative_documents), False
    else:
        normative, from_corpus = regulations, True
    return AnnualReport(
        year=year,
        agency=agency.agency,
        data=data,
        normative=normative,
        normative_from_corpus=from_corpus,
        documents_by_type=documents_by_type,
        postings=postings,
        items_by_kind={k: kinds.get(k, 0) for k in KIND_NAMES},
        items_by_category=items_by_category,
        regulations=regulations,
    )


def _published_in(doc: Document, year: int) -> bool:
    return doc.publish_date is not None and doc.publish_date.year == year


def public_report_years(corpus: Corpus, as_of: dt.date) -> list[int]:
    """Years whose report the public may see on ``as_of``, newest first (see
    :func:`generator.publish.public_view`)."""
    return public_view(corpus, as_of).annual_reports


# -- the report as a 公文 -------------------------------------------------------------------------------

SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

_MD_LEADING = ("#", "|", "-", "*", "+", ">")


def _plain(text: str) -> str:
    """One paragraph of the office's text for the DOCX writer's little Markdown: a leading
    character that would make it a heading, table or list item is escaped."""
    text = text.replace("\\", "＼")
    if text.startswith(_MD_LEADING):
        text = "\\" + text
    return text


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    def cell(value: str) -> str:
        return str(value).replace("|", "｜")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def docx_source_lines(report: AnnualReport) -> list[str]:
    """The report's body as paragraphs (one a line) and pipe tables, for the GB/T 9704 writer.

    The template's tables have merged header cells; here each becomes a plain grid with the
    row labels of the template in the first column."""
    d = report.data
    out: list[str] = [
        _plain(
            f"本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自{report.year}年1月1日起至"
            f"{report.year}年12月31日止。"
        ),
        SECTION_TITLES[0],
        *[_plain(p) for p in d.overview],
        _plain(report.proactive_summary()),
        SECTION_TITLES[1],
    ]
    rows = report.proactive_rows()
    out += _table(["信息内容", *D.COUNT_COLUMNS], rows[:2])
    out.append("")
    out += _table(["信息内容", "本年处理决定数量"], rows[2:5])
    out.append("")
    out += _table(["信息内容", "本年收费金额（单位：万元）"], rows[5:])
    out.append(SECTION_TITLES[2])
    grid = []
    group = None
    for row, values in report.application_rows():
        if row.group and row.group != group:
            grid.append([row.group, *[""] * (len(values))])
        group = row.group
        label = f"{row.subgroup}　{row.label}" if row.subgroup else row.label
        grid.append([label, *[str(v) for v in values]])
    out += _table(["申请情况", *D.APPLICANT_COLUMNS, "总计"], grid)
    out.append(SECTION_TITLES[3])
    cells = report.review_cells()
    review_rows = []
    for i, row in enumerate(D.REVIEW_ROWS):
        review_rows.append([row.label, *[str(v) for v in cells[i * 5 : (i + 1) * 5]]])
    out += _table(["类别", *D.REVIEW_COLUMNS, "总计"], review_rows)
    out.append(SECTION_TITLES[4])
    out += [_plain(p) for p in d.problems] or ["无。"]
    out.append(SECTION_TITLES[5])
    out += [_plain(p) for p in d.other] or ["无。"]
    return out


def report_document(report: AnnualReport, corpus: Corpus) -> Document:
    """The report as a 公文 (a 报告 of the agency) for :func:`generator.docx.write_document`."""
    from ..corpus.source import Source
    from ..text.docnumber import analyse_doc_number

    lines = docx_source_lines(report)
    src = Source(
        path=report.data.path,
        kind="document",
        text="\n".join(lines),
        body=[(i + 1, line) for i, line in enumerate(lines)],
    )
    src.meta = {}
    doc = Document(source=src, slug=f"annual-report-{report.year}", year_folder=report.signed_on.year)
    doc.title = report.title
    doc.doc_type = "报告"
    doc.issuer = corpus.agency.agency
    doc.recipients = list(report.data.recipients)
    doc.signed_on = report.signed_on
    doc.published_on = report.signed_on
    doc.disclosure = DisclosureStatus.PROACTIVE
    doc.department = next(iter(corpus.agency.departments), "办公室")
    if report.data.number:
        doc.number_raw = report.data.number
        doc.number = analyse_doc_number(report.data.number).number
    return doc
