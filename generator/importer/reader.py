"""The paragraphs of a Word document in reading order, with what recognition needs: text (soft
line breaks kept as ``\\n``), the visible label of Word's automatic numbering, alignment, the
largest font size, red colour, the style's name, where it stands (header, text box, table
cell), page breaks, and the images it holds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .package import MC, Package, R, Style, _int, _on, is_red, para_props, run_props, w

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"


@dataclass
class Para:
    text: str
    style: str = ""
    style_name: str = ""
    jc: str = ""
    size: float = 0.0
    red: bool = False
    bold: bool = False
    first_line: int = 0
    where: str = "body"  # body | header | cell | box
    table: int = -1
    row: int = -1
    col: int = -1
    page_break: bool = False
    label: str = ""  # the visible label of Word's automatic numbering (一、 （一） 1.)
    images: list[str] = field(default_factory=list)  # package part names

    @property
    def centred(self) -> bool:
        return self.jc in ("center", "centre")

    @property
    def right(self) -> bool:
        return self.jc in ("right", "end")

    @property
    def full(self) -> str:
        """The text as a reader sees it: the numbering label, then the text."""
        return self.label + self.text


class Reader:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.styles = pkg.styles
        self.records: list[Para] = []
        self.tables = 0
        self._rels = pkg.rels

    def read(self) -> list[Para]:
        for header in self.pkg.first_headers():
            self.block(header, "header")
        self.block(self.pkg.document.find(w("body")), "body")
        return self.records

    # -- styles -------------------------------------------------------------------------------

    def chain(self, sid: str | None) -> Iterator[Style]:
        seen = set()
        sid = sid or ("__normal__" if "__normal__" in self.styles else None)
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on
        yield self.styles["__default__"]

    def style_value(self, sid: str | None, attr: str):
        for s in self.chain(sid):
            value = getattr(s, attr)
            if value is not None:
                return value
        return None

    # -- blocks ---------------------------------------------------------------------------------

    def block(self, container, where: str, table: int = -1, row: int = -1, col: int = -1) -> None:
        for child in container:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child, where, table, row, col)
            elif tag == w("tbl"):
                self.table(child, where)
            elif tag in (w("sdt"), w("customXml"), w("ins")):
                content = child.find(w("sdtContent")) if tag == w("sdt") else child
                if content is not None:
                    self.block(content, where, table, row, col)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self.block(choice, where, table, row, col)

    def table(self, tbl, where: str) -> None:
        self.tables += 1
        index = self.tables
        inner = "cell" if where in ("body", "box") else where  # a table in a text box is a table too
        for r, tr in enumerate(tbl.findall(w("tr"))):
            c = 0
            for tc in tr.findall(w("tc")):
                span = 1
                merged = False
                tcpr = tc.find(w("tcPr"))
                if tcpr is not None:
                    gs = tcpr.find(w("gridSpan"))
                    if gs is not None:
                        span = max(1, _int(gs.get(w("val"))) or 1)
                    vm = tcpr.find(w("vMerge"))
                    merged = vm is not None and vm.get(w("val")) in (None, "continue")
                if merged:
                    self.records.append(Para("", where=inner, table=index, row=r, col=c))
                else:
                    self.block(tc, inner, index, r, c)
                c += span

    def paragraph(self, p, where: str, table: int, row: int, col: int) -> None:
        # text boxes anchored here first: a red 版头 is often a text box
        for box in p.iter(w("txbxContent")):
            if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                continue
            self.block(box, "box" if where == "body" else where, table, row, col)
        ppr = p.find(w("pPr"))
        sid, jc, first, page_break = "", None, None, False
        num_id, ilvl = None, None
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            sid = ps.get(w("val"), "") if ps is not None else ""
            jc, first = para_props(ppr)
            page_break = _on(ppr.find(w("pageBreakBefore")))
            num = ppr.find(w("numPr"))
            if num is not None:
                nid = num.find(w("numId"))
                lvl = num.find(w("ilvl"))
                num_id = nid.get(w("val")) if nid is not None else None
                ilvl = _int(lvl.get(w("val"))) if lvl is not None else 0
        if num_id is None:
            num_id = self.style_value(sid, "num_id")
            if num_id is not None:
                ilvl = self.style_value(sid, "ilvl") or 0
        style_size = self.style_value(sid, "size") or 10.5
        style_color = self.style_value(sid, "color")
        style_bold = bool(self.style_value(sid, "bold"))
        parts: list[str] = []
        images: list[str] = []
        size, red, bold = 0.0, False, False
        for r in self._runs(p):
            rpr = r.find(w("rPr"))
            rsize, rcolor, rbold = run_props(rpr) if rpr is not None else (None, None, None)
            pieces = []
            for el in r:
                tag = el.tag
                if tag == w("t"):
                    pieces.append(el.text or "")
                elif tag == w("tab"):
                    pieces.append("\t")
                elif tag in (w("br"), w("cr")):
                    if el.get(w("type")) == "page":
                        if "".join(parts).strip():
                            pieces.append("\n")
                        else:
                            page_break = True
                    else:
                        pieces.append("\n")
                elif tag == w("noBreakHyphen"):
                    pieces.append("-")
                elif tag == w("lastRenderedPageBreak"):
                    continue
                elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent", w("object")):
                    images.extend(self._images(el))
            text = "".join(pieces)
            if text.strip():
                size = max(size, rsize or style_size)
                red = red or is_red(rcolor or style_color)
                bold = bold or bool(rbold if rbold is not None else style_bold)
            parts.append(text)
        if jc is None:
            jc = self.style_value(sid, "jc") or ""
        if first is None:
            first = self.style_value(sid, "first_line") or 0
        text = "".join(parts)
        label = ""
        if num_id not in (None, "0") and text.strip():
            label = self.pkg.numbering.label(num_id, ilvl or 0)
        name = self.styles[sid].name if sid in self.styles else ""
        self.records.append(
            Para(
                text,
                style=sid,
                style_name=name,
                jc=jc,
                size=size,
                red=red,
                bold=bold,
                first_line=first,
                where=where,
                table=table,
                row=row,
                col=col,
                page_break=page_break,
                label=label,
                images=images,
            )
        )
        if ppr is not None and ppr.find(w("sectPr")) is not None:
            self.records.append(Para("", page_break=True, where=where))  # a section break: new page

    def _images(self, el) -> list[str]:
        found = []
        for blip in el.iter(f"{{{A}}}blip"):
            rid = blip.get(f"{{{R}}}embed")
            if rid in self._rels and self._rels[rid][0] == "image":
                found.append(self._rels[rid][1])
        for data in el.iter(f"{{{V}}}imagedata"):
            rid = data.get(f"{{{R}}}id")
            if rid in self._rels and self._rels[rid][0] == "image":
                found.append(self._rels[rid][1])
        return list(dict.fromkeys(found))

    def _runs(self, p) -> Iterator:
        """Runs in order, inside hyperlinks, fields and insertions; not deletions, text boxes
        or fallback content."""
        stack = list(reversed(list(p)))
        while stack:
            el = stack.pop()
            tag = el.tag
            if tag == w("r"):
                yield el
            elif tag in (w("del"), w("pPr"), w("txbxContent"), f"{{{MC}}}Fallback", w("rPr"), w("moveFrom")):
                continue
            elif tag == f"{{{MC}}}AlternateContent":
                choice = el.find(f"{{{MC}}}Choice")
                if choice is not None:
                    stack.extend(reversed(list(choice)))
            elif isinstance(tag, str):
                stack.extend(reversed(list(el)))
