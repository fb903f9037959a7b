"""``content/annual-reports/<YYYY>.yml``: the figures and texts of the 政府信息公开工作年度报告
that the office fills in, their shape, and the checks that point at the exact line.

The rows and columns are those of the national template (国办公开办函〔2021〕30号, 《中华人民共和国
政府信息公开工作年度报告格式》). Every table row is a list of numbers in the order of the
template's columns; a row left out counts as zeros; totals are computed, never typed.

:func:`problems` gives the findings the F rules report for such a file (``F003`` unknown key,
``F005`` a value of the wrong shape or a table whose balance does not hold); :func:`read`
turns a file without problems into :class:`AnnualData`. Both read only the :class:`Source`.

This is corpus input, read and checked like any other file (the F rules use it), so it lives
with the loader; the report (:mod:`generator.report`) and the site's 年报 page read it from here.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

import yaml

from .source import Source

__all__ = [
    "APPLICANT_COLUMNS",
    "APPLICATION_KEYS",
    "APPLICATION_ROWS",
    "AnnualData",
    "COUNT_COLUMNS",
    "NOT_APPLICABLE",
    "OUTCOME_KEYS",
    "REVIEW_COLUMNS",
    "REVIEW_KEYS",
    "REVIEW_ROWS",
    "Row",
    "paragraphs",
    "problems",
    "read",
]

#: 申请人情况 columns of table 三 (自然人, then 法人或其他组织 by kind)
APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


@dataclass(frozen=True)
class Row:
    key: str
    #: the row's label in the template
    label: str
    #: the group it belongs to (三、本年度办理结果 → (三)不予公开 …), "" for none
    group: str = ""
    subgroup: str = ""


_RESULT = "三、本年度办理结果"
#: rows of table 三, in the template's order (the 总计 rows are computed)
APPLICATION_ROWS: tuple[Row, ...] = (
    Row("new", "一、本年新收政府信息公开申请数量"),
    Row("carried_over", "二、上年结转政府信息公开申请数量"),
    Row("disclosed", "（一）予以公开", _RESULT),
    Row("partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", _RESULT),
    Row("withheld_state_secret", "1.属于国家秘密", _RESULT, "（三）不予公开"),
    Row("withheld_prohibited", "2.其他法律行政法规禁止公开", _RESULT, "（三）不予公开"),
    Row("withheld_security", "3.危及“三安全一稳定”", _RESULT, "（三）不予公开"),
    Row("withheld_third_party", "4.保护第三方合法权益", _RESULT, "（三）不予公开"),
    Row("withheld_internal", "5.属于三类内部事务信息", _RESULT, "（三）不予公开"),
    Row("withheld_process", "6.属于四类过程性信息", _RESULT, "（三）不予公开"),
    Row("withheld_enforcement", "7.属于行政执法案卷", _RESULT, "（三）不予公开"),
    Row("withheld_query", "8.属于行政查询事项", _RESULT, "（三）不予公开"),
    Row("unavailable_not_held", "1.本机关不掌握相关政府信息", _RESULT, "（四）无法提供"),
    Row("unavailable_to_be_made", "2.没有现成信息需要另行制作", _RESULT, "（四）无法提供"),
    Row("unavailable_unclear", "3.补正后申请内容仍不明确", _RESULT, "（四）无法提供"),
    Row("rejected_complaint", "1.信访举报投诉类申请", _RESULT, "（五）不予处理"),
    Row("rejected_repeated", "2.重复申请", _RESULT, "（五）不予处理"),
    Row("rejected_publication", "3.要求提供公开出版物", _RESULT, "（五）不予处理"),
    Row("rejected_excessive", "4.无正当理由大量反复申请", _RESULT, "（五）不予处理"),
    Row("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", _RESULT, "（五）不予处理"),
    Row(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _RESULT,
        "（六）其他处理",
    ),
    Row(
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _RESULT,
        "（六）其他处理",
    ),
    Row("other_other", "3.其他", _RESULT, "（六）其他处理"),
    Row("carried_forward", "四、结转下年度继续办理"),
)
APPLICATION_KEYS = {r.key: r for r in APPLICATION_ROWS}
#: the rows whose sum is （七）总计 of 三、本年度办理结果
OUTCOME_KEYS = tuple(r.key for r in APPLICATION_ROWS if r.group == _RESULT)

#: columns of table 四 for each of 行政复议, 未经复议直接起诉, 复议后起诉 (总计 is computed)
REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结")
REVIEW_ROWS: tuple[Row, ...] = (
    Row("reconsideration", "行政复议"),
    Row("litigation", "行政诉讼：未经复议直接起诉"),
    Row("litigation_after_reconsideration", "行政诉讼：复议后起诉"),
)
REVIEW_KEYS = {r.key: r for r in REVIEW_ROWS}

#: ``rules`` and ``normative_documents``: 本年制发件数, 本年废止件数, 现行有效件数
COUNT_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
#: written instead of a number where a figure does not apply (an agency without 规章制定权)
NOT_APPLICABLE = "/"

_AMOUNTS = ("licensing", "penalties", "coercion", "fees")
_TEXTS = ("overview", "problems", "other")


@dataclass
class AnnualData:
    """What the office wrote for one year, typed; missing rows are zeros."""

    year: int
    path: str
    published_on: dt.date | None = None
    number: str | None = None
    recipients: list[str] = field(default_factory=list)
    overview: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    #: (made, repealed, in force) or None: not applicable ("/")
    rules: tuple[int, int, int] | None = None
    #: (made, repealed, in force) when the office gives them; None: computed from the corpus
    normative_documents: tuple[int, int, int] | None = None
    #: 行政许可, 行政处罚, 行政强制 decisions and 行政事业性收费 (万元); None: "/"
    licensing: int | None = 0
    penalties: int | None = 0
    coercion: int | None = 0
    fees: float | None = 0
    applications: dict[str, list[int]] = field(default_factory=dict)
    reviews: dict[str, list[int]] = field(default_factory=dict)

    def application(self, key: str) -> list[int]:
        return self.applications.get(key) or [0] * len(APPLICANT_COLUMNS)

    def outcome_total(self) -> list[int]:
        """（七）总计 of 三、本年度办理结果, per applicant column."""
        return [sum(self.application(k)[c] for k in OUTCOME_KEYS) for c in range(len(APPLICANT_COLUMNS))]

    def review(self, key: str) -> list[int]:
        return self.reviews.get(key) or [0] * len(REVIEW_COLUMNS)


def paragraphs(text: Any) -> list[str]:
    """A text value as paragraphs: one a line, blank lines and surrounding space dropped."""
    if not isinstance(text, str):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


# -- checking -----------------------------------------------------------------------------


def _nested_lines(src: Source) -> dict[tuple[str, str], int]:
    """(top key, nested key) → line, for the mappings ``applications`` and ``reviews``."""
    out: dict[tuple[str, str], int] = {}
    if not src.text:
        return out
    try:
        node = yaml.compose(src.text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return out
    if not isinstance(node, yaml.MappingNode):
        return out
    for knode, vnode in node.value:
        if isinstance(vnode, yaml.MappingNode):
            for k2, _v2 in vnode.value:
                out[(str(knode.value), str(k2.value))] = k2.start_mark.line + 1
    return out


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_amount(value: Any, decimals: bool) -> bool:
    if value == NOT_APPLICABLE:
        return True
    if decimals and isinstance(value, float) and not isinstance(value, bool):
        return value >= 0 and value == value  # not NaN
    return _is_count(value)


def _row_problem(value: Any, width: int, columns: tuple[str, ...]) -> str | None:
    if not isinstance(value, list) or len(value) != width or not all(_is_count(v) for v in value):
        return f"应是 {width} 个不小于 0 的整数组成的列表，依次为 {'、'.join(columns)}，如 [{', '.join(['0'] * width)}]"
    return None


def problems(src: Source) -> list[tuple[str, int, str]]:
    """``(code, line, message)`` for everything wrong in an annual-report file whose YAML could
    be read: nested keys that are unknown (F003), values of the wrong shape and tables that do
    not balance (F005). Top-level keys are the generic F rules' business."""
    if src.meta is None:
        return []
    out: list[tuple[str, int, str]] = []
    lines = _nested_lines(src)

    for name in _TEXTS:
        value = src.value(name)
        if src.has(name) and value is not None and not isinstance(value, str):
            out.append(("F005", src.line_of(name), f"{name} 应是一段文字（可用 | 写多段，一段一行）"))
    for name in _AMOUNTS:
        if src.has(name) and not _is_amount(src.value(name), decimals=name == "fees"):
            unit = "（万元，可有小数）" if name == "fees" else ""
            out.append(
                (
                    "F005",
                    src.line_of(name),
                    f'{name} 应是不小于 0 的{"数" if name == "fees" else "整数"}{unit}，不适用的写 "/"',
                )
            )
    for name in ("rules", "normative_documents"):
        if not src.has(name):
            continue
        value = src.value(name)
        if name == "rules" and value == NOT_APPLICABLE:
            continue
        problem = _row_problem(value, 3, COUNT_COLUMNS)
        if problem:
            extra = '；本机关没有规章制定权的可不写或写 "/"' if name == "rules" else ""
            out.append(("F005", src.line_of(name), f"{name} {problem}{extra}"))
    if src.has("recipients"):
        value = src.value("recipients")
        if not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            out.append(("F005", src.line_of("recipients"), "recipients 应是一个字符串或字符串列表"))

    tables_ok = True
    for name, keys, width, columns in (
        ("applications", APPLICATION_KEYS, len(APPLICANT_COLUMNS), APPLICANT_COLUMNS),
        ("reviews", REVIEW_KEYS, len(REVIEW_COLUMNS), REVIEW_COLUMNS),
    ):
        if not src.has(name):
            continue
        value = src.value(name)
        if not isinstance(value, dict):
            out.append(("F005", src.line_of(name), f"{name} 应是“行: [数, …]”形式的映射"))
            tables_ok = False
            continue
        before = len(out)
        for key, row in value.items():
            line = lines.get((name, key), src.line_of(name))
            if key not in keys:
                close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.5)
                hint = f"，是否应为 {close[0]}？" if close else "。"
                out.append(("F003", line, f"{name} 中未知的行 {key}{hint}可用的行：{'、'.join(keys)}"))
                continue
            problem = _row_problem(row, width, columns)
            if problem:
                out.append(("F005", line, f"{name}.{key}（{keys[key].label}）{problem}"))
        tables_ok = tables_ok and len(out) == before

    if tables_ok and isinstance(src.value("applications"), dict):
        data = read(src, year=0)
        left = [a + b for a, b in zip(data.application("new"), data.application("carried_over"))]
        right = [a + b for a, b in zip(data.outcome_total(), data.application("carried_forward"))]
        if left != right:
            bad = [APPLICANT_COLUMNS[i] for i in range(len(left)) if left[i] != right[i]]
            out.append(
                (
                    "F005",
                    src.line_of("applications"),
                    "applications 的数字不平衡：本年新收加上年结转，应等于本年度办理结果的总计加结转下年度继续办理"
                    f"（{'、'.join(bad)}一列：{left[APPLICANT_COLUMNS.index(bad[0])]} ≠ "
                    f"{right[APPLICANT_COLUMNS.index(bad[0])]}），请核对",
                )
            )
    return out


# -- reading ------------------------------------------------------------------------------------


def _amount(value: Any, default: Any = 0):
    if value is None:
        return default
    if value == NOT_APPLICABLE:
        return None
    return value


def read(src: Source, year: int) -> AnnualData:
    """The file's figures, typed; values of the wrong shape are taken as missing (the checks
    report them, and a build with errors publishes nothing)."""
    data = AnnualData(year=year, path=src.path)
    if src.meta is None:
        return data
    published = src.value("published_on")
    data.published_on = published if isinstance(published, dt.date) else None
    number = src.value("number")
    data.number = str(number).strip() if isinstance(number, (str, int)) and str(number).strip() else None
    recipients = src.value("recipients")
    if isinstance(recipients, str):
        data.recipients = [recipients.strip()] if recipients.strip() else []
    elif isinstance(recipients, list):
        data.recipients = [str(r).strip() for r in recipients if isinstance(r, str) and r.strip()]
    for name in _TEXTS:
        setattr(data, name, paragraphs(src.value(name)))
    for name in _AMOUNTS:
        value = _amount(src.value(name))
        ok = value is None or _is_amount(value, decimals=name == "fees")
        setattr(data, name, value if ok else 0)
    rules = src.value("rules")
    data.rules = tuple(rules) if _row_problem(rules, 3, COUNT_COLUMNS) is None else None
    normative = src.value("normative_documents")
    data.normative_documents = tuple(normative) if _row_problem(normative, 3, COUNT_COLUMNS) is None else None
    for name, keys, width in (
        ("applications", APPLICATION_KEYS, len(APPLICANT_COLUMNS)),
        ("reviews", REVIEW_KEYS, len(REVIEW_COLUMNS)),
    ):
        value = src.value(name)
        rows: dict[str, list[int]] = {}
        if isinstance(value, dict):
            for key, row in value.items():
                if key in keys and _row_problem(row, width, ()) is None:
                    rows[key] = list(row)
        setattr(data, name, rows)
    return data
