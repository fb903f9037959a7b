"""Opening a Word package safely: size limits before anything is read, XML without entities,
relationships, styles and the automatic numbering (numbering.xml).

Every file handed to ``govpub import`` comes from outside (old archives, e-mail, other
systems), so the zip container is checked before a byte is decompressed: the number of
entries, the declared uncompressed sizes, the compression ratios; and while reading, the
real number of bytes (a header may lie). A file that fails is refused with a clear message.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import Refused
from ..text.numerals import int_to_cn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

#: Limits for one Word file (a real 公文 is far below each of them).
MAX_ENTRIES = 2000
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # declared uncompressed size of all entries
MAX_PART_BYTES = 64 * 1024 * 1024  # one entry, as really decompressed
MAX_RATIO = 200  # uncompressed / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class ImportRefused(Refused):
    """This file cannot be imported (not a Word file, damaged, unsafe, target exists)."""


def _on(el) -> bool:
    """A Word on/off property: present and not switched off."""
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "off")


@dataclass
class Style:
    based_on: str | None = None
    name: str = ""
    jc: str | None = None
    size: float | None = None
    color: str | None = None
    bold: bool | None = None
    first_line: int | None = None
    num_id: str | None = None
    ilvl: int | None = None


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """numbering.xml: numId → levels, with counters as Word keeps them while it lays out."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    starts: dict[str, dict[int, int]] = field(default_factory=dict)
    abstract_of: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        """The visible label of the next paragraph of list ``num_id`` at ``ilvl`` (一、 （一） 1.)."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, {})
        level = levels[ilvl]
        start = self.starts.get(num_id, {}).get(ilvl, level.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, level)
            n = counters.get(k, self.starts.get(num_id, {}).get(k, lv.start))
            return format_number(n, lv.fmt)

        return re.sub(r"%([1-9])", value, level.text)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def format_number(n: int, fmt: str) -> str:
    """A list counter in a Word number format."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
        "japaneseCounting",
        "taiwaneseCounting",
        "ideographLegalTraditional",
    ):
        try:
            return int_to_cn(n)
        except (TypeError, ValueError):
            return str(n)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        vals = [
            (1000, "M"),
            (900, "CM"),
            (500, "D"),
            (400, "CD"),
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ]
        out, k = "", n
        for v, s in vals:
            while k >= v:
                out, k = out + s, k - v
        return out if fmt == "upperRoman" else out.lower()
    return str(n)


def _int(value) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


class Package:
    """A Word package opened for reading, after the safety checks."""

    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
            raise ImportRefused(
                "不是有效的 Word 文件（DOCX 是 zip 压缩包，这个文件不是，可能已损坏，"
                "或是改了扩展名的旧版 .doc/.wps 文件）"
            ) from None
        except OSError as exc:
            raise ImportRefused(f"无法读取：{exc.strerror or exc}") from None
        self._check_sizes()
        self.main = self._main_part()
        self.document = self.xml(self.main)
        if self.document is None or self.document.find(w("body")) is None:
            raise ImportRefused(f"不是 Word 文档：缺少正文部分 {self.main}")
        self.rels = self.relationships(self.main)
        styles = self._target("styles")
        self.styles = read_styles(self.xml(styles) if styles else None)
        numbering = self._target("numbering")
        self.numbering = read_numbering(self.xml(numbering) if numbering else None)

    def close(self) -> None:
        self.zip.close()

    # -- safety --------------------------------------------------------------------------------

    def _check_sizes(self) -> None:
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ImportRefused(
                f"压缩包中有 {len(infos)} 个条目（上限 {MAX_ENTRIES}）：不像是 Word 文件，为安全起见不予读取"
            )
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_PART_BYTES:
                raise ImportRefused(
                    f"压缩包中的 {info.filename} 解压后有 {info.file_size // 1048576} MB"
                    f"（单个部件上限 {MAX_PART_BYTES // 1048576} MB）：为安全起见不予读取"
                )
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
                raise ImportRefused(
                    f"压缩包中的 {info.filename} 压缩比异常（{info.file_size // max(1, info.compress_size)} 倍，"
                    "像是“压缩炸弹”）：为安全起见不予读取"
                )
        if total > MAX_TOTAL_BYTES:
            raise ImportRefused(
                f"压缩包解压后共 {total // 1048576} MB（上限 {MAX_TOTAL_BYTES // 1048576} MB）：为安全起见不予读取"
            )

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes | None:
        """The bytes of one entry, never more than ``limit`` (headers may understate sizes)."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        try:
            with self.zip.open(info) as fh:
                data = fh.read(limit + 1)
        except (
            zipfile.BadZipFile,
            OSError,
            RuntimeError,
            ValueError,
            EOFError,
            NotImplementedError,
            zlib.error,
        ) as exc:
            raise ImportRefused(f"文件已损坏：无法解压 {name}（{exc}）") from None
        if len(data) > limit:
            raise ImportRefused(f"压缩包中的 {name} 解压后超过 {limit // 1048576} MB：为安全起见不予读取")
        return data

    def xml(self, name: str):
        data = self.read(name)
        if data is None:
            return None
        try:
            return etree.fromstring(
                data, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
            )
        except etree.XMLSyntaxError as exc:
            raise ImportRefused(f"文件已损坏：{name} 不是有效的 XML（{exc}）") from None

    # -- structure -----------------------------------------------------------------------------

    def _main_part(self) -> str:
        rels = self.xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{{{PKG_R}}}Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT:
                    return rel.get("Target", "").lstrip("/")
        if "word/document.xml" in self.zip.namelist():
            return "word/document.xml"
        raise ImportRefused("不是 Word 文档（压缩包中没有 word/document.xml）")

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        out = {}
        if rels is not None:
            for rel in rels.iter(f"{{{PKG_R}}}Relationship"):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target", "")
                full = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], full)
        return out

    def _target(self, kind: str) -> str | None:
        for _rid, (k, target) in self.rels.items():
            if k == kind:
                return target
        return None

    def first_headers(self) -> list:
        """The header part(s) page 1 shows (a red 版头 is sometimes put there)."""
        body = self.document.find(w("body"))
        sect = next(body.iter(w("sectPr")), None)
        if sect is None:
            return []
        refs = {ref.get(w("type"), "default"): ref.get(f"{{{R}}}id") for ref in sect.findall(w("headerReference"))}
        rid = refs.get("first") if _on(sect.find(w("titlePg"))) else refs.get("default")
        if rid is None or rid not in self.rels:
            return []
        root = self.xml(self.rels[rid][1])
        return [root] if root is not None else []


def read_styles(root) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    default = Style(size=10.5)
    if root is None:
        return {"__default__": default}
    dd = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    if dd is not None:
        default.size = run_props(dd)[0] or default.size
    for st in root.findall(w("style")):
        if st.get(w("type")) != "paragraph":
            continue
        s = Style()
        based = st.find(w("basedOn"))
        s.based_on = based.get(w("val")) if based is not None else None
        name = st.find(w("name"))
        s.name = (name.get(w("val")) or "") if name is not None else ""
        ppr = st.find(w("pPr"))
        if ppr is not None:
            s.jc, s.first_line = para_props(ppr)
            num = ppr.find(w("numPr"))
            if num is not None:
                nid = num.find(w("numId"))
                lvl = num.find(w("ilvl"))
                s.num_id = nid.get(w("val")) if nid is not None else None
                s.ilvl = _int(lvl.get(w("val"))) if lvl is not None else None
        rpr = st.find(w("rPr"))
        if rpr is not None:
            s.size, s.color, s.bold = run_props(rpr)
        sid = st.get(w("styleId"), "")
        styles[sid] = s
        if st.get(w("default")) in ("1", "true"):
            styles["__normal__"] = s
    styles["__default__"] = default
    return styles


def read_numbering(root) -> Numbering:
    num = Numbering()
    if root is None:
        return num
    abstract: dict[str, dict[int, Level]] = {}
    for an in root.findall(w("abstractNum")):
        levels = {}
        for lvl in an.findall(w("lvl")):
            k = _int(lvl.get(w("ilvl"))) or 0
            fmt = lvl.find(w("numFmt"))
            text = lvl.find(w("lvlText"))
            start = lvl.find(w("start"))
            levels[k] = Level(
                fmt=(fmt.get(w("val")) if fmt is not None else "decimal") or "decimal",
                text=(text.get(w("val")) if text is not None else "") or "",
                start=_int(start.get(w("val"))) if start is not None else 1,
            )
        abstract[an.get(w("abstractNumId"), "")] = levels
    for n in root.findall(w("num")):
        nid = n.get(w("numId"), "")
        ref = n.find(w("abstractNumId"))
        aid = ref.get(w("val")) if ref is not None else ""
        num.levels[nid] = dict(abstract.get(aid, {}))
        num.abstract_of[nid] = f"a{aid}"
        for ov in n.findall(w("lvlOverride")):
            k = _int(ov.get(w("ilvl"))) or 0
            so = ov.find(w("startOverride"))
            if so is not None:
                num.starts.setdefault(nid, {})[k] = _int(so.get(w("val"))) or 1
                num.abstract_of[nid] = f"n{nid}"  # a restarted list counts on its own
    return num


def para_props(ppr) -> tuple[str | None, int | None]:
    jc_el = ppr.find(w("jc"))
    jc = jc_el.get(w("val")) if jc_el is not None else None
    ind = ppr.find(w("ind"))
    first = None
    if ind is not None:
        first = _int(ind.get(w("firstLine")))
        hanging = _int(ind.get(w("hanging")))
        if hanging:
            first = -hanging
        chars = _int(ind.get(w("firstLineChars")))
        if chars and not first:
            first = chars * 16 * 20 // 100
    return jc, first


def run_props(rpr) -> tuple[float | None, str | None, bool | None]:
    sz = rpr.find(w("sz"))
    size = None
    if sz is not None:
        v = _int(sz.get(w("val")))
        size = v / 2 if v else None
    color_el = rpr.find(w("color"))
    color = color_el.get(w("val")) if color_el is not None else None
    b = rpr.find(w("b"))
    bold = None if b is None else _on(b)
    return size, color, bold


def is_red(color: str | None) -> bool:
    if not color or not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return False
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return r >= 0xB0 and g <= 0x60 and b <= 0x60
