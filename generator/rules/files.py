"""F rules: can the file be read, and are its keys and place right."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..corpus.loader import RESERVED_SLUGS, SITE_FILE, SLUG_RE, YEAR_RE, as_str, person_name_problem
from ..corpus.siteconfig import SiteConfig
from ..corpus.source import CONTROL_RE, MAX_DATE, MIN_DATE, Source, control_name
from ..diagnostics import WARNING, Diagnostic
from ..schema import FIELDS_BY_KIND, KIND_LABELS, WEBSITE_KEYS, DisclosureKind, FieldSpec, FileKind
from ..text.calendar import parse_posting
from .registry import Context, Rule, rule


@rule(
    "F001",
    "error",
    "not-utf8",
    summary="文件不是有效的 UTF-8 文本",
    why="""
所有语料文件必须是 UTF-8 编码（可带 BOM，换行 LF 或 CRLF 均可）。
从 Windows 记事本或旧版 WPS 另存的文件常是 GBK/GB18030 编码，直接读取会得到乱码，
检索、生成网站和导出 Word 都会出错。含有 NUL 字节的二进制文件也不能作为语料。
""",
    wrong="（用 GBK 编码保存的 关于加强值班管理的通知.md）",
    right="""
iconv -f GB18030 -t UTF-8 原文件.md > 新文件.md
（或在编辑器中“另存为 → 编码 UTF-8”）
""",
)
def not_utf8(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in ctx.sources():
        p = src.encoding_problem
        if p is None:
            for line, ch in src.control_chars:
                yield r.at(
                    src.path,
                    line,
                    f"第 {line} 行含有控制字符 {control_name(ch)}：它不是文字，网页和 Word 文件都无法正确显示，"
                    "导出时会出错。请删除它；需要换行就另起一段（从 Word 粘贴的文字常带有这种手动换行符）",
                )
            continue
        if p.binary:
            msg = f"第 {p.line} 行含有 NUL 字节，这不是文本文件：语料只收 UTF-8 文本，二进制文件请作为附件放在别处"
        elif p.looks_like_gbk:
            msg = (
                f"第 {p.line} 行起不是 UTF-8，看起来是 GBK/GB18030 编码：请转换为 UTF-8，"
                f"例如 iconv -f GB18030 -t UTF-8 '{src.path}' -o 新文件，或在编辑器中另存为 UTF-8"
            )
        else:
            msg = f"第 {p.line} 行起不是有效的 UTF-8 文本：请用 UTF-8 编码重新保存此文件"
        yield r.at(src.path, p.line, msg)


@rule(
    "F002",
    "error",
    "front-matter",
    summary="缺少前置元数据，或前置元数据不是有效的 YAML",
    why="""
每个 .md 文件以 YAML 前置元数据开头（第一行 ---，键值，再一行 ---），
site.yml 与 regulation.yml 整个文件就是 YAML。元数据读不出来，文号、日期、公开属性都无从判断，
该文件不会被发布。为安全起见，不支持 YAML 锚点和别名，同一个键也不能写两次。
""",
    wrong="""
---
title: 关于加强机关值班管理的通知
signed_on 2025-03-05
---
""",
    right="""
---
title: 关于加强机关值班管理的通知
signed_on: 2025-03-05
---
""",
)
def front_matter(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in ctx.sources():
        if src.encoding_problem is None and src.meta_problem is not None:
            yield r.at(src.path, src.meta_problem.line, src.meta_problem.message)


_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.I)


def _report_problems(ctx: Context, src: Source) -> list[tuple[str, int, str]]:
    """Findings in an annual-report data file (generator.corpus.annual_data), computed once."""
    from ..corpus.annual_data import problems

    return ctx.memo("annual-report", src, problems)


def _closest(key: str, known: Iterable[str]) -> str:
    match = difflib.get_close_matches(key, list(known), n=1, cutoff=0.5)
    return f"，是否应为 {match[0]}？" if match else "。"


@rule(
    "F003",
    "error",
    "unknown-key",
    summary="前置元数据中有未知的键",
    why="""
键名是英文且固定的（见字段说明）。拼错的键会被静默忽略，例如把 published_on 写成
publish_on，发布日期就回到默认值，文件可能提前上网。因此未知的键一律报错，并给出最接近的正确键名。
""",
    wrong="publish_on: 2025-03-10",
    right="published_on: 2025-03-10",
)
def unknown_key(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in ctx.sources():
        if not src.meta or src.kind not in FIELDS_BY_KIND:
            continue
        known = FIELDS_BY_KIND[src.kind]
        for key, field in src.meta.items():
            if key not in known:
                yield r.at(
                    src.path,
                    field.line,
                    f"未知的键 {key}（{KIND_LABELS[src.kind]}）{_closest(key, known)}可用的键：{'、'.join(known)}",
                )
        if src.kind == FileKind.SITE and isinstance(src.value("website"), dict):
            for key in src.value("website"):
                if key not in WEBSITE_KEYS:
                    yield r.at(
                        src.path,
                        src.line_of("website"),
                        f"website 中未知的键 {key}{_closest(key, WEBSITE_KEYS)}可用的键：{'、'.join(WEBSITE_KEYS)}",
                    )
        if src.kind == FileKind.ANNUAL_REPORT:
            yield from (
                r.at(src.path, line, message) for code, line, message in _report_problems(ctx, src) if code == "F003"
            )
        if src.kind == FileKind.DOCUMENT and src.has("attachments") and isinstance(src.value("attachments"), list):
            field = src.meta["attachments"]
            for i, item in enumerate(field.value):
                if isinstance(item, dict):
                    for key in item:
                        if key not in ("title", "file"):
                            line = field.item_lines[i] if i < len(field.item_lines) else field.line
                            yield r.at(
                                src.path,
                                line,
                                f"附件条目中未知的键 {key}{_closest(key, ('title', 'file'))}"
                                "附件条目只能有 title 和 file",
                            )


@rule(
    "F004",
    "error",
    "missing-key",
    summary="缺少必填的键",
    why="""
文号、标题、文种、成文日期等是公文的必备要素，缺了就无法编号、排序、归档和发布。
按文种才需要的键（主送机关、签发人）和发布审签信息由 T004、T005、P001 等规则另行检查。
""",
    wrong="""
---
title: 关于加强机关值班管理的通知
doc_type: 通知
signed_on: 2025-03-05
---
""",
    right="""
---
number: 区建办〔2025〕3号
title: 关于加强机关值班管理的通知
doc_type: 通知
signed_on: 2025-03-05
---
""",
)
def missing_key(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in ctx.sources():
        if src.meta is None or src.kind not in FIELDS_BY_KIND:
            continue
        for name, spec in FIELDS_BY_KIND[src.kind].items():
            if spec.required is not True:
                continue
            value = src.value(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                where = "" if not src.has(name) else "（值为空）"
                yield r.at(
                    src.path, src.line_of(name), f"缺少必填的键 {name}（{spec.label}）{where}：请在前置元数据中补上"
                )
        if src.kind == FileKind.SITE and not src.has("site_url"):
            yield r.at(
                src.path,
                1,
                "site.yml 没有写 site_url（网站的完整地址，如 https://www.example.gov.cn/）："
                "订阅（feed.xml）中的链接和搜索引擎用的站点地图（sitemap.xml）都需要它，"
                "没有它订阅者和搜索引擎找不到网页。请补上",
                severity=WARNING,
            )
        if src.kind == FileKind.DISCLOSURE:
            kind = src.value("kind", DisclosureKind.REGULAR)
            needed = {
                DisclosureKind.PROMPT: ("completed_on", "重要/临时事项须写明办结日期"),
                DisclosureKind.PRE: ("comment_until", "预公开事项须写明征求意见截止日期"),
            }.get(kind)
            if needed and src.value(needed[0]) is None:
                yield r.at(src.path, src.line_of("kind"), f"kind 为 {kind} 时缺少 {needed[0]}：{needed[1]}，请补上")


_QUOTE_HINT = "YAML 会把 yes、no、true、false、on、off 读作是/否，把 001、1e3 读作数字"


def _scalar_problem(value: object) -> str | None:
    """Why ``value`` is not text as written (a YAML boolean or number), or None."""
    if isinstance(value, bool):
        return f"写成了 {str(value).lower()} 一类的词，{_QUOTE_HINT}：这里应是文字，如确要写这个词请加引号"
    if isinstance(value, (int, float)):
        return f"是数字 {value!r}，不是文字（{_QUOTE_HINT}）：请给值加上引号，按原样写出"
    if value is not None and not isinstance(value, str):
        return "应是文字"
    return None


#: Keys whose text may run over several lines; every other text value is one line.
MULTILINE_KEYS = ("summary", "withhold_reason", "review")


def _text_problem(name: str, value: object) -> str | None:
    """Control characters, or a line break where one line is expected."""
    if not isinstance(value, str):
        return None
    m = CONTROL_RE.search(value)
    if m:
        return f"含有控制字符 {control_name(m.group())}：请删除"
    if "\n" in value.strip() and name not in MULTILINE_KEYS:
        return "应写在一行内，不能换行（多行会被当作标题、名称的一部分显示出来）"
    limit = MAX_TITLE if name == "title" else MAX_TEXT if name not in MULTILINE_KEYS else None
    if limit and len(value) > limit:
        return f"有 {len(value)} 个字，太长（最多 {limit} 个字）：Word 文件的属性、网页标题和文件名都容不下"
    return None


#: Longest title (公文标题 are one to three lines: far below this) and other one-line value.
MAX_TITLE = 200
MAX_TEXT = 500


def _type_problem(spec: FieldSpec, value: Any) -> str | None:
    if value is None:
        return None
    if spec.type in ("str",) and isinstance(value, (list, dict)):
        return "应是一个字符串，不能是列表或映射"
    if spec.type == "str":
        return _scalar_problem(value) or _text_problem(spec.name, value)
    if spec.type == "strlist" and (
        isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value))
    ):
        return "应是一个字符串或字符串列表"
    if spec.type == "strlist":
        for v in value if isinstance(value, list) else [value]:
            problem = _scalar_problem(v) or _text_problem(spec.name, v)
            if problem:
                return f"中的“{v}”{problem}"
        return None
    if spec.type == "mapping" and not isinstance(value, dict):
        return "应是“键: 值”形式的映射"
    if spec.type == "mapping":
        for k, v in value.items():
            if isinstance(v, (list, dict)):
                return f"中 {k} 的值应是文字，不能是列表或映射"
            problem = _scalar_problem(v) or _text_problem(spec.name, v)
            if problem:
                return f"中 {k} 的值{problem}"
        return None
    if spec.type == "int" and (not isinstance(value, int) or isinstance(value, bool)):
        return "应是整数"
    if spec.type == "attachments" and not isinstance(value, list):
        return "应是列表：每项是附件标题，或 {title: 标题, file: 路径}"
    if spec.type == "acknowledgements" and (not isinstance(value, list) or any(not isinstance(v, dict) for v in value)):
        return "应是列表，每项写成 {code: 规则代码, reason: 确认的理由}"
    return None


@rule(
    "F005",
    "error",
    "value-not-allowed",
    summary="键的值不在允许范围内",
    why="""
文种、密级、公开属性、保管期限、公开事项类别等只能取规定的值；机构须是 site.yml 中登记的机构，
所印发的制度须是已有的制度。取值不对，发布规则和归档分类就无法判断，所以列出允许的值供选择。
""",
    wrong="""
classification: 秘 密
retention: 长期
""",
    right="""
classification: 秘密
retention: 30年
""",
)
def value_not_allowed(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    agency = ctx.corpus.agency
    for src in ctx.sources():
        if src.meta is None or src.kind not in FIELDS_BY_KIND:
            continue
        for name, spec in FIELDS_BY_KIND[src.kind].items():
            if not src.has(name):
                continue
            value = src.value(name)
            problem = _type_problem(spec, value)
            if problem is None and name == "approved_by":
                problem = person_name_problem(value)
            if problem is None and name == "review" and isinstance(value, bool):
                problem = "应写明还要核对什么（文字或文字列表）；核对完毕请删除 review 这一行，而不是写 false"
            if problem:
                yield r.at(src.path, src.line_of(name), f"{name}（{spec.label}）{problem}")
                continue
            if spec.allowed and value is not None and as_str(value) not in spec.allowed:
                yield r.at(src.path, src.line_of(name), f"{name} 的值“{value}”不允许，可选：{'、'.join(spec.allowed)}")
            if spec.type == "attachments" and isinstance(value, list):
                field = src.meta[name]
                for i, item in enumerate(value):
                    line = field.item_lines[i] if i < len(field.item_lines) else field.line
                    title = item.get("title") if isinstance(item, dict) else item
                    if not isinstance(title, (str, int)) or isinstance(title, bool) or not str(title).strip():
                        yield r.at(
                            src.path, line, "附件条目缺少标题：写成“- 附件标题”或“- {title: 附件标题, file: 路径}”"
                        )
                    elif _text_problem("title", title):
                        yield r.at(src.path, line, f"附件标题{_text_problem('title', title)}")
                    file = item.get("file") if isinstance(item, dict) else None
                    if file is not None and not isinstance(file, str):
                        yield r.at(
                            src.path, line, "附件的 file 应是文件路径（文字），如 content/attachments/2025/名称.pdf"
                        )
        if src.kind == FileKind.SITE and src.has("disclosure_day"):
            day = src.value("disclosure_day")
            if isinstance(day, int) and not isinstance(day, bool) and not 1 <= day <= 28:
                yield r.at(
                    src.path,
                    src.line_of("disclosure_day"),
                    f"disclosure_day 为 {day}：政务公开日须是每季度首月的 1 至 28 日之一",
                )
        if src.kind == FileKind.SITE and src.has("codes") and isinstance(src.value("codes"), dict):
            for code in src.value("codes"):
                if not str(code).strip() or any(c in str(code) for c in "〔〕[]()（）0123456789"):
                    yield r.at(
                        src.path, src.line_of("codes"), f"发文机关代字“{code}”不合规：代字只写汉字部分，如 区建发"
                    )
        if src.kind == FileKind.SITE and isinstance(src.value("website"), dict):
            url = src.value("website").get("police_record_url")
            if url is not None and not _HTTP_URL.match(str(url).strip()):
                yield r.at(
                    src.path,
                    src.line_of("website"),
                    f"website.police_record_url“{url}”不是网址：应以 https:// 或 http:// 开头",
                )
        if src.kind == FileKind.ANNUAL_REPORT:
            yield from (
                r.at(src.path, line, message) for code, line, message in _report_problems(ctx, src) if code == "F005"
            )
        if src.kind == FileKind.DOCUMENT and src.has("department") and agency.departments:
            dep = as_str(src.value("department"))
            if dep not in agency.departments:
                yield r.at(
                    src.path,
                    src.line_of("department"),
                    f"机构“{dep}”未在 content/site.yml 的 departments 中登记，可选：{'、'.join(agency.departments)}",
                )
        if src.kind == FileKind.DOCUMENT and src.has("regulation"):
            slug = as_str(src.value("regulation")) or ""
            base = slug.split("/")[0].split("@")[0]
            if base not in ctx.corpus.regulations:
                known = "、".join(sorted(ctx.corpus.regulations)) or "（尚无制度）"
                yield r.at(
                    src.path,
                    src.line_of("regulation"),
                    f"regulation 指向的制度“{slug}”不存在：应是 regulations/ 下的文件夹名，可选：{known}",
                )


#: Longest slug: it becomes a folder and file names in the site (index.html, <slug>.docx) and
#: must stay well inside file-name limits (255 bytes) and readable URLs.
MAX_SLUG = 100


@rule(
    "F006",
    "error",
    "file-placement",
    summary="文件名或所在文件夹不对",
    why="""
文件的位置决定网址和归类：公文放在 content/documents/<成文年份>/<slug>.md，
公开事项放在 content/disclosures/<年>-Q<季度>/<slug>.md，制度版本以施行日期命名为
regulations/<slug>/<YYYY-MM-DD>.md。slug 只能用小写字母、数字和连字符，它会成为网址的一部分，
发布后不能再改。
""",
    wrong="""
content/documents/2024/ZhiBan_TongZhi.md   （成文日期是 2025-03-05）
content/disclosures/2025-q1/shoufei.md
regulations/kaoqin/2025-3-1.md
""",
    right="""
content/documents/2025/zhiban-tongzhi.md
content/disclosures/2025-Q1/shoufei.md
regulations/kaoqin/2025-03-01.md
""",
)
def file_placement(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    corpus = ctx.corpus
    for path, line, message in corpus.layout_problems:
        yield r.at(path, line, message)
    if corpus.agency.source is None:
        yield r.at(SITE_FILE, 1, "缺少机关配置文件 content/site.yml：请创建它，写明 agency、fonds、codes、departments")
    slug_hint = "slug 只能用小写字母、数字和连字符（如 zhiban-tongzhi）"
    for doc in corpus.documents:
        if not ctx.in_scope(doc.path):
            continue
        parts = doc.path.split("/")
        if len(parts) != 4 or not YEAR_RE.match(parts[2]):
            yield r.at(doc.path, 1, "公文须放在 content/documents/<成文年份>/<slug>.md")
            continue
        if not SLUG_RE.match(doc.slug):
            yield r.at(doc.path, 1, f"文件名“{doc.slug}”不合规：{slug_hint}")
        elif doc.slug in RESERVED_SLUGS:
            yield r.at(
                doc.path,
                1,
                f"文件名“{doc.slug}”是保留名：网站上 documents/{parts[2]}/{doc.slug}/ "
                "是该年度公文列表的位置，用它会顶替列表页。请换一个 slug",
            )
        elif len(doc.slug) > MAX_SLUG:
            yield r.at(
                doc.path, 1, f"文件名“{doc.slug[:20]}…”有 {len(doc.slug)} 个字符，太长：slug 最多 {MAX_SLUG} 个字符"
            )
        if doc.signed_on and doc.year_folder != doc.signed_on.year:
            yield r.at(
                doc.path,
                doc.source.line_of("signed_on"),
                f"文件在 {doc.year_folder} 年的文件夹里，但成文日期是 {doc.signed_on.isoformat()}："
                f"请移到 content/documents/{doc.signed_on.year}/",
            )
    for item in corpus.disclosures:
        if not ctx.in_scope(item.path):
            continue
        parts = item.path.split("/")
        if len(parts) != 4:
            yield r.at(item.path, 1, "公开事项须放在 content/disclosures/<年>-Q<季度>/<slug>.md")
            continue
        posting = parse_posting(parts[2])
        if posting is None:
            yield r.at(item.path, 1, f"文件夹“{parts[2]}”不是季度名：应写成 2025-Q1 这样的形式（Q 大写，季度 1–4）")
        elif not MIN_DATE.year <= posting[0] <= MAX_DATE.year:
            yield r.at(item.path, 1, f"文件夹“{parts[2]}”的年份超出 {MIN_DATE.year}–{MAX_DATE.year} 年")
        if not SLUG_RE.match(item.slug):
            yield r.at(item.path, 1, f"文件名“{item.slug}”不合规：{slug_hint}")
        elif len(item.slug) > MAX_SLUG:
            yield r.at(item.path, 1, f"文件名有 {len(item.slug)} 个字符，太长：slug 最多 {MAX_SLUG} 个字符")
    for reg in corpus.regulations.values():
        if SLUG_RE.match(reg.slug) and len(reg.slug) > MAX_SLUG:
            path = reg.source.path if reg.source else f"regulations/{reg.slug}"
            if ctx.in_scope(path):
                yield r.at(path, 1, f"制度文件夹名有 {len(reg.slug)} 个字符，太长：slug 最多 {MAX_SLUG} 个字符")
        if not SLUG_RE.match(reg.slug):
            path = reg.source.path if reg.source else f"regulations/{reg.slug}"
            if ctx.in_scope(path):
                yield r.at(path, 1, f"制度文件夹名“{reg.slug}”不合规：{slug_hint}")
        for ver in reg.versions:
            if ctx.in_scope(ver.path) and ver.file_date is None:
                yield r.at(
                    ver.path,
                    1,
                    "制度版本文件须以施行日期命名，如 2025-03-01.md（四位年、两位月、两位日，须是真实日期）",
                )


@rule(
    "F007",
    "error",
    "site-config-not-accepted",
    summary="mkdocs.yml 中有 govpub 不接受的设置",
    why="""
mkdocs.yml 和其他语料文件一样通过合并请求提交，但 MkDocs 会把其中不少设置当作代码执行：
hooks 和 plugins 在生成网站（包括为合并请求生成预览）时运行 Python 代码，theme.custom_dir
会把任意文件夹发布出去，!ENV 会把环境变量（CI 的密钥）写进网页，有些值还会不经转义写进网页属性。
因此 govpub 只接受一小份清单（见 docs/corpus.md：网站名称、配色、功能开关、根目录内的标志图片、
样式表和脚本、版权行、extra 中的几项、几个只增加语法的 Markdown 扩展），每项的类型都要对；
其余一律报错并指出键名和行号，govpub build 在改正之前不生成网站。
""",
    wrong="""
hooks:
  - hooks/notify.py
theme:
  name: material
  custom_dir: ../overrides
extra:
  token: !ENV GITHUB_TOKEN
""",
    right="""
site_name: 某区住房和城乡建设局
theme:
  name: material
  palette:
    primary: red
  logo: assets/logo.png
copyright: 某区住房和城乡建设局 版权所有
""",
)
def site_config_not_accepted(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    cfg = ctx.corpus.site_config
    if not isinstance(cfg, SiteConfig):  # None: there is no mkdocs.yml
        return
    for problem in cfg.problems:
        yield r.at(cfg.path, problem.line, problem.message)
