"""Fixtures for the DOCX tests: the sample corpus written to DOCX once, rendered to PDF under
each font setup (testkit/fontsetups.py: four machines with different Chinese and Latin
faces, chosen with FONTCONFIG_FILE) and measured.

Every test that takes ``rendered`` runs once per setup (``[noto]``, ``[noto-latin]``,
``[arphic-wqy]``, ``[fandol-wenkai]``). All setups are rendered in one go, two LibreOffice
processes at a time, the first time any of them is needed.

Rendering needs LibreOffice (soffice) and pdfplumber; tests that need them are skipped with
a clear reason when either is missing, and a setup whose font files are not installed is
skipped naming them (.ci/run installs them all). Everything else runs without them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.corpus.loader import load_corpus
from generator.docx import write_document, write_regulation
from generator.docx.document import FilingStamp
from generator.docx.render_check import measure_pdf
from generator.office.libreoffice import Job, Office, soffice_path
from testkit.fontsetups import SETUPS, make_config

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
    pages: int = 0  # LibreOffice's own page count (the driver's counter)


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
    (root / "content" / "site.yml").write_text(
        yaml.safe_dump(
            {
                "agency": "青川市临江区住房和城乡建设局",
                "short_name": "区住建局",
                "fonds": "J012",
                "codes": {"区建发": "局发文"},
                "departments": {"办公室": "BGS"},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    fm = {
        "number": "区建发〔2025〕1号",
        "title": "关于加强机关值班管理的通知",
        "doc_type": "通知",
        "recipients": ["局机关各科室"],
        "signed_on": dt.date(2025, 3, 5),
        "cc": ["区应急管理局"],
        "printed_by": "临江区住房和城乡建设局办公室",
        "printed_on": dt.date(2025, 3, 6),
    }
    body = "\n\n".join([LONG_PARAGRAPH] * 5)
    (root / "content" / "documents" / "2025" / "zhiban.md").write_text(
        "---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n", encoding="utf-8"
    )
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
        write_document(
            by_slug[slug], sample_corpus.agency, path, corpus_root=root, filing_stamp=STAMP, copy_number="000012"
        )
        out[f"stamp:{slug}"] = path
    for slug in ("dongji-shigong-anquan-jiancha", "diandongche-chongdian-paicha-han"):
        path = docx_dir / f"draft-{slug}.docx"
        write_document(by_slug[slug], sample_corpus.agency, path, corpus_root=root, draft=True)
        out[f"draft:{slug}"] = path
    return out


def render_all(written: dict[str, Path], folder: Path, setups=SETUPS) -> dict[str, dict[str, Rendered] | str]:
    """Every written file under every setup: setup name → {key: Rendered}, or the reason the
    setup cannot be rendered here (missing font files). Two setups at a time."""
    from concurrent.futures import ThreadPoolExecutor

    keys = list(written)

    def one(setup):
        try:
            conf = make_config(setup, folder / "fonts")
        except LookupError as exc:
            return setup.name, str(exc)
        pdf_dir = folder / setup.name
        pdf_dir.mkdir(parents=True, exist_ok=True)
        with Office(fonts=str(conf), lanes=1) as office:
            jobs = [Job(k, written[k].resolve(), pdf_dir / f"{i:03d}.pdf") for i, k in enumerate(keys)]
            results = office.run(jobs)
        for job in jobs:
            if results[job.key].pdf_error:
                raise AssertionError(f"{setup.name}: no PDF of {job.key}: {results[job.key].pdf_error}")
        return setup.name, {
            k: Rendered(written[k], j.pdf, measure_pdf(j.pdf), results[k].pages) for k, j in zip(keys, jobs)
        }

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, setups))


@pytest.fixture(scope="session")
def rendered_all(written, tmp_path_factory):
    if soffice_path() is None or _pdfplumber_missing():
        pytest.skip("rendering needs LibreOffice (soffice on PATH) and pdfplumber")
    return render_all(written, tmp_path_factory.mktemp("render"))


@pytest.fixture(scope="session", params=[s.name for s in SETUPS])
def font_setup(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def rendered(rendered_all, font_setup) -> dict[str, Rendered]:
    """All written files rendered under one font setup and measured."""
    got = rendered_all[font_setup]
    if isinstance(got, str):
        pytest.skip(f"{got} (install the packages .ci/run lists)")
    return got
