"""The keys each kind of corpus file may carry (docs/corpus.md), in one place.

The loader uses this to type values, and the F003/F004/F005 rules use it to
say which key is unknown, missing or has a value outside its allowed set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FileKind(StrEnum):
    """The kinds of corpus file, each with its own keys (:data:`FIELDS_BY_KIND`)."""

    SITE = "site"
    DOCUMENT = "document"
    REGULATION = "regulation"
    VERSION = "version"
    DISCLOSURE = "disclosure"
    PAGE = "page"
    ANNUAL_REPORT = "annual_report"
    #: a Markdown attachment (content/attachments/…/*.md): text, no front matter
    ATTACHMENT = "attachment"


class Classification(StrEnum):
    """A document's ``classification`` (密级)."""

    PUBLIC = "公开"
    INTERNAL = "内部"
    SECRET = "秘密"
    CONFIDENTIAL = "机密"
    TOP_SECRET = "绝密"


class DisclosureStatus(StrEnum):
    """A document's ``disclosure`` (公开属性, GB/T 9704 附注)."""

    PROACTIVE = "主动公开"
    ON_REQUEST = "依申请公开"
    WITHHELD = "不予公开"


class DocStatus(StrEnum):
    """A document's ``status`` (有效性), as written in its front matter."""

    VALID = "有效"
    EXPIRED = "失效"
    REPEALED = "废止"


class DisclosureKind(StrEnum):
    """A disclosure item's ``kind``: when it goes public (docs/corpus.md)."""

    #: on the disclosure day of its posting's quarter
    REGULAR = "regular"
    #: 重要和临时事项: on approval
    PROMPT = "prompt"
    #: 预公开 (征求意见): on approval, open for comment until ``comment_until``
    PRE = "pre"


DOC_TYPES = (
    "决议",
    "决定",
    "命令",
    "令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
)
#: 文种 that are addressed to nobody in particular and so need no 主送机关.
DOC_TYPES_WITHOUT_RECIPIENTS = ("公告", "通告", "公报", "命令", "令", "纪要")
#: Upward documents (上行文) that must show the 签发人.
DOC_TYPES_NEEDING_SIGNER = ("请示", "报告")

CLASSIFICATIONS = tuple(Classification)
#: State-secret levels: such a document is a register entry only.
SECRET_LEVELS = (Classification.SECRET, Classification.CONFIDENTIAL, Classification.TOP_SECRET)
DISCLOSURES = tuple(DisclosureStatus)
URGENCIES = ("特急", "加急")
RETENTIONS = ("永久", "30年", "10年")
DOC_STATUSES = tuple(DocStatus)

DISCLOSURE_CATEGORIES = (
    "职责权限",
    "办事依据",
    "办事条件",
    "办事程序",
    "办事时限",
    "办事纪律",
    "收费标准",
    "办事结果",
    "执收执罚",
    "监督投诉",
    "服务承诺",
    "责任追究",
    "审计结果",
    "重大事项",
    "人事任免",
    "其他",
)
DISCLOSURE_KINDS = tuple(DisclosureKind)


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter key.

    ``type`` is one of ``str``, ``date``, ``int``, ``strlist`` (a string or a
    list of strings), ``mapping`` (a mapping of strings), ``attachments`` or
    ``acknowledgements`` (a list of ``{code, reason}``, SPEC §7.2).
    ``required`` is True, False, or ``"rule"`` when a rule decides (T004,
    T005, P001 ...), so F004 leaves it alone.
    """

    name: str
    type: str = "str"
    required: bool | str = False
    allowed: tuple[str, ...] = ()
    default: object = None
    label: str = ""


def _specs(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {s.name: s for s in specs}


SITE_FIELDS = _specs(
    FieldSpec("agency", required=True, label="机关全称"),
    FieldSpec("short_name", label="机关简称"),
    FieldSpec("fonds", required=True, label="全宗号"),
    FieldSpec("codes", "mapping", required=True, label="发文机关代字"),
    FieldSpec("departments", "mapping", required=True, label="机构及代码"),
    FieldSpec("disclosure_day", "int", default=10, label="政务公开日"),
    FieldSpec("site_url", label="网站地址"),
    FieldSpec("index_prefix", label="索引号前缀"),
    FieldSpec("disclosure_note", "mapping", label="附注中公开属性的写法"),
    FieldSpec("printed_by", label="默认印发机关"),
    FieldSpec("website", "mapping", label="网站标识信息"),
)

DOCUMENT_FIELDS = _specs(
    FieldSpec("number", required=True, label="发文字号"),
    FieldSpec("title", required=True, label="标题"),
    FieldSpec("doc_type", required=True, allowed=DOC_TYPES, label="文种"),
    FieldSpec("issuer", label="发文机关"),
    FieldSpec("recipients", "strlist", required="rule", label="主送机关"),
    FieldSpec("signer", required="rule", label="签发人"),
    FieldSpec("signed_on", "date", required=True, label="成文日期"),
    FieldSpec("published_on", "date", label="发布日期"),
    FieldSpec("classification", allowed=CLASSIFICATIONS, default=Classification.PUBLIC, label="密级"),
    FieldSpec("disclosure", allowed=DISCLOSURES, label="公开属性"),
    FieldSpec("withhold_reason", required="rule", label="不予公开理由"),
    FieldSpec("urgency", allowed=URGENCIES, label="紧急程度"),
    FieldSpec("attachments", "attachments", label="附件"),
    FieldSpec("cc", "strlist", label="抄送机关"),
    FieldSpec("printed_by", label="印发机关"),
    FieldSpec("printed_on", "date", label="印发日期"),
    FieldSpec("retention", allowed=RETENTIONS, default="10年", label="保管期限"),
    FieldSpec("department", default="办公室", label="机构"),
    FieldSpec("topics", "strlist", label="主题词"),
    FieldSpec("status", allowed=DOC_STATUSES, default=DocStatus.VALID, label="有效性"),
    FieldSpec("repealed_by", label="废止文件文号"),
    FieldSpec("regulation", label="所印发的制度"),
    FieldSpec("review", "strlist", label="待核对事项"),
    FieldSpec("acknowledged", "acknowledgements", label="已确认的问题"),
)

REGULATION_FIELDS = _specs(
    FieldSpec("title", required=True, label="制度名称"),
    FieldSpec("category", label="类别"),
    FieldSpec("issuer", label="制定机关"),
    FieldSpec("department", label="负责机构"),
    FieldSpec("repealed_on", "date", label="废止日期"),
    FieldSpec("repealed_by", label="废止文件文号"),
)

VERSION_FIELDS = _specs(
    FieldSpec("effective_on", "date", required=True, label="施行日期"),
    FieldSpec("adopted_on", "date", label="通过日期"),
    FieldSpec("issued_by", label="印发文件文号"),
    FieldSpec("summary", label="修订说明"),
    FieldSpec("acknowledged", "acknowledgements", label="已确认的问题"),
)

DISCLOSURE_FIELDS = _specs(
    FieldSpec("title", required=True, label="标题"),
    FieldSpec("category", required=True, allowed=DISCLOSURE_CATEGORIES, label="类别"),
    FieldSpec("kind", allowed=DISCLOSURE_KINDS, default=DisclosureKind.REGULAR, label="事项类型"),
    FieldSpec("department", required=True, label="责任机构"),
    FieldSpec("approved_by", required="rule", label="审签人"),
    FieldSpec("approved_on", "date", required="rule", label="审签日期"),
    FieldSpec("completed_on", "date", required="rule", label="办结日期"),
    FieldSpec("comment_until", "date", required="rule", label="征求意见截止日期"),
    FieldSpec("related", "strlist", label="相关文件文号"),
    FieldSpec("review", "strlist", label="待核对事项"),
)

#: site.yml ``website``: the public site's footer (SPEC §7.4)
WEBSITE_KEYS = ("sponsor", "site_code", "icp", "police_record", "police_record_url", "contact")

#: content/pages/<name>.md: pages the agency writes (the 政府信息公开指南 is ``guide``)
PAGE_NAMES = ("guide",)
PAGE_FIELDS = _specs(
    FieldSpec("title", required=True, label="标题"),
    FieldSpec("updated_on", "date", label="更新日期"),
)

#: content/annual-reports/<YYYY>.yml: what the office fills in for the annual report; the
#: nested tables (``applications``, ``reviews``) are checked by generator.corpus.annual_data
ANNUAL_REPORT_FIELDS = _specs(
    FieldSpec("published_on", "date", required=True, label="发布日期"),
    FieldSpec("number", label="发文字号"),
    FieldSpec("recipients", "strlist", label="主送机关"),
    FieldSpec("overview", "text", required=True, label="总体情况"),
    FieldSpec("rules", "counts", label="规章件数"),
    FieldSpec("normative_documents", "counts", label="行政规范性文件件数"),
    FieldSpec("licensing", "amount", label="行政许可处理决定数"),
    FieldSpec("penalties", "amount", label="行政处罚处理决定数"),
    FieldSpec("coercion", "amount", label="行政强制处理决定数"),
    FieldSpec("fees", "amount", label="行政事业性收费金额（万元）"),
    FieldSpec("applications", "table", label="政府信息公开申请情况"),
    FieldSpec("reviews", "table", label="行政复议、行政诉讼情况"),
    FieldSpec("problems", "text", label="存在的主要问题及改进情况"),
    FieldSpec("other", "text", label="其他需要报告的事项"),
)

FIELDS_BY_KIND: dict[str, dict[str, FieldSpec]] = {
    FileKind.SITE: SITE_FIELDS,
    FileKind.DOCUMENT: DOCUMENT_FIELDS,
    FileKind.REGULATION: REGULATION_FIELDS,
    FileKind.VERSION: VERSION_FIELDS,
    FileKind.DISCLOSURE: DISCLOSURE_FIELDS,
    FileKind.PAGE: PAGE_FIELDS,
    FileKind.ANNUAL_REPORT: ANNUAL_REPORT_FIELDS,
}

KIND_LABELS: dict[str, str] = {
    FileKind.SITE: "机关配置 site.yml",
    FileKind.DOCUMENT: "公文",
    FileKind.REGULATION: "制度 regulation.yml",
    FileKind.VERSION: "制度版本",
    FileKind.DISCLOSURE: "公开事项",
    FileKind.PAGE: "页面",
    FileKind.ANNUAL_REPORT: "年度报告数据",
}


@dataclass
class AttachmentSpec:
    """One entry of ``attachments``: a title, optionally a file in the corpus."""

    title: str
    file: str | None = None
    line: int = 1
    extra_keys: list[str] = field(default_factory=list)


@dataclass
class Acknowledgement:
    """One entry of ``acknowledged``: a finding accepted because the text was adopted that way."""

    code: str
    reason: str
    line: int = 1
