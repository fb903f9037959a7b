"""Walk a corpus root once and build the typed model.

The walk never follows a link out of the root and never raises on bad input:
what it cannot place is recorded as a layout problem (F006) and what it cannot
read stays on the :class:`Source` for the F rules.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import Agency, Corpus, DisclosureItem, Document, InfoPage, Regulation, Version
from ..schema import FIELDS_BY_KIND, PAGE_NAMES, Acknowledgement, AttachmentSpec, Classification, DisclosureStatus
from ..scope import Scope, as_scope
from ..text.calendar import parse_posting
from ..text.docnumber import analyse_doc_number
from .source import _DATE_RE, Field, Source, decode, read_source

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Document slugs that would take the place of a page the site makes itself: the year's
#: list is documents/<YYYY>/index.md, so a document called index would replace it.
RESERVED_SLUGS = frozenset({"index"})
YEAR_RE = re.compile(r"^\d{4}$")
VERSION_NAME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

SITE_FILE = "content/site.yml"
HOLIDAYS_FILE = "content/holidays.yml"
ATTACHMENTS_DIR = "content/attachments"
PAGES_DIR = "content/pages"
ANNUAL_REPORTS_DIR = "content/annual-reports"
_REPORT_NAME_RE = re.compile(r"^(\d{4})\.yml$")


class CorpusRootError(UsageError):
    """The root cannot be read at all (usage error, exit 2)."""


def _rel(root: Path, path: Path) -> str:
    r, p = str(root), str(path)
    # paths under the (resolved) root are built from it: cut the prefix instead of relpath
    rel = p[len(r) + 1 :] if p.startswith(r) and p[len(r) : len(r) + 1] == os.sep else os.path.relpath(p, r)
    return rel if os.sep == "/" else rel.replace(os.sep, "/")


def _linked_component(root: Path, rel: str) -> str | None:
    """The first component of ``rel`` (from ``root`` down) that is a symbolic link, or None.

    The walk below never follows links, but the folders it starts from (``content``,
    ``content/documents``, ``regulations`` …) and single files such as ``content/site.yml``
    are reached by name: a link there would bring files from anywhere into the corpus."""
    path = root
    for part in rel.split("/"):
        path = path / part
        if path.is_symlink():
            return path.relative_to(root).as_posix()
    return None


def _reachable(root: Path, rel: str, corpus: Corpus) -> bool:
    """Whether ``root/rel`` may be read: no link on the way (else an F006 layout problem)."""
    link = _linked_component(root, rel)
    if link is None:
        return True
    problem = (
        link,
        1,
        f"{link} 是符号链接，已忽略：语料库中的文件夹和文件须是真实的，请把内容复制到这里，不要链接到别处",
    )
    if problem not in corpus.layout_problems:
        corpus.layout_problems.append(problem)
    return False


def _walk_files(root: Path, top: str, corpus: Corpus) -> list[Path]:
    """Regular files under ``root/top``, sorted (a folder's files before its subfolders');
    hidden files are skipped, links leaving the root are refused."""
    base = root / top
    if not _reachable(root, top, corpus) or not base.is_dir():
        return []
    out: list[Path] = []
    real_root = os.path.realpath(root)

    def inside(target: str) -> bool:
        return target == real_root or target.startswith(real_root + os.sep)

    def visit(folder: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return
        subfolders = []
        for entry in entries:
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.isdir(target):
                    if not inside(target):
                        corpus.layout_problems.append(
                            (_rel(root, Path(entry.path)), 1, "符号链接指向语料库根目录之外，已忽略：请改为普通文件夹")
                        )
                    continue  # links to folders are never followed
                if entry.name.startswith("."):
                    continue
                if not target.startswith(real_root + os.sep) or not os.path.isfile(target):
                    corpus.layout_problems.append(
                        (_rel(root, Path(entry.path)), 1, "符号链接指向语料库根目录之外，已忽略：请改为普通文件")
                    )
                    continue
                out.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append(entry.path)
            elif not entry.name.startswith("."):
                out.append(Path(entry.path))
        for sub in subfolders:
            visit(sub)

    visit(str(base))
    return out


def _read(root: Path, path: Path, kind: str, corpus: Corpus) -> Source:
    rel = _rel(root, path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        src = Source(path=rel, kind=kind)
        corpus.layout_problems.append((rel, 1, f"无法读取文件：{exc.strerror}"))
        return src
    src = read_source(data, rel, kind)
    corpus.sources.append(src)
    return src


# -- typing values --------------------------------------------------------


def as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return None
    return str(value).strip()


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def as_strlist(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and not isinstance(v, (dict, list))]
    if isinstance(value, dict):
        return []
    text = str(value).strip()
    return [text] if text else []


#: Values an editor writes for "nobody signed": never a principal's name.
_NOBODY_RE = re.compile(
    r"^(?:无|否|没有|暂无|待定|未定|未审签|待审签|未签|未签字|空|不详|无人|n/?a|none|null|nil|tbd|todo|"
    r"[-—－_/\\.。·?？*xX×]+)$",
    re.I,
)


def person_name_problem(value: Any) -> str | None:
    """Why ``value`` is not a person's name (``approved_by``, SPEC §7.6), or None."""
    if value is None:
        return None  # absent: P001 decides
    if isinstance(value, bool):
        return (
            f"写成了 {str(value).lower()}，YAML 把它读作是/否，不是人名：请写审签的主要负责人的姓名；"
            "尚未审签就删除这一行"
        )
    if not isinstance(value, str):
        return "应是审签人的姓名（一段文字），不能是数字、列表或映射"
    text = value.strip()
    if not text:
        return "是空的：请写审签人的姓名；尚未审签就删除这一行"
    if _NOBODY_RE.match(text):
        return f"“{text}”不是人名：请写审签人的姓名；尚未审签就删除这一行（未审签的事项不会发布）"
    if "\n" in text or len(text) > 40:
        return "不像一个人名：请只写审签人的姓名"
    return None


def person_name(value: Any) -> str | None:
    """``value`` as a person's name, or None when it is not one (never public then)."""
    return value.strip() if value is not None and person_name_problem(value) is None else None


def as_attachments(src: Source) -> list[AttachmentSpec]:
    field = src.meta.get("attachments") if src.meta else None
    if field is None or not isinstance(field.value, list):
        return []
    out = []
    for i, item in enumerate(field.value):
        line = field.item_lines[i] if i < len(field.item_lines) else field.line
        if isinstance(item, dict):
            title = as_str(item.get("title")) or ""
            file = item.get("file") if isinstance(item.get("file"), str) else None
            file = file.strip() if file else None
            extra = [k for k in item if k not in ("title", "file")]
            out.append(AttachmentSpec(title=title, file=file, line=line, extra_keys=extra))
        elif item is not None and not isinstance(item, list):
            out.append(AttachmentSpec(title=str(item).strip(), line=line))
    return out


def as_acknowledgements(src: Source) -> list[Acknowledgement]:
    """The well-formed entries of ``acknowledged`` (the F rules report the others)."""
    field = src.meta.get("acknowledged") if src.meta else None
    if field is None or not isinstance(field.value, list):
        return []
    out = []
    for i, item in enumerate(field.value):
        line = field.item_lines[i] if i < len(field.item_lines) else field.line
        if isinstance(item, dict):
            code, reason = as_str(item.get("code")), as_str(item.get("reason"))
            if code:
                out.append(Acknowledgement(code=code.upper(), reason=reason or "", line=line))
    return out


def _typed(src: Source, name: str) -> Any:
    """The value of ``name`` converted to its schema type, or the default."""
    spec = FIELDS_BY_KIND[src.kind].get(name)
    raw = src.value(name)
    if spec is None:
        return raw
    if raw is None:
        if spec.type == "strlist":
            return []
        if spec.type == "mapping":
            return {}
        return spec.default
    if spec.type == "date":
        return as_date(raw)
    if spec.type == "strlist":
        return as_strlist(raw)
    if spec.type == "int":
        return raw if isinstance(raw, int) and not isinstance(raw, bool) else spec.default
    if spec.type == "mapping":
        return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    if spec.type == "str":
        value = as_str(raw)
        if spec.allowed:
            # the allowed value itself: the enumeration member where the schema has one
            return next((a for a in spec.allowed if a == value), spec.default)
        return value
    return raw


# -- building the model ---------------------------------------------------


def _agency(src: Source | None) -> Agency:
    if src is None or src.meta is None:
        return Agency(source=src)
    return Agency(
        source=src,
        agency=_typed(src, "agency") or "",
        short_name=_typed(src, "short_name") or "",
        fonds=_typed(src, "fonds") or "",
        printed_by=_typed(src, "printed_by"),
        website=_typed(src, "website"),
        codes=_typed(src, "codes"),
        departments=_typed(src, "departments"),
        disclosure_day=_typed(src, "disclosure_day"),
        site_url=_typed(src, "site_url"),
        index_prefix=_typed(src, "index_prefix"),
        disclosure_note=_typed(src, "disclosure_note"),
    )


def _document(src: Source, agency: Agency) -> Document:
    parts = src.path.split("/")
    year = int(parts[2]) if len(parts) == 4 and YEAR_RE.match(parts[2]) else None
    slug = Path(parts[-1]).stem
    doc = Document(source=src, slug=slug, year_folder=year)
    if src.meta is None:
        return doc
    doc.number_raw = as_str(src.value("number"))
    if doc.number_raw:
        doc.number = analyse_doc_number(doc.number_raw).number
    doc.title = _typed(src, "title") or ""
    doc.doc_type = _typed(src, "doc_type") or ""
    doc.issuer = _typed(src, "issuer") or agency.agency
    doc.recipients = _typed(src, "recipients")
    doc.signer = _typed(src, "signer")
    doc.signed_on = _typed(src, "signed_on")
    doc.published_on = _typed(src, "published_on")
    doc.classification = _typed(src, "classification")
    disclosure = _typed(src, "disclosure")
    if disclosure is None:
        # 主动公开 is the default only for public documents (docs/corpus.md).
        disclosure = (
            DisclosureStatus.PROACTIVE if doc.classification == Classification.PUBLIC else DisclosureStatus.WITHHELD
        )
    if src.has("classification") and as_str(src.value("classification")) not in (
        None,
        *FIELDS_BY_KIND["document"]["classification"].allowed,
    ):
        # an unreadable classification must never be taken as public
        doc.classification = "未知"
        disclosure = DisclosureStatus.WITHHELD
    if src.has("disclosure") and as_str(src.value("disclosure")) not in (
        *FIELDS_BY_KIND["document"]["disclosure"].allowed,
    ):
        disclosure = DisclosureStatus.WITHHELD
    doc.disclosure = disclosure
    doc.withhold_reason = _typed(src, "withhold_reason")
    doc.urgency = _typed(src, "urgency")
    doc.attachments = as_attachments(src)
    doc.cc = _typed(src, "cc")
    doc.printed_by = _typed(src, "printed_by")
    doc.printed_on = _typed(src, "printed_on")
    doc.retention = _typed(src, "retention")
    doc.department = _typed(src, "department")
    doc.topics = _typed(src, "topics")
    doc.status = _typed(src, "status")
    doc.repealed_by = _typed(src, "repealed_by")
    doc.regulation = _typed(src, "regulation")
    doc.review = _review(src)
    doc.acknowledged = as_acknowledgements(src)
    return doc


def _review(src: Source) -> list[str]:
    """``review`` as a list; present but empty or unreadable still counts (never public)."""
    if not src.has("review"):
        return []
    return as_strlist(src.value("review")) or ["（review 已写但内容为空）"]


def _disclosure(src: Source) -> DisclosureItem:
    parts = src.path.split("/")
    posting = parse_posting(parts[2]) if len(parts) == 4 else None
    item = DisclosureItem(source=src, slug=Path(parts[-1]).stem, posting=posting)
    if src.meta is None:
        return item
    item.title = _typed(src, "title") or ""
    item.category = _typed(src, "category") or ""
    item.kind = _typed(src, "kind")
    item.department = _typed(src, "department") or ""
    item.approved_by = person_name(src.value("approved_by"))
    item.approved_on = _typed(src, "approved_on")
    item.completed_on = _typed(src, "completed_on")
    item.comment_until = _typed(src, "comment_until")
    item.related = _typed(src, "related")
    item.review = _review(src)
    return item


def _version(src: Source, slug: str) -> Version:
    stem = Path(src.path).stem
    file_date = None
    m = VERSION_NAME_RE.match(stem)
    if m:
        try:
            file_date = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            file_date = None
    ver = Version(source=src, regulation_slug=slug, file_date=file_date)
    if src.meta is None:
        return ver
    ver.effective_on = _typed(src, "effective_on")
    ver.adopted_on = _typed(src, "adopted_on")
    ver.issued_by = _typed(src, "issued_by")
    ver.summary = _typed(src, "summary")
    ver.acknowledged = as_acknowledgements(src)
    return ver


def _regulation(slug: str, src: Source | None, agency: Agency) -> Regulation:
    reg = Regulation(slug=slug, source=src)
    if src is None or src.meta is None:
        return reg
    reg.title = _typed(src, "title") or ""
    reg.category = _typed(src, "category") or ""
    reg.issuer = _typed(src, "issuer") or agency.agency
    reg.department = _typed(src, "department") or ""
    reg.repealed_on = _typed(src, "repealed_on")
    reg.repealed_by = _typed(src, "repealed_by")
    return reg


# -- focused loading (checking a few files against a large corpus) -------------------

#: Top-level keys of other documents that cross-file rules need (numbers, their order, secrecy).
_LIGHT_KEYS = ("number", "signed_on", "classification")
_LIGHT_LINE_RE = re.compile(r"^(number|signed_on|classification):[ \t]*(.*?)[ \t]*$", re.M)
_PLAIN_VALUE_RE = re.compile(r"""^[^\s'"\[\]{}&*!|>#%@`,][^#]*$""")


def _light_document(root: Path, path: Path, corpus: Corpus) -> Document | None:
    """A document with only the keys cross-file rules read, found without a YAML parse.

    Returns None when the front matter is not plain enough to read this way; the
    caller then parses the file in full, so the result never differs from a full load.
    """
    rel = _rel(root, path)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    src = Source(path=rel, kind="document")
    text = decode(data, src)
    if text is None:
        return Document(source=src, slug=path.stem, year_folder=None)
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    head = text[4 : end + 1]
    if "&" in head or "*" in head or "\t" in head:
        return None  # anchors, aliases or tabs: let YAML decide
    meta: dict[str, Field] = {}
    for m in _LIGHT_LINE_RE.finditer(head):
        key, value = m.group(1), m.group(2)
        if key in meta or not _PLAIN_VALUE_RE.match(value):
            return None
        line = head.count("\n", 0, m.start()) + 2
        meta[key] = Field(value=value, line=line)
    if "signed_on" in meta:
        dm = _DATE_RE.match(meta["signed_on"].value)
        if dm is None:
            return None
        try:
            meta["signed_on"].value = dt.date(int(dm[1]), int(dm[2]), int(dm[3]))
        except ValueError:
            pass  # kept as text, exactly as the YAML loader does
    src.meta = meta
    parts = rel.split("/")
    doc = Document(
        source=src, slug=path.stem, year_folder=int(parts[2]) if len(parts) == 4 and YEAR_RE.match(parts[2]) else None
    )
    if "number" in meta:
        doc.number_raw = meta["number"].value
        doc.number = analyse_doc_number(doc.number_raw).number
    doc.signed_on = as_date(meta["signed_on"].value) if "signed_on" in meta else None
    if "classification" in meta:
        doc.classification = meta["classification"].value
    return doc


def load_corpus(root: str | os.PathLike, focus: Scope | Iterable[str] | None = None) -> Corpus:
    """Read every corpus file under ``root`` once and build the model.

    With ``focus`` (the files to check: root-relative paths or a generator.scope scope),
    only those files, the regulations they belong to and site.yml are read in full; other
    documents are read just for their number, date and classification, and other disclosure
    items and regulations are not read at all. Rules judging the focus files then see the
    same corpus-wide facts at a fraction of the cost.
    """
    root_path = Path(root)
    if not root_path.is_dir():
        raise CorpusRootError(f"语料库根目录不存在或不是文件夹：{root}")
    if not (root_path / "content").is_dir() and not (root_path / "regulations").is_dir():
        raise CorpusRootError(f"{root} 下既没有 content/ 也没有 regulations/：请用 --root 指向语料库根目录")
    root_path = root_path.resolve()
    corpus = Corpus(root=str(root_path), agency=Agency(source=None))

    site_path = root_path / SITE_FILE
    site_src = None
    if (
        (site_path.exists() or site_path.is_symlink())
        and _reachable(root_path, SITE_FILE, corpus)
        and site_path.is_file()
    ):
        site_src = _read(root_path, site_path, "site", corpus)
    corpus.agency = _agency(site_src)
    if (root_path / HOLIDAYS_FILE).is_file() and _reachable(root_path, HOLIDAYS_FILE, corpus):
        corpus.holidays_path = str(root_path / HOLIDAYS_FILE)
    from .siteconfig import read_site_config

    corpus.site_config = read_site_config(root_path)

    scope = as_scope(focus)

    def in_focus(rel: str) -> bool:
        return scope is None or rel in scope

    for path in _walk_files(root_path, "content/documents", corpus):
        if path.suffix != ".md":
            continue
        if not in_focus(_rel(root_path, path)):
            light = _light_document(root_path, path, corpus)
            if light is not None:
                corpus.documents.append(light)
                continue
        corpus.documents.append(_document(_read(root_path, path, "document", corpus), corpus.agency))

    for path in _walk_files(root_path, "content/disclosures", corpus):
        if path.suffix != ".md" or not in_focus(_rel(root_path, path)):
            continue
        corpus.disclosures.append(_disclosure(_read(root_path, path, "disclosure", corpus)))

    reg_files: dict[str, list[Path]] = {}
    for path in _walk_files(root_path, "regulations", corpus):
        parts = _rel(root_path, path).split("/")
        if len(parts) != 3:
            if path.suffix in (".md", ".yml", ".yaml"):
                corpus.layout_problems.append(
                    (
                        _rel(root_path, path),
                        1,
                        "制度文件须放在 regulations/<slug>/ 下：regulation.yml 与各版本 <YYYY-MM-DD>.md",
                    )
                )
            continue
        reg_files.setdefault(parts[1], []).append(path)
    for slug in sorted(reg_files):
        files = reg_files[slug]
        if (
            scope is not None
            and not any(in_focus(_rel(root_path, p)) for p in files)
            and not in_focus(f"regulations/{slug}")
        ):
            corpus.regulations[slug] = Regulation(slug=slug, source=None)  # known to exist, not read
            continue
        yml = next((p for p in files if p.name == "regulation.yml"), None)
        reg_src = _read(root_path, yml, "regulation", corpus) if yml else None
        if yml is None and any(p.suffix == ".md" for p in files):
            corpus.layout_problems.append(
                (
                    f"regulations/{slug}",
                    1,
                    f"制度文件夹 regulations/{slug}/ 缺少 regulation.yml：请添加，至少写明 title",
                )
            )
        reg = _regulation(slug, reg_src, corpus.agency)
        for p in files:
            if p.suffix == ".md":
                reg.versions.append(_version(_read(root_path, p, "version", corpus), slug))
        reg.versions.sort(key=lambda v: v.path)
        corpus.regulations[slug] = reg

    _load_attachments(root_path, corpus, scope)
    _load_pages_and_reports(root_path, corpus)
    corpus.sources.sort(key=lambda s: s.path)
    return corpus


def _load_attachments(root: Path, corpus: Corpus, scope: Scope | None) -> None:
    """Files under content/attachments/: every regular file is listed, and the Markdown ones
    are read as sources of kind ``attachment`` (their text is published, so the body rules
    check it). A focused check reads those in focus and those its documents use."""
    wanted: set[str] | None = None
    if scope is not None:
        wanted = {
            a.file
            for d in corpus.documents
            if d.source.meta is not None and d.path in scope
            for a in d.attachments
            if a.file
        }
    for path in _walk_files(root, ATTACHMENTS_DIR, corpus):
        rel = _rel(root, path)
        corpus.attachment_files.add(rel)
        if path.suffix.lower() != ".md":
            continue
        if wanted is not None and rel not in wanted and rel not in scope:
            continue
        corpus.attachments[rel] = _read(root, path, "attachment", corpus)


def _load_pages_and_reports(root: Path, corpus: Corpus) -> None:
    """content/pages/<name>.md and content/annual-reports/<YYYY>.yml: a handful of small files,
    read in full whatever the focus (rules on other files need to know they exist)."""
    for path in _walk_files(root, PAGES_DIR, corpus):
        rel = _rel(root, path)
        if path.suffix != ".md" or path.parent != root / PAGES_DIR or path.stem not in PAGE_NAMES:
            corpus.layout_problems.append(
                (
                    rel,
                    1,
                    f"content/pages/ 下只能放 {'、'.join(n + '.md' for n in PAGE_NAMES)}"
                    "（guide.md 是政府信息公开指南）：请移走或改名",
                )
            )
            continue
        src = _read(root, path, "page", corpus)
        page = InfoPage(source=src, name=path.stem)
        if src.meta is not None:
            page.title = _typed(src, "title") or ""
            page.updated_on = _typed(src, "updated_on")
        corpus.pages[page.name] = page
    for path in _walk_files(root, ANNUAL_REPORTS_DIR, corpus):
        rel = _rel(root, path)
        m = _REPORT_NAME_RE.match(path.name)
        if m is None or path.parent != root / ANNUAL_REPORTS_DIR:
            corpus.layout_problems.append(
                (rel, 1, "年度报告数据须放在 content/annual-reports/<年份>.yml，如 content/annual-reports/2025.yml")
            )
            continue
        corpus.annual_reports[int(m.group(1))] = _read(root, path, "annual_report", corpus)
