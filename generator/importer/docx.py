"""One Word file → one corpus file (SPEC §7.5): read, decide, and write safely.

* every written file carries ``review`` (SPEC §7.1): it is not public until an editor has checked
  it against the original and removed the marker;
* a 秘密/机密/绝密 document is written as its register entry only (number, title, classification,
  dates, and the head-block facts the rules need of any document: 文种, 发文机关, 主送, 签发人):
  no body, no attachments, no 抄送 or 印发机关, nothing of its text in the review notes or the report;
* the 发文机关 is written whenever it was read; when it was not, the file says so in ``review``
  (without ``issuer`` the corpus takes ``site.yml: agency``, which may be wrong);
* an image in the body is saved as a file and named in ``review``, never listed as an attachment
  (that would print a 附件说明 the document never had);
* a file that is not a 公文 is not imported;
* nothing is overwritten; values go through a YAML emitter, never into hand-made YAML or comments,
  so a crafted file name or text cannot add keys to the written file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..schema import DOC_TYPES, DOC_TYPES_WITHOUT_RECIPIENTS, SECRET_LEVELS
from .package import ImportRefused, Package
from .reader import Reader
from .recognise import REPORT_FIELDS, SECRET_RE, Field, Recognised, clean, recognise, squash

__all__ = ["ImportResult", "ImportRefused", "NoYearFolder", "read_file", "write_result", "FIELD_LABELS"]

FIELD_LABELS = {
    "number": "发文字号",
    "title": "标题",
    "doc_type": "文种",
    "issuer": "发文机关",
    "recipients": "主送机关",
    "signer": "签发人",
    "signed_on": "成文日期",
    "classification": "密级",
    "urgency": "紧急程度",
    "copy_no": "份号",
    "attachments": "附件",
    "cc": "抄送机关",
    "printed_by": "印发机关",
    "printed_on": "印发日期",
    "disclosure": "公开属性",
}
#: Keys written to the corpus file, in this order (copy_no has no corpus key: it is reported).
_WRITE_ORDER = (
    "number",
    "title",
    "doc_type",
    "issuer",
    "recipients",
    "signer",
    "signed_on",
    "classification",
    "disclosure",
    "urgency",
    "attachments",
    "cc",
    "printed_by",
    "printed_on",
)
#: A register entry (SPEC §7.5: number, title, classification, dates) keeps what identifies it and
#: what the rules require of every document (文种, 发文机关 — otherwise the site's agency is assumed —,
#: 主送 for T005, 签发人 for T004), never text: no body, attachments, 抄送 or 印发机关.
_REGISTER_KEYS = (
    "number",
    "title",
    "doc_type",
    "issuer",
    "recipients",
    "signer",
    "signed_on",
    "classification",
    "printed_on",
)
_REQUIRED = ("number", "title", "doc_type", "signed_on")


@dataclass
class ImportResult:
    source: Path
    shown: str = ""  # the name shown in messages and the report (relative to the batch folder)
    sha: str = ""
    status: str = "pending"  # imported | register | not-gongwen | skipped | error
    message: str = ""
    fields: dict[str, Field] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    personal: list[str] = field(default_factory=list)
    format: str = "standard"
    pages: list[tuple[str | None, list[str]]] = field(default_factory=list)
    images: list[tuple[str, str, bytes]] = field(default_factory=list)  # (part, where, data)
    review: list[str] = field(default_factory=list)
    #: set when the 发文机关 was not read: what the editor must know (the site.yml default applies)
    issuer_note: str = ""
    path: Path | None = None
    written: list[Path] = field(default_factory=list)

    def value(self, name: str):
        f = self.fields.get(name)
        return f.value if f is not None and f.state == "read" else None

    def state(self, name: str) -> str:
        f = self.fields.get(name)
        return f.state if f is not None else "missing"

    @property
    def classified(self) -> bool:
        return self.value("classification") in SECRET_LEVELS


def read_file(path: Path | str, *, shown: str | None = None, force_type: str | None = None) -> ImportResult:
    """Read one .docx: the fields with their states, the body, attachment pages and images.

    Raises :class:`ImportRefused` when the file cannot be read safely."""
    path = Path(path)
    result = ImportResult(source=path, shown=shown or path.name)
    if not path.is_file():
        raise ImportRefused(f"找不到文件 {result.shown}")
    try:
        data_size = path.stat().st_size
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        result.sha = h.hexdigest()
    except OSError as exc:
        raise ImportRefused(f"无法读取：{exc.strerror or exc}") from None
    if data_size == 0:
        raise ImportRefused("文件是空的")
    if force_type is not None and force_type not in DOC_TYPES:
        raise ImportRefused(f"--force-type {force_type} 不是法定文种（{'、'.join(DOC_TYPES)}）")
    try:
        pkg = Package(path)
    except ImportRefused as exc:
        raise ImportRefused(f"{result.shown}：{exc}") from None
    try:
        records = Reader(pkg).read()
        rec = recognise(records, force_type)
        _safety_net(rec, records)
        result.fields = rec.fields
        result.format = rec.format
        result.warnings = list(rec.warnings)
        if not rec.is_gongwen:
            result.status = "not-gongwen"
            result.message = f"不是公文，没有导入：{rec.not_gongwen_reason}"
            return result
        if result.classified:
            # a register entry: nothing of the text is kept, not even in warnings
            result.warnings = []
            result.status = "register"
            return result
        result.body = rec.body
        result.pages = rec.attachment_pages
        for part, where in rec.images:
            data = pkg.read(part)
            if data:
                result.images.append((part, where, data))
        result.personal = _personal_data(rec.body, rec.attachment_pages)
        if not result.body:
            result.warnings.append("没有读到正文")
        result.status = "imported"
        return result
    finally:
        pkg.close()


def _safety_net(rec: Recognised, records) -> None:
    """A 密级 anywhere on the first page's head (a text box, the header, a line shared with other
    notes) makes the document classified, whatever recognition made of the rest."""
    if rec.value("classification") in SECRET_LEVELS:
        return
    for r in records[:15]:
        for part in re.split(r"[\t\n ]+|\u3000+", r.full):
            m = SECRET_RE.match(squash(part))
            if m and (m.group(2) or clean(r.full) == clean(part)):
                rec.set("classification", squash(m.group(1)), note="密级取自版头")
                return


def _personal_data(body: list[str], pages) -> list[str]:
    from ..rules.security import _personal_numbers

    found = []
    texts = list(body) + [line for _, lines in pages for line in lines]
    for text in texts:
        found.extend(_personal_numbers(text))  # already masked: 疑似手机号码 139****5678
    return list(dict.fromkeys(found))


# -- writing -------------------------------------------------------------------------------------


class NoYearFolder(ImportRefused):
    """Neither a 成文日期 nor a 发文字号: the year folder is the editor's choice (``--out``)."""

    def __init__(self, slug: str):
        super().__init__("成文日期和发文字号都没有读到，无法确定年份文件夹")
        self.slug = slug


def target_for(result: ImportResult, root: Path) -> tuple[Path | None, str]:
    """content/documents/<year>/<slug>.md (before uniqueness) and "", or None and the slug when
    neither the 成文日期 nor the 发文字号 gives the year."""
    from ..text.docnumber import analyse_doc_number
    from ..text.slug import slug_for

    year = None
    signed = result.value("signed_on")
    if isinstance(signed, dt.date):
        year = signed.year
    elif result.value("number"):
        parsed = analyse_doc_number(result.value("number")).number
        year = parsed.year if parsed else None
    title = result.value("title")
    if title:
        slug = slug_for(title, result.value("doc_type") or "")
    elif result.value("number"):
        slug = "wenjian-" + re.sub(r"[^0-9]+", "-", result.value("number")).strip("-")
    else:
        slug = "wenjian"
    if year is None:
        return None, slug
    return root / "content" / "documents" / str(year) / f"{slug}.md", ""


def site_agency(root: Path) -> str:
    """``agency`` of the corpus's site.yml ("" when there is none or it cannot be read)."""
    try:
        data = yaml.safe_load((Path(root) / "content" / "site.yml").read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    value = data.get("agency") if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _issuer_note(result: ImportResult, agency: str) -> str:
    """The review note for a 发文机关 that was not read ("" when it was)."""
    f = result.fields.get("issuer")
    if f is not None and f.state == "read":
        return ""
    why = f.note if f is not None and f.note else "原件中没有读到发文机关标志或署名"
    default = f" site.yml 中的机关“{agency}”" if agency else " site.yml 中的 agency "
    return f"发文机关：{why}。不写 issuer 时按{default}处理，未必是这份公文的发文机关：请对照原件填写 issuer"


def _review_notes(result: ImportResult) -> list[str]:
    notes = [f"导入自 {result.shown}（SHA-256 {result.sha[:16]}）：请对照原件逐项核对，核对无误后删去 review"]
    doc_type = result.value("doc_type")
    if result.classified:
        notes.append(f"{result.value('classification')}公文只登记：正文、附件、抄送机关和印发机关没有导入")
    # a register entry: only its own keys (their notes are about the head block, never the text)
    for name in _REGISTER_KEYS if result.classified else REPORT_FIELDS:
        f = result.fields.get(name)
        label = FIELD_LABELS[name]
        if name == "issuer" and result.issuer_note:
            notes.append(result.issuer_note)
        elif f is not None and f.note:
            notes.append(f"{label}：{f.note}")
        elif f is None and name in ("number", "title", "doc_type", "signed_on"):
            notes.append(f"{label}：没有读到，请填写")
        elif f is None and name == "recipients" and doc_type not in DOC_TYPES_WITHOUT_RECIPIENTS:
            notes.append(f"{label}：没有读到，请填写")
    if result.classified:
        return notes
    notes.extend(result.warnings)
    if result.personal:
        notes.append(
            "正文或附件含有个人信息（"
            + "、".join(result.personal[:5])
            + (f"等 {len(result.personal)} 处" if len(result.personal) > 5 else "")
            + "）：公开前须删除或隐去"
        )
    return notes


def _front_matter(result: ImportResult, attachments: list) -> dict:
    keys = _REGISTER_KEYS if result.classified else _WRITE_ORDER
    fm: dict = {}
    for name in keys:
        if name == "attachments":
            if attachments:
                fm["attachments"] = attachments
            continue
        value = result.value(name)
        if value is None:
            if name in _REQUIRED:
                fm[name] = None  # required keys stay visible (empty) for the editor
            continue
        if name == "issuer" and isinstance(value, list):
            value = "、".join(value)  # the corpus holds one string; the list is in the report
        if name == "signer" and isinstance(value, list):
            value = "、".join(value)
        if name == "classification" and value == "公开":
            continue
        fm[name] = value
    fm["review"] = result.review
    return fm


def visible(text: str) -> str:
    """``text`` on one line: control, format and line-separator characters written as escapes
    (a file name may hold a newline, and a line ``---`` would end the front matter)."""
    return "".join(
        ch
        if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") or ch == "\t"
        else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    ).replace("\t", " ")


def _visible(value):
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, list):
        return [_visible(v) for v in value]
    if isinstance(value, dict):
        return {k: _visible(v) for k, v in value.items()}
    return value


def render(result: ImportResult, attachments: list) -> str:
    fm = _visible(_front_matter(result, attachments))
    head = yaml.safe_dump(fm, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    if result.classified:
        return f"---\n{head}---\n"
    body: list[str] = []
    for line in result.body:
        if line == "":
            if body and body[-1] != "":
                body.append("")
            continue
        if line.startswith("|") and body and body[-1].startswith("|"):
            body.append(line)
        else:
            if body and body[-1] != "":
                body.append("")
            body.append(line)
    while body and body[-1] == "":
        body.pop()
    return f"---\n{head}---\n\n" + "\n".join(body) + ("\n" if body else "")


_IMAGE_EXT = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".emf", ".wmf"}


def _unique(path: Path, taken: set[Path]) -> Path:
    k = 1
    candidate = path
    while candidate.exists() or candidate in taken:
        k += 1
        candidate = path.with_name(f"{path.stem}-{k}{path.suffix}")
    return candidate


def write_result(result: ImportResult, root: Path, target: Path | None = None, *, agency: str | None = None) -> Path:
    """Write the corpus file (and attachment and image files) for ``result``; never overwrites.
    Returns the corpus file. Raises :class:`NoYearFolder` when no target can be found, and
    :class:`ImportRefused` when it cannot be written. ``agency``: site.yml's (read when None)."""
    root = Path(root)
    if target is None:
        target, slug = target_for(result, root)
        if target is None:
            raise NoYearFolder(slug)
        target = _unique(target, set())
    elif target.exists():
        raise ImportRefused(f"{target} 已存在：不会覆盖。请用 --out 指定另一个文件名")
    attachments: list = []
    files: list[tuple[Path, bytes]] = []
    taken: set[Path] = set()
    if not result.classified:
        year = target.parent.name
        folder = root / "content" / "attachments" / year / target.stem
        titles = list(result.value("attachments") or [])
        for k, (title, lines) in enumerate(result.pages):
            name = titles[k] if k < len(titles) else (title or f"附件{k + 1}")
            text = (
                (f"# {title or name}\n\n" if (title or name) else "")
                + "\n\n".join(ln.strip() for ln in lines if ln.strip())
                + "\n"
            )
            path = _unique(folder / f"fujian-{k + 1}.md", taken)
            taken.add(path)
            files.append((path, text.encode("utf-8")))
            attachments.append({"title": name, "file": path.relative_to(root).as_posix()})
        for title in titles[len(result.pages) :]:
            attachments.append(title)
        for k, (part, where, data) in enumerate(result.images, 1):
            ext = posixpath.splitext(part)[1].lower()
            ext = ext if ext in _IMAGE_EXT else ".bin"
            path = _unique(folder / f"tupian-{k}{ext}", taken)
            taken.add(path)
            files.append((path, data))
            # a picture is not an attachment: listing it would print a 附件说明 the document never had
            how = (
                "在附件文件中引用它，或删去"
                if where.startswith("附件")
                else "放回正文、作为附件列入 attachments，或删去"
            )
            result.warnings.append(
                f"{where}有一幅图片，已另存为 {path.relative_to(root).as_posix()}：请决定如何处理（{how}）"
            )
    result.issuer_note = _issuer_note(result, site_agency(root) if agency is None else agency)
    result.review = _review_notes(result)
    text = render(result, attachments)
    written: list[Path] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as fh:
                fh.write(data)
            written.append(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        written.append(target)
    except FileExistsError:
        _remove(written)
        raise ImportRefused(f"{target} 已存在：不会覆盖") from None
    except OSError as exc:
        _remove(written)
        raise ImportRefused(f"无法写入 {target}：{exc.strerror or exc}") from None
    result.path = target
    result.written = written
    return target


def _remove(paths: list[Path]) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass


def import_docx(
    path: Path | str, corpus, out: Path | str | None = None, *, force_type: str | None = None
) -> ImportResult:
    """Import one .docx into ``corpus`` (to ``out`` when given); raises :class:`ImportRefused`
    when the file is not a 公文 or cannot be written."""
    from .batch import import_paths

    batch = import_paths(
        [Path(path)], Path(corpus.root), out=Path(out) if out is not None else None, force_type=force_type
    )
    result = batch.results[0]
    if result.status not in ("imported", "register"):
        raise ImportRefused(result.message)
    return result
