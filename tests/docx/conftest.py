"""Fixtures for the DOCX tests: the sample corpus written to DOCX once, rendered to PDF once
(one LibreOffice run for everything) and measured.

Rendering needs LibreOffice (soffice) and pdfplumber; tests that need them are skipped with
a clear reason when either is missing. Everything else runs without them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.corpus.loader import load_corpus
from generator.docx import write_document, write_regulation
from generator.docx.document import FilingStamp
from generator.docx.render_check import docx_to_pdfs, measure_pdf, soffice_path

REPO = Path(__file__).resolve().parents[2]

def _pdfplumber_missing() -> bool:
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        return True
    return False


@dataclass
class Rendered:
    docx: Path
    pdf: Path
    report: object  # render_check.PdfReport


@pytest.fixture(scope="session")
def sample_corpus():
    return load_corpus(REPO)


@pytest.fixture(scope="session")
def docx_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("docx")


LONG_PARAGRAPH = (
    "为进一步加强机关值班管理确保节假日期间各项工作平稳有序现将有关事项通知如下各科室要高度重视"
    "认真落实值班制度严格执行领导带班和工作人员值班规定值班人员要坚守岗位不得擅自离岗"
) * 6


def _long_corpus(root: Path) -> Path:
    """A corpus with one 通知 whose body fills several pages with long paragraphs of CJK
    characters only (so every full line has exactly 28 of them)."""
    import yaml

    (root / "content" / "documents" / "2025").mkdir(parents=True)
    (root / "content" / "site.yml").write_text(yaml.safe_dump({
        "agency": "青川市临江区住房和城乡建设局", "short_name": "区住建局", "fonds": "J012",
        "codes": {"区建发": "局发文"}, "departments": {"办公室": "BGS"},
    }, allow_unicode=True), encoding="utf-8")
    fm = {
        "number": "区建发〔2025〕1号", "title": "关于加强机关值班管理的通知", "doc_type": "通知",
        "recipients": ["局机关各科室"], "signed_on": dt.date(2025, 3, 5),
        "cc": ["区应急管理局"], "printed_by": "临江区住房和城乡建设局办公室",
        "printed_on": dt.date(2025, 3, 6),
    }
    body = "\n\n".join([LONG_PARAGRAPH] * 5)
    (root / "content" / "documents" / "2025" / "zhiban.md").write_text(
        "---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n",
        encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def long_corpus(tmp_path_factory):
    return load_corpus(_long_corpus(tmp_path_factory.mktemp("long")))


STAMP = FilingStamp(fonds="J012", year=2025, item_no=7, department="办公室", retention="永久", pages=2)


@pytest.fixture(scope="session")
def written(sample_corpus, long_corpus, docx_dir) -> dict[str, Path]:
    """Every sample document and regulation version, plus a few variants, as DOCX files."""
    out: dict[str, Path] = {}
    root = Path(sample_corpus.root)
    for doc in sample_corpus.documents:
        path = docx_dir / f"doc-{doc.slug}.docx"
        write_document(doc, sample_corpus.agency, path, corpus_root=root)
        out[f"doc:{doc.slug}"] = path
    for slug, reg in sample_corpus.regulations.items():
        for version in reg.versions:
            path = docx_dir / f"reg-{slug}-{version.file_date}.docx"
            write_regulation(reg, version, sample_corpus.agency, path)
            out[f"reg:{slug}:{version.file_date}"] = path
    long_doc = long_corpus.documents[0]
    path = docx_dir / "long.docx"
    write_document(long_doc, long_corpus.agency, path)
    out["long"] = path
    by_slug = {d.slug: d for d in sample_corpus.documents}
    for slug in ("caiwu-banfa-yinfa", "diandongche-chongdian-paicha-han"):
        path = docx_dir / f"stamp-{slug}.docx"
        write_document(by_slug[slug], sample_corpus.agency, path, corpus_root=root,
                       filing_stamp=STAMP, copy_number="000012")
        out[f"stamp:{slug}"] = path
    return out


@pytest.fixture(scope="session")
def rendered(written, tmp_path_factory) -> dict[str, Rendered]:
    """All written files rendered by one LibreOffice run and measured."""
    if soffice_path() is None or _pdfplumber_missing():
        pytest.skip("rendering needs LibreOffice (soffice on PATH) and pdfplumber")
    pdf_dir = tmp_path_factory.mktemp("pdf")
    keys = list(written)
    pdfs = docx_to_pdfs([written[k] for k in keys], pdf_dir)
    return {k: Rendered(written[k], pdf, measure_pdf(pdf)) for k, pdf in zip(keys, pdfs)}
