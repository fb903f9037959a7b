"""Word files from outside are untrusted: a crafted file name, a zip bomb, too many entries,
a lying size, a classified document's text in warnings or the report."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.importer import ImportRefused, import_paths, read_file
from generator.importer.batch import report_csv, report_markdown
from generator.importer.package import Package
from testkit.import_fidelity import FIXTURES

REPO = Path(__file__).resolve().parents[2]


def _corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yml", root / "content" / "site.yml")
    return root


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize(
    "name",
    [
        "a\nclassification: 公开\nreview: []\n---\nbody.docx",
        'x" \n title: 伪造 # .docx',
        "---\n.docx",
    ],
)
def test_a_crafted_file_name_adds_nothing_to_the_written_file(tmp_path, name):
    root = _corpus(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "wps-meeting-notice.docx", folder / name)
    batch = import_paths([folder], root)
    [result] = batch.results
    assert result.status == "imported"
    fm = _front_matter(result.path)
    assert set(fm) == {
        "number",
        "title",
        "doc_type",
        "issuer",
        "recipients",
        "signed_on",
        "cc",
        "printed_by",
        "printed_on",
        "review",
    }
    assert fm["title"] == "关于进一步规范会议管理的通知" and "classification" not in fm
    assert isinstance(fm["review"], list) and name.replace("\n", "\\n") in fm["review"][0]
    assert result.path.read_text(encoding="utf-8").split("\n").count("---") == 2
    # the report escapes it too: one line per item, no HTML
    report = report_markdown(batch, root)
    assert "\n---\n" not in report.split("## 逐个文件")[1] and "<" not in report.replace("&lt;", "")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(report_csv(batch, root))))
    assert len(rows) == 2 and rows[1][0] == name


def _bomb(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
    return path


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path):
    bomb = _bomb(tmp_path / "bomb.docx", 100 << 20)
    assert bomb.stat().st_size < 2 << 20
    with pytest.raises(ImportRefused) as err:
        read_file(bomb)
    assert "bomb.docx" in str(err.value) and "安全" in str(err.value)


@pytest.mark.slow
def test_a_zip_bomb_takes_little_memory(tmp_path):
    bomb = _bomb(tmp_path / "bomb.docx", 300 << 20)
    # VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec)
    code = (
        "import re, sys\n"
        "from generator.importer import read_file, ImportRefused\n"
        "try:\n    read_file(sys.argv[1])\nexcept ImportRefused as exc:\n    print('refused', exc)\n"
        "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout.split("\n")
    assert out[0].startswith("refused")
    assert int(out[1]) < 200 * 1024  # kilobytes: well under 200 MB peak for a 300 MB bomb


def test_too_many_entries_are_refused(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as z:
        for k in range(2500):
            z.writestr(f"x/{k}.xml", "")
    with pytest.raises(ImportRefused) as err:
        read_file(path)
    assert "2500" in str(err.value)


def test_a_part_larger_than_allowed_is_cut_off_while_reading(tmp_path):
    pkg = Package(FIXTURES / "wps-meeting-notice.docx")
    try:
        with pytest.raises(ImportRefused):
            pkg.read("word/document.xml", limit=100)
    finally:
        pkg.close()


def test_classified_text_never_reaches_the_file_the_report_or_the_output(tmp_path, capsys):
    root = _corpus(tmp_path)
    report = tmp_path / "report.md"
    src = FIXTURES / "classified-textbox.docx"
    assert main(["--root", str(root), "import", "docx", str(src), "--report", str(report)]) == 0
    captured = capsys.readouterr()
    texts = [
        captured.out,
        captured.err,
        report.read_text(encoding="utf-8"),
        report.with_suffix(".csv").read_text(encoding="utf-8-sig"),
    ]
    texts += [p.read_text(encoding="utf-8") for p in (root / "content").rglob("*.md")]
    for secret in ("青盾-7", "地下二层", "坐标及防护等级"):
        assert not any(secret in t for t in texts), secret
    [doc] = list((root / "content" / "documents").rglob("*.md"))
    fm = _front_matter(doc)
    assert fm["classification"] == "机密" and fm["number"] == "区防发〔2025〕2号"
    assert doc.read_text(encoding="utf-8").rstrip().endswith("---")  # front matter only
    assert not (root / "content" / "attachments").exists()


def test_personal_data_is_reported_and_kept_off_the_site(tmp_path, capsys):
    root = _corpus(tmp_path)
    report = tmp_path / "r.md"
    assert (
        main(["--root", str(root), "import", "docx", str(FIXTURES / "personal-data.docx"), "--report", str(report)])
        == 0
    )
    text = report.read_text(encoding="utf-8")
    assert "110105********002X" in text and "139****5678" in text
    assert "11010519491231002X" not in text
    [doc] = list((root / "content" / "documents").rglob("*.md"))
    assert any("个人信息" in r for r in _front_matter(doc)["review"])


def test_legacy_doc_without_libreoffice_is_a_clear_error_for_that_file(tmp_path, monkeypatch, capsys):
    import generator.importer.convert as convert

    monkeypatch.setattr(convert, "soffice_path", lambda: None)
    root = _corpus(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "legacy-notice.doc", folder / "old.doc")
    shutil.copy(FIXTURES / "letter-format.docx", folder / "new.docx")
    assert main(["--root", str(root), "import", "docx", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "old.doc" in err and "LibreOffice" in err and "Traceback" not in err
    assert len(list((root / "content" / "documents").rglob("*.md"))) == 1  # the .docx still imported


@pytest.mark.office
def test_legacy_doc_is_converted_with_libreoffice(tmp_path):
    root = _corpus(tmp_path)
    batch = import_paths([FIXTURES / "legacy-notice.doc"], root)
    [result] = batch.results
    assert result.status == "imported" and result.value("number") == "临教发〔2019〕17号"


def test_report_is_never_written_over_an_existing_file(tmp_path, capsys):
    root = _corpus(tmp_path)
    report = tmp_path / "r.md"
    report.write_text("keep", encoding="utf-8")
    assert (
        main(["--root", str(root), "import", "docx", str(FIXTURES / "letter-format.docx"), "--report", str(report)])
        == 2
    )
    assert report.read_text(encoding="utf-8") == "keep"
    assert not list((root / "content").rglob("*.md"))
