"""The archive volume (DA/T 22-2015): order and 档号, the 归档章, 页数 as
LibreOffice renders each file, the catalogue, manifests and their checksums, byte-identical
re-runs, refusal without leftovers.

Exporting needs LibreOffice: those tests are skipped with a reason when soffice is missing.
The sample corpus's two volumes are exported once per session (2025 twice, with PDF/A, to
compare bytes; 2026 without PDF/A).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from generator.check import check_corpus
from generator.corpus.loader import load_corpus
from generator.docx import volume as V
from generator.docx import write_document
from generator.docx.volume import (
    MANIFEST_COLUMNS,
    VolumeError,
    export_volume,
    pdf_page_count,
    pdfa_identification,
    plan_volume,
    verify_manifest,
)
from generator.docx.volume import export as volume_export
from generator.docx.volume import folder as volume_folder
from generator.docx.volume import items as volume_items
from generator.office.libreoffice import page_counts, soffice_path

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 23)


def export(corpus, year, out, **options):
    """Export as ``govpub export volume`` does: gated by the corpus's check on AS_OF."""
    return export_volume(corpus, year, out, lambda: check_corpus(corpus, AS_OF).diagnostics, **options)


#: the archive volume needs LibreOffice to count each item's pages
needs_soffice = pytest.mark.office


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample():
    return load_corpus(REPO)


@pytest.fixture(scope="session")
def volumes(sample, tmp_path_factory):
    """2025 exported twice with PDF/A (into two folders), 2026 once without."""
    if soffice_path() is None:
        pytest.skip("the archive volume needs LibreOffice (soffice on PATH)")
    base = tmp_path_factory.mktemp("volumes")
    out = {}
    out["2025"] = export(sample, 2025, base / "2025", pdfa=True)
    out["2025-again"] = export(load_corpus(REPO), 2025, base / "2025-again", pdfa=True)
    out["2026"] = export(sample, 2026, base / "2026", pdfa=False)
    return out


def _rows(folder: Path) -> list[dict]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["文件"]


def _stamp_cells(path: Path) -> list[list[str]]:
    doc = DocxDocument(str(path))
    header = doc.sections[0].first_page_header
    table = header.tables[0]
    # a long 机构 name is broken over two lines in its cell
    return [[cell.text.replace("\n", "") for cell in row.cells] for row in table.rows]


# --- a small hand-made corpus: order and numbers ---------------------------------------------------------


def _mixed_corpus(corpus):
    """Mixed retention, departments and dates, a 内部 document, a 机密 register entry and a
    document of another year."""
    corpus.document(
        "a",
        number="区建发〔2025〕3号",
        title="关于甲事项的通知",
        retention="永久",
        department="办公室",
        signed_on=dt.date(2025, 5, 1),
    )
    corpus.document(
        "b",
        number="区建发〔2025〕1号",
        title="关于乙事项的通知",
        retention="永久",
        department="办公室",
        signed_on=dt.date(2025, 2, 1),
    )
    corpus.document(
        "c",
        number="区建办〔2025〕2号",
        title="关于丙事项的通知",
        retention="永久",
        department="办公室",
        signed_on=dt.date(2025, 2, 1),
    )
    corpus.document(
        "d",
        number="区建发〔2025〕4号",
        title="关于丁事项的通知",
        retention="10年",
        department="财务审计科",
        signed_on=dt.date(2025, 1, 10),
    )
    corpus.document(
        "e",
        number="区建发〔2025〕5号",
        title="关于戊事项的通知",
        retention="30年",
        department="工程建设科",
        signed_on=dt.date(2025, 3, 1),
    )
    corpus.document(
        "f",
        number="区建发〔2025〕6号",
        title="关于己事项的通知",
        retention="30年",
        department="办公室",
        signed_on=dt.date(2025, 12, 1),
    )
    corpus.document(
        "g",
        number="区建办〔2025〕1号",
        title="关于庚事项的通知",
        retention="10年",
        department="办公室",
        signed_on=dt.date(2025, 6, 1),
        classification="内部",
        disclosure="不予公开",
        withhold_reason="内部事务信息",
    )
    corpus.document(
        "h",
        number="区建发〔2025〕2号",
        title="关于辛事项的通知",
        retention="永久",
        department="办公室",
        signed_on=dt.date(2025, 4, 1),
        classification="机密",
        body="",
    )
    corpus.document(
        "i",
        number="区建发〔2024〕9号",
        title="关于壬事项的通知",
        retention="永久",
        department="办公室",
        signed_on=dt.date(2024, 11, 1),
    )
    return corpus


def test_order_and_archive_numbers(corpus):
    _mixed_corpus(corpus)
    assert not corpus.check().errors, corpus.check().errors
    plan = plan_volume(load_corpus(corpus.root), 2025)
    got = [(item.doc.slug, item.archive_no) for item in plan]
    assert got == [
        # 永久 / 办公室: by date, then number (区建办 before 区建发 on the same day)
        ("c", "J012-WS·2025-Y-BGS-0001"),
        ("b", "J012-WS·2025-Y-BGS-0002"),
        ("a", "J012-WS·2025-Y-BGS-0003"),
        # 30年: 机构 in site.yml order (办公室, 财务审计科, 工程建设科); 件号 restarts per class
        ("f", "J012-WS·2025-D30-BGS-0001"),
        ("e", "J012-WS·2025-D30-GCS-0001"),
        # 10年: the 内部 document is included
        ("g", "J012-WS·2025-D10-BGS-0001"),
        ("d", "J012-WS·2025-D10-CWS-0001"),
    ]
    # the 机密 register entry (h) and the 2024 document (i) are not in the volume
    assert {"h", "i"}.isdisjoint(slug for slug, _ in got)


def test_archive_number_format():
    assert V.archive_number("J012", 2025, "Y", "BGS", 1) == "J012-WS·2025-Y-BGS-0001"
    assert V.archive_number("J012", 2025, "D30", "CWS", 123) == "J012-WS·2025-D30-CWS-0123"


def test_unregistered_department_cannot_be_numbered(corpus):
    corpus.site(departments={"财务审计科": "CWS"})  # the default 办公室 has no code
    corpus.document("a", retention="永久", department="财务审计科")
    corpus.document("b", number="区建发〔2025〕2号")
    with pytest.raises(VolumeError) as err:
        plan_volume(load_corpus(corpus.root), 2025)
    assert "办公室" in str(err.value) and "departments" in str(err.value)


def test_stamped_estimate_is_what_write_document_writes(sample):
    """The stamp is filled in after the layout (one build instead of two): the bytes must be
    those write_document gives for the same FilingStamp."""
    items = plan_volume(sample, 2026)
    for item in items[:8]:
        data, estimate = volume_items.item_docx(sample, item, pages=None)
        item.pages = estimate
        buf = io.BytesIO()
        write_document(item.doc, sample.agency, buf, corpus_root=sample.root, filing_stamp=item.stamp)
        assert buf.getvalue() == data, item.archive_no


# --- refusing --------------------------------------------------------------------------------------------


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".govpub-" in p.name)


def _tmp_work_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("govpub-volume-*")}


def test_refuses_year_with_errors_and_leaves_nothing(corpus, tmp_path):
    _mixed_corpus(corpus)
    corpus.document("bad", number="区建发〔2025〕7号", doc_type="便函", signed_on=dt.date(2025, 7, 1))
    loaded = load_corpus(corpus.root)
    parent = tmp_path / "exports"
    parent.mkdir()
    before = _tmp_work_dirs()
    with pytest.raises(VolumeError) as err:
        export(loaded, 2025, parent / "vol")
    assert "content/documents/2025/bad.md" in str(err.value)
    assert not (parent / "vol").exists()
    assert _leftovers(parent) == []
    assert _tmp_work_dirs() <= before


def _earlier_volume(out: Path, files: dict[str, bytes]) -> None:
    """A volume folder as an earlier export leaves it: its files and a manifest.json listing
    them (and no marker file: the folder goes to the archive as it is)."""
    out.mkdir()
    rows = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        rows.append({"文件名": name, "字节数": len(data), "SHA-256": hashlib.sha256(data).hexdigest()})
    manifest = {"全宗号": "J012", "全宗名称": "某区住房和城乡建设局", "年度": 2025, "门类": "WS", "文件": rows}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_refusal_leaves_existing_volume_untouched(corpus, tmp_path):
    corpus.document("bad", doc_type="便函")
    out = tmp_path / "vol"
    _earlier_volume(out, {"old.docx": b"old volume"})
    with pytest.raises(VolumeError):
        export(load_corpus(corpus.root), 2025, out)
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "old.docx"]
    assert (out / "old.docx").read_bytes() == b"old volume"
    assert _leftovers(tmp_path) == []


def test_an_earlier_volume_is_recognised_by_its_manifest(tmp_path):
    """Only a folder whose manifest.json lists everything in it is taken for a volume govpub
    wrote (and may be replaced); anything more in it, and the folder is left alone."""
    vol = tmp_path / "vol"
    _earlier_volume(vol, {"a.docx": b"a", "a.pdf": b"b"})
    (vol / "manifest.csv").write_bytes(b"\xef\xbb\xbf")
    assert volume_folder.is_volume(vol)
    (vol / "notes.txt").write_text("an archivist's notes", encoding="utf-8")
    assert not volume_folder.is_volume(vol)
    (vol / "notes.txt").unlink()
    (vol / "sub").mkdir()
    assert not volume_folder.is_volume(vol)
    (vol / "sub").rmdir()
    (vol / "manifest.json").write_text(
        json.dumps({"文件": [{"文件名": "a.docx"}, {"文件名": "a.pdf"}]}), encoding="utf-8"
    )
    assert not volume_folder.is_volume(vol)  # not govpub's manifest (no 全宗号, 年度, 门类)
    (vol / "manifest.json").unlink()
    assert not volume_folder.is_volume(vol)


def test_errors_of_other_years_do_not_block(corpus, tmp_path, monkeypatch):
    corpus.document("ok")
    corpus.document("bad", number="区建发〔2024〕1号", doc_type="便函", signed_on=dt.date(2024, 3, 1))
    loaded = load_corpus(corpus.root)
    errors = V.year_errors(check_corpus(loaded, AS_OF).diagnostics, loaded, 2025)
    assert errors == []
    assert V.year_errors(check_corpus(loaded, AS_OF).diagnostics, loaded, 2024)


def test_refuses_without_libreoffice(corpus, tmp_path, monkeypatch):
    corpus.document("ok")
    monkeypatch.setattr(volume_export, "soffice_path", lambda: None)
    with pytest.raises(VolumeError) as err:
        export(load_corpus(corpus.root), 2025, tmp_path / "vol")
    message = str(err.value)
    assert "LibreOffice" in message and "apt-get install" in message
    assert not (tmp_path / "vol").exists()


def test_refuses_empty_year(corpus, tmp_path):
    corpus.document("ok")
    with pytest.raises(VolumeError) as err:
        export(load_corpus(corpus.root), 2023, tmp_path / "vol")
    assert "2023" in str(err.value)


# --- the sample corpus's volumes --------------------------------------------------------------------------


@needs_soffice
@pytest.mark.parametrize("year", ["2025", "2026"])
def test_volume_contents(volumes, sample, year):
    result = volumes[year]
    folder = result.out_dir
    expected = [
        d
        for d in sample.documents
        if d.signed_on and d.signed_on.year == int(year) and d.classification not in ("秘密", "机密", "绝密")
    ]
    assert len(result.items) == len(expected)
    names = sorted(p.name for p in folder.iterdir())
    docx = [n for n in names if n.endswith(".docx") and n != "目录.docx"]
    assert sorted(docx) == sorted(f"{i.archive_no}.docx" for i in result.items)
    assert "目录.docx" in names and "manifest.csv" in names and "manifest.json" in names
    assert [n for n in names if n.startswith(".")] == []  # the archive gets no hidden files
    pdfs = [n for n in names if n.endswith(".pdf")]
    assert (len(pdfs) == len(docx) + 1) if result.pdfa else not pdfs


@needs_soffice
def test_register_entries_excluded_internal_included(volumes, sample):
    rows = _rows(volumes["2025"].out_dir)
    numbers = {r["文号"] for r in rows}
    secret = [
        d
        for d in sample.documents
        if d.signed_on and d.signed_on.year == 2025 and d.classification in ("秘密", "机密", "绝密")
    ]
    internal = [d for d in sample.documents if d.signed_on and d.signed_on.year == 2025 and d.classification == "内部"]
    assert secret and internal, "the sample corpus has a register entry and a 内部 document in 2025"
    assert all(str(d.number) not in numbers for d in secret)
    for d in internal:
        row = next(r for r in rows if r["文号"] == str(d.number))
        assert row["密级"] == "内部"


@needs_soffice
@pytest.mark.parametrize("year", ["2025", "2026"])
def test_pages_are_what_libreoffice_renders(volumes, year):
    """页数 in the 归档章 and the manifest = pages of that very DOCX as rendered (a separate
    LibreOffice run, through the one driver)."""
    result = volumes[year]
    folder = result.out_dir
    files = [folder / f"{i.archive_no}.docx" for i in result.items] + [folder / "目录.docx"]
    counted = page_counts(files)
    rows = {r["文件名"]: r for r in _rows(folder)}
    for path in files:
        assert rows[path.name]["页数"] == counted[path], path.name
    for item in result.items:
        assert item.pages == counted[folder / f"{item.archive_no}.docx"]


@needs_soffice
def test_filing_stamp_cells(volumes, sample):
    result = volumes["2025"]
    for item in result.items:
        cells = _stamp_cells(result.out_dir / f"{item.archive_no}.docx")
        assert cells == [
            [sample.agency.fonds, "2025", f"{item.item_no:04d}"],
            [item.department, item.retention, str(item.pages)],
        ], item.archive_no


@needs_soffice
def test_pdfa_copies(volumes):
    result = volumes["2025"]
    rows = {r["文件名"]: r for r in _rows(result.out_dir)}
    for item in result.items:
        data = (result.out_dir / f"{item.archive_no}.pdf").read_bytes()
        assert pdfa_identification(data) == ("2", "B")
        assert pdf_page_count(data) == item.pages
        assert rows[f"{item.archive_no}.pdf"]["格式"] == "PDF/A-2b"
        assert b"/CreationDate(D:" + item.doc.signed_on.strftime("%Y%m%d").encode() in data
    import pdfplumber

    with pdfplumber.open(str(result.out_dir / "目录.pdf")) as pdf:
        assert len(pdf.pages) == rows["目录.pdf"]["页数"]
        assert "归档文件目录" in (pdf.pages[0].extract_text() or "")


def _embedded_fonts(data: bytes) -> set[str]:
    """Names of the fonts a PDF embeds (subset prefixes ABCDEF+ removed)."""
    import re

    return {m.group(2).decode("latin-1") for m in re.finditer(rb"/BaseFont\s*/([A-Z]{6}\+)?([^\s/\[\]<>()]+)", data)}


@needs_soffice
def test_pdfa_copies_embed_a_fangsong_face_for_the_body(volumes):
    """The record copies carry the body in a 仿宋-style face where one is installed (the font
    map behind every LibreOffice call), the title in a bold serif, never a sans stand-in."""
    from generator.office import fontmap

    chosen = {c.role.key: c for c in fontmap.resolve()}
    fang = chosen["fangsong"]
    if fang.style != "fangsong":
        pytest.skip("no 仿宋 face installed here (.ci/run installs FandolFang)")
    result = volumes["2025"]
    key = fang.family.replace(" ", "")
    for item in result.items:
        fonts = _embedded_fonts((result.out_dir / f"{item.archive_no}.pdf").read_bytes())
        assert any(key in f for f in fonts), (item.archive_no, fonts)
    first = result.items[0]
    fonts = _embedded_fonts((result.out_dir / f"{first.archive_no}.pdf").read_bytes())
    assert any("Serif" in f and "Bold" in f for f in fonts), fonts  # 小标宋 → bold serif
    assert not any("仿宋" in w for w in result.warnings)


@pytest.mark.slow
@needs_soffice
def test_volume_says_once_when_the_body_falls_back_to_another_style(corpus, tmp_path, monkeypatch):
    """A machine with Noto CJK only: no 仿宋 face, the export says so (once) and the copies
    carry the serif stand-in, not the sans default."""
    from testkit.fontsetups import BY_NAME, make_config

    try:
        conf = make_config(BY_NAME["noto"], tmp_path / "fonts")
    except LookupError as exc:
        pytest.skip(str(exc))
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    corpus.document()
    result = export(load_corpus(corpus.root), 2025, tmp_path / "vol", pdfa=True)
    about = [w for w in result.warnings if "仿宋" in w]
    assert len(about) == 1 and "Noto Serif CJK SC" in about[0], result.warnings
    pdf = next((tmp_path / "vol").glob("J012-*.pdf"))
    fonts = _embedded_fonts(pdf.read_bytes())
    assert any(f.startswith("NotoSerifCJK") for f in fonts), fonts


@needs_soffice
@pytest.mark.parametrize("year", ["2025", "2026"])
def test_manifests(volumes, year):
    folder = volumes[year].out_dir
    rows = _rows(folder)
    listed = {r["文件名"] for r in rows}
    present = {p.name for p in folder.iterdir()} - {"manifest.csv", "manifest.json"}
    assert listed == present
    for r in rows:
        data = (folder / r["文件名"]).read_bytes()
        assert r["字节数"] == len(data)
        assert r["SHA-256"] == hashlib.sha256(data).hexdigest()
        assert list(r) == list(MANIFEST_COLUMNS)
    raw = (folder / "manifest.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0] == list(MANIFEST_COLUMNS)
    assert [row[MANIFEST_COLUMNS.index("文件名")] for row in table[1:]] == [r["文件名"] for r in rows]
    assert verify_manifest(folder) == []
    assert volume_folder.is_volume(folder)  # a later export may replace it


@needs_soffice
def test_verify_manifest_finds_tampering(volumes, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(volumes["2026"].out_dir, copy)
    rows = _rows(copy)
    victim = copy / rows[1]["文件名"]
    victim.write_bytes(victim.read_bytes() + b"x")
    (copy / rows[2]["文件名"]).unlink()
    (copy / "extra.txt").write_text("?", encoding="utf-8")
    problems = verify_manifest(copy)
    text = "\n".join(problems)
    assert rows[1]["文件名"] in text and "SHA-256" in text
    assert rows[2]["文件名"] in text and "缺失" in text
    assert "extra.txt" in text


@needs_soffice
def test_second_export_is_byte_identical(volumes):
    a, b = volumes["2025"].out_dir, volumes["2025-again"].out_dir
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert any(n.endswith(".pdf") for n in names)
    different = [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]
    assert different == []


@needs_soffice
def test_catalogue_table(volumes):
    result = volumes["2026"]
    doc = DocxDocument(str(result.out_dir / "目录.docx"))
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape
    tables = doc.tables
    classes = []
    for item in result.items:
        if not classes or classes[-1] != item.klass:
            classes.append(item.klass)
    assert len(tables) == len(classes)
    header = [c.text for c in tables[0].rows[0].cells]
    assert header == ["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"]
    rows = [[c.text for c in row.cells] for t in tables for row in t.rows[1:]]
    assert [r[1] for r in rows] == [i.archive_no for i in result.items]
    for r, item in zip(rows, result.items):
        assert r[5] == item.doc.signed_on.strftime("%Y%m%d")
        assert r[7] == str(item.pages)
        assert r[4] == item.doc.title
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "全宗名称" in text and "保管期限" in text and "机构（问题）" in text


# --- replacing an existing volume; the --convert-to fallback ---------------------------------------------


@needs_soffice
def test_replaces_existing_volume_whole(corpus, tmp_path, monkeypatch):
    _mixed_corpus(corpus)
    out = tmp_path / "vol"
    _earlier_volume(out, {"stale.docx": b"old"})
    monkeypatch.setenv("GOVPUB_LO_ENGINE", "convert")  # also exercises the fallback engine
    result = export(load_corpus(corpus.root), 2025, out, pdfa=True)
    assert result.engine == "convert"
    names = {p.name for p in out.iterdir()}
    assert "stale.docx" not in names
    assert "J012-WS·2025-Y-BGS-0001.docx" in names and "J012-WS·2025-Y-BGS-0001.pdf" in names
    assert verify_manifest(out) == []
    assert _leftovers(tmp_path) == []
    for item in result.items:
        data = (out / f"{item.archive_no}.pdf").read_bytes()
        assert pdfa_identification(data) == ("2", "B")
        assert pdf_page_count(data) == item.pages


def test_stale_staging_folders_are_removed(tmp_path):
    """A staging folder left by an export that was killed goes at the next export; one of
    a running process stays; an old volume set aside goes only once the volume is in place
    (when it is not, it is the only copy: it is put back, never deleted)."""
    import os
    import subprocess

    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(proc.stdout)
    stale = tmp_path / f".vol.govpub-{dead}-0123abcd"
    stale_old = tmp_path / f".vol.govpub-old-{dead}-89abcdef"
    live = tmp_path / f".vol.govpub-{os.getpid()}-fedcba98"
    other = tmp_path / ".other.govpub-1-0123abcd"
    for d in (stale, stale_old, live, other):
        d.mkdir()
    volume_folder.remove_stale(tmp_path, "vol")
    assert not stale.exists() and stale_old.exists()  # no volume in place: the set-aside one stays
    assert live.exists() and other.exists()
    (tmp_path / "vol").mkdir()
    volume_folder.remove_stale(tmp_path, "vol")
    assert not stale_old.exists()
    assert live.exists() and other.exists()
