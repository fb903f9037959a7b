"""Import of real and realistic Word files (tests/fixtures/import, sources in SOURCES.md),
measured field by field against what a careful clerk reads — on the corpus files the import
writes, read back by the corpus loader (testkit/import_fidelity.py)."""

from __future__ import annotations

import datetime as dt
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.check import check_root
from generator.corpus.loader import load_corpus
from generator.importer import import_paths
from generator.importer.recognise import split_soft_breaks
from testkit.import_fidelity import FIXTURES, fixtures, import_fixtures, read_fixture, score_of

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """All fixtures imported once, as an agency would: one batch run, then --out for the files
    the batch cannot place (see testkit/import_fidelity.py)."""
    done, skipped, root = import_fixtures(fixtures(), tmp_path_factory.mktemp("fixtures"))
    return {item.fixture.name: item for item in done}, skipped, root


def test_there_are_at_least_twenty_fixtures_from_several_producers():
    files = fixtures()
    assert len(files) >= 20
    assert (FIXTURES / "SOURCES.md").is_file()
    for f in files:
        assert f.with_suffix(".yml").is_file(), f


@pytest.mark.slow
def test_import_fidelity_is_at_least_95_percent(imported):
    items, skipped, _ = imported
    s = score_of(list(items.values()), skipped)
    print(f"\nimport fidelity (written files): {s.line()}")
    for w in s.wrong:
        print("  wrong:", w)
    assert s.fidelity >= 0.95, s.wrong


@pytest.mark.slow
def test_the_issuer_is_written_when_read_and_flagged_when_not(imported):
    """Without ``issuer`` the corpus takes site.yml's agency: never silently."""
    items, _, root = imported
    agency = load_corpus(root).agency.agency
    checked = 0
    for name, item in items.items():
        if item.doc is None:
            continue
        checked += 1
        want = item.expected["fields"].get("issuer")
        if want:  # read: written, also in a register entry
            assert item.doc.source.has("issuer"), name
            assert item.doc.issuer == (want if isinstance(want, str) else "、".join(want)), name
        else:  # not read: no value, and the review says that the default would apply
            assert not item.doc.source.has("issuer"), name
            [note] = [n for n in item.doc.review if n.startswith("发文机关：")]
            assert agency in note and "issuer" in note, note
    assert checked >= 18


@pytest.mark.slow
def test_placeholder_issuer_is_uncertain_and_quoted(imported):
    items, _, _ = imported
    note = next(n for n in items["zhaohui-request.docx"].doc.review if n.startswith("发文机关："))
    assert "[发文单位]" in note


@pytest.mark.slow
def test_a_body_image_is_kept_as_a_file_and_named_in_review_not_listed_as_an_attachment(imported):
    items, _, root = imported
    for name in ("title-after-recipients.docx", "zhaohui-report-image.docx", "zhaohui-minutes-image.docx"):
        doc = items[name].doc
        assert not doc.attachments, (name, doc.attachments)  # no 附件说明 the document never had
        folder = root / "content" / "attachments" / str(doc.year_folder) / doc.slug
        [image] = list(folder.glob("tupian-*.png"))
        rel = image.relative_to(root).as_posix()
        [note] = [n for n in doc.review if rel in n]
        assert "图片" in note and "请决定如何处理" in note
    # where it stood: after the first body paragraph (and before the caption 图1)
    doc = items["title-after-recipients.docx"].doc
    assert any(n.startswith("正文第 1 段之后有一幅图片") for n in doc.review), doc.review
    # real attachments (附件说明 and attachment pages) are still attachments
    doc = items["word-auto-numbering.docx"].doc
    assert [a.title for a in doc.attachments] == ["政务公开考核评分表", "自查报告提纲"]
    assert all(a.file and a.file.endswith(".md") for a in doc.attachments)


@pytest.mark.slow
def test_a_register_entry_keeps_its_head_facts_and_nothing_else(imported):
    items, _, root = imported
    for name in ("classified-textbox.docx", "kamisky-standard-secret.docx"):
        item = items[name]
        doc = item.doc
        assert doc.is_register_entry
        keys = set(doc.source.meta)
        assert keys <= {
            "number",
            "title",
            "doc_type",
            "issuer",
            "recipients",
            "signer",
            "signed_on",
            "classification",
            "printed_on",
            "review",
        }, keys
        assert {"number", "title", "doc_type", "issuer", "recipients", "signed_on", "classification"} <= keys
        for key in item.expected["withheld"]:
            assert key not in keys
        assert not any(t.strip() for _, t in doc.source.body)
    doc = items["kamisky-standard-secret.docx"].doc
    assert doc.printed_on == dt.date(2026, 7, 16) and doc.issuer == "中共云岭市委办公室"
    assert doc.recipients == ["各县（市、区）委", "市直各单位"]


@pytest.mark.slow
@pytest.mark.parametrize("cwd", ["root", "parent"])
def test_a_file_without_date_or_number_is_refused_in_a_batch_with_the_command_that_imports_it(
    imported, tmp_path, monkeypatch, cwd
):
    items, _, _ = imported
    item = items["zhaohui-request.docx"]
    assert item.status == "error" and "无法确定年份文件夹" in item.message
    # in a folder (even of one file) --out would name the corpus root: the message gives the
    # command for this file alone; run it as the editor would, choosing the year
    root = tmp_path / "corpus"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yml", root / "content" / "site.yml")
    folder = tmp_path / "旧文件"
    folder.mkdir()
    shutil.copy(item.fixture, folder / "请示 草稿.docx")
    monkeypatch.chdir(root if cwd == "root" else tmp_path)
    [failed] = import_paths([folder], root).results
    assert failed.status == "error"
    argv = shlex.split("govpub" + failed.message.split("：govpub", 1)[1].replace("年份", "2026"))
    target = "content/documents/2026/shenqing-kaizhan-wo-de-daodun.md"
    if cwd == "root":
        assert argv[:3] == ["govpub", "import", "docx"], argv
    else:  # run from elsewhere: the command names the corpus root, and --out is under it
        assert argv[:5] == ["govpub", "--root", "corpus", "import", "docx"], argv
        target = "corpus/" + target
    assert argv[-3:] == [str(folder / "请示 草稿.docx"), "--out", target], argv
    proc = subprocess.run([sys.executable, "-m", "generator", *argv[1:]], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (root / "content" / "documents" / "2026" / "shenqing-kaizhan-wo-de-daodun.md").is_file()
    [again] = import_paths([item.fixture], root).results
    assert again.status == "skipped"  # already imported: nothing is written twice
    # a single file named on the command line: the message says to add --out
    other = tmp_path / "other"
    (other / "content").mkdir(parents=True)
    [alone] = import_paths([item.fixture], other).results
    assert alone.status == "error", alone.message
    assert "content/documents/年份/shenqing-kaizhan-wo-de-daodun.md" in alone.message, alone.message
    assert "--out" in alone.message and "govpub import docx" not in alone.message


@pytest.mark.slow
def test_soft_breaks_after_a_lead_in_give_a_list_that_checks_clean(imported):
    items, _, root = imported
    doc = items["zhaohui-minutes-image.docx"].doc
    paragraphs = [t for _, t in doc.source.paragraphs()]
    k = paragraphs.index("会议决定，")
    assert paragraphs[k + 1].startswith("一、原则同意") and paragraphs[k + 2].startswith("二、同意")
    assert any("已从“一、”起另起一段" in n for n in doc.review)
    found = check_root(root, dt.date(2026, 8, 1), [doc.path]).diagnostics
    assert not [d for d in found if d.code.startswith("S")], [(d.code, d.message) for d in found]


@pytest.mark.parametrize(
    "text, paragraphs",
    [
        (
            "会议决定，一、同意甲。\n\u3000\u3000二、同意乙。",
            ["会议决定，", "一、同意甲。", "\u3000\u3000二、同意乙。"],
        ),
        ("要求如下：（一）按时报送；\n（二）注明来源。", ["要求如下：", "（一）按时报送；", "（二）注明来源。"]),
        # the first item already starts the paragraph, or nothing follows it: unchanged
        ("一、同意甲。\n二、同意乙。", ["一、同意甲。", "二、同意乙。"]),
        ("会议决定，一、同意甲。", ["会议决定，一、同意甲。"]),
        # "一、" inside a sentence, not after a lead-in: not split off
        ("他们在第一、二季度完成了\n二、三项工作", ["他们在第一、二季度完成了", "二、三项工作"]),
    ],
)
def test_split_soft_breaks(text, paragraphs):
    notes: list[str] = []
    assert split_soft_breaks(text, notes) == paragraphs
    assert bool(notes) == (len(paragraphs) == 3)  # a split that is not at a break is told


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, marks=pytest.mark.slow) if p.suffix == ".doc" else p for p in fixtures()],
    ids=lambda p: p.name,
)
def test_fixture_extras(path):
    """Body paragraphs, attachment pages, images and personal data the YAML names."""
    expected = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    result = read_fixture(path)
    if result is None:
        pytest.skip("LibreOffice is needed to convert this .doc")
    for text in expected.get("body_contains", []):
        assert text in result.body, (text, result.body)
    if "attachment_pages" in expected:
        assert len(result.pages) == expected["attachment_pages"]
    if "images" in expected:
        assert len(result.images) == expected["images"]
    for needle in expected.get("personal", []):
        assert any(needle in p for p in result.personal), result.personal
    copy_no = (expected.get("fields") or {}).get("copy_no")
    if "copy_no" in (expected.get("fields") or {}):  # 份号: no corpus key, read and reported
        assert result.value("copy_no") == copy_no
    for needle in expected.get("warning_contains", []):
        assert any(needle in note for f in result.fields.values() for note in [f.note]) or any(
            needle in w for w in result.warnings
        ), needle


def _corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yml", root / "content" / "site.yml")
    return root


@pytest.mark.slow
def test_batch_import_of_the_fixture_folder_is_safe_and_idempotent(tmp_path):
    root = _corpus(tmp_path)
    folder = tmp_path / "legacy"
    shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns("*.yml", "*.md", "*.py"))
    first = import_paths([folder], root)
    written = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    assert first.count("imported") >= 12 and first.count("register") == 2
    assert first.count("not-gongwen") == 6
    # every written document carries review; the classified ones have no body and no attachments
    corpus = load_corpus(root)
    assert corpus.documents and all(d.review for d in corpus.documents)
    for fixture in ("classified-textbox", "kamisky-standard-secret"):
        expected = yaml.safe_load((FIXTURES / f"{fixture}.yml").read_text(encoding="utf-8"))
        [doc] = [d for d in corpus.documents if str(d.number) == expected["fields"]["number"]]
        assert doc.classification in ("秘密", "机密") and not any(t.strip() for _, t in doc.source.body)
        assert not doc.attachments
        everything = "\n".join(
            p.read_text(encoding="utf-8", errors="replace")
            for p in (root / "content").rglob("*")
            if p.suffix in (".md", ".csv")
        )
        for secret in expected["never_written"]:
            assert secret not in everything
    # the second run writes nothing and changes nothing
    second = import_paths([folder], root)
    assert second.count("imported") == 0 and second.count("register") == 0
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == written
