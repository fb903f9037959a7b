"""The PDF/A-2b copies made reproducible, byte for byte.

LibreOffice writes the export time into a PDF in several places; :func:`normalise_pdf` sets
them from the document's date and content (dates, ``/ID``, the ICC profile's creation date) and
rebuilds the cross-reference table. The rest of the bytes depend on what LibreOffice converted
before the file in the same process (it numbers the Type 1 fonts it embeds with a process-wide
counter), so the volume renders its items in batches of a fixed composition
(:meth:`generator.office.libreoffice.Office.run`). Pages are counted by the project's one counter,
:func:`generator.office.libreoffice.pdf_page_count`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
import zlib
from collections.abc import Callable

__all__ = ["normalise_pdf", "pdfa_identification"]


_XREF_RE = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_DATE_KEYS_RE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:[^)]*)\)")
_XMP_DATE_RE = re.compile(rb"<(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)>[^<]*</\1>")
_XMP_ID_RE = re.compile(rb"<(xmpMM:DocumentID|xmpMM:InstanceID)>[^<]*</\1>")
_LENGTH_RE = re.compile(rb"/Length\s+(\d+)(\s+0\s+R)?")


def _parse_xref(data: bytes) -> tuple[int, list[tuple[int, int]], bytes]:
    """(xref offset, [(object number, offset)] of in-use objects, trailer dictionary bytes)
    of a PDF with one classic cross-reference table (what LibreOffice writes)."""
    m = _XREF_RE.search(data[-64:])
    if not m:
        raise ValueError("no startxref")
    xref = int(m.group(1))
    if data[xref : xref + 4] != b"xref":
        raise ValueError("no classic xref table")
    pos = xref + 4
    objects = []
    trailer_at = data.find(b"trailer", pos)
    table = data[pos:trailer_at].split()
    i = 0
    while i < len(table):
        first, count = int(table[i]), int(table[i + 1])
        i += 2
        for n in range(count):
            off, _gen, kind = table[i], table[i + 1], table[i + 2]
            i += 3
            if kind == b"n":
                objects.append((first + n, int(off)))
    trailer = data[trailer_at : data.rfind(b"startxref")]
    return xref, objects, trailer


def normalise_pdf(data: bytes, when: dt.date | None) -> bytes:
    """Make a LibreOffice PDF reproducible: /CreationDate and /ModDate, the XMP dates and
    document IDs, the creation date inside the embedded ICC output profile and the trailer
    /ID (and LibreOffice's /DocChecksum) are set from ``when`` and the content; the
    cross-reference table is rebuilt. Everything else is left byte for byte."""
    when = when or dt.date(1980, 1, 1)
    pdf_date = when.strftime("D:%Y%m%d000000Z").encode()
    xmp_date = when.strftime("%Y-%m-%dT00:00:00Z").encode()
    xref, objects, trailer = _parse_xref(data)
    objects.sort(key=lambda o: o[1])
    spans: dict[int, bytes] = {}
    for i, (num, off) in enumerate(objects):
        end = objects[i + 1][1] if i + 1 < len(objects) else xref
        spans[num] = data[off:end]
    header = data[: objects[0][1]] if objects else data[:xref]
    length_fix: dict[int, int] = {}

    def indirect(num: int) -> int | None:
        m = re.match(rb"\d+ 0 obj\s*(\d+)\s*endobj", spans.get(num, b""))
        return int(m.group(1)) if m else None

    for num, span in spans.items():
        new = span
        if b"/CreationDate" in span or b"/ModDate" in span:
            new = _DATE_KEYS_RE.sub(lambda m: b"/" + m.group(1) + b"(" + pdf_date + b")", new)
        if b"/Type/Metadata" in span.replace(b" ", b"") and b"stream" in span:
            new = _restream(
                new,
                lambda body: _XMP_ID_RE.sub(
                    lambda m: b"<" + m.group(1) + b">uuid:" + _uuid_from(body) + b"</" + m.group(1) + b">",
                    _XMP_DATE_RE.sub(lambda m: b"<" + m.group(1) + b">" + xmp_date + b"</" + m.group(1) + b">", body),
                ),
                indirect,
                length_fix,
                compressed=False,
            )
        elif b"/N 3" in span[:200] and b"/FlateDecode" in span[:200] and b"stream" in span:
            new = _restream(new, lambda body: _icc_fix_date(body, when), indirect, length_fix, compressed=True)
        spans[num] = new
    for num, length in length_fix.items():
        old = spans[num]
        m = re.match(rb"(\d+ 0 obj\s*)\d+(\s*endobj)", old)
        if m:
            spans[num] = m.group(1) + str(length).encode() + m.group(2) + old[m.end() :]
    out = bytearray(header)
    offsets = {}
    for num, _off in objects:
        offsets[num] = len(out)
        out += spans[num]
    digest = hashlib.md5(bytes(out)).hexdigest().upper().encode()
    size = max(offsets) + 1 if offsets else 1
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 65535 f \n"
    trailer = re.sub(
        rb"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]", b"/ID [ <" + digest + b">\n<" + digest + b"> ]", trailer
    )
    trailer = re.sub(rb"/DocChecksum\s*/[0-9A-Fa-f]+", b"/DocChecksum /" + digest, trailer)
    trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, trailer)
    out += trailer + b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def _uuid_from(body: bytes) -> bytes:
    return str(uuid.UUID(hashlib.md5(body).hexdigest())).encode()


def _restream(
    span: bytes,
    fix: Callable[[bytes], bytes],
    indirect: Callable[[int], int | None],
    length_fix: dict[int, int],
    *,
    compressed: bool,
) -> bytes:
    """Apply ``fix`` to the (decompressed) stream data of an object span and write /Length
    (direct, or through the indirect length object, recorded in ``length_fix``)."""
    head_end = span.find(b"stream")
    dict_part = span[:head_end]
    m = _LENGTH_RE.search(dict_part)
    if not m:
        return span
    start = head_end + len(b"stream")
    if span[start : start + 2] == b"\r\n":
        start += 2
    elif span[start : start + 1] in (b"\n", b"\r"):
        start += 1
    length = indirect(int(m.group(1))) if m.group(2) else int(m.group(1))
    if length is None:
        return span
    raw_end = start + length
    raw = span[start:raw_end]
    try:
        body = zlib.decompress(raw) if compressed else raw
    except zlib.error:
        return span
    new_body = fix(body)
    if new_body == body:
        return span
    new_raw = zlib.compress(new_body, 6) if compressed else new_body
    if m.group(2):
        length_fix[int(m.group(1))] = len(new_raw)
        new_dict = dict_part
    else:
        new_dict = dict_part[: m.start(1)] + str(len(new_raw)).encode() + dict_part[m.end(1) :]
    return new_dict + span[head_end:start] + new_raw + span[raw_end:]


def _icc_fix_date(body: bytes, when: dt.date) -> bytes:
    """An ICC profile's header holds its creation date-time (bytes 24-35); LibreOffice makes
    the sRGB output intent at export time."""
    if len(body) < 128 or body[36:40] != b"acsp":
        return body
    stamp = b"".join(v.to_bytes(2, "big") for v in (when.year, when.month, when.day, 0, 0, 0))
    return body[:24] + stamp + body[36:]


def pdfa_identification(data: bytes) -> tuple[str, str] | None:
    """(pdfaid:part, pdfaid:conformance) declared in the XMP metadata, or None."""
    part = re.search(rb"<pdfaid:part>\s*(\d+)\s*</pdfaid:part>|pdfaid:part=\"(\d+)\"", data)
    conf = re.search(
        rb"<pdfaid:conformance>\s*([A-Za-z])\s*</pdfaid:conformance>|pdfaid:conformance=\"([A-Za-z])\"", data
    )
    if not part or not conf:
        return None
    return ((part.group(1) or part.group(2)).decode(), (conf.group(1) or conf.group(2)).decode().upper())
