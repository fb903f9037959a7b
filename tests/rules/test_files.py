"""F001–F006: reading files, their keys and their place in the tree."""

from __future__ import annotations

import datetime as dt


def only(corpus, code):
    found = corpus.findings(code)
    assert found, f"{code} did not fire"
    return found


# -- F001 ---------------------------------------------------------------------


def test_f001_fires_on_gbk_file_with_conversion_hint(corpus):
    text = "---\nnumber: 区建发〔2025〕1号\ntitle: 关于加强值班管理的通知\n---\n正文\n"
    corpus.write("content/documents/2025/gbk.md", text.encode("gb18030"))
    [d] = only(corpus, "F001")
    assert d.path == "content/documents/2025/gbk.md"
    assert d.severity == "error"
    assert d.line == 2  # the first non-ASCII byte is on line 2
    assert "GBK" in d.message and "iconv" in d.message


def test_f001_fires_on_binary_file(corpus):
    corpus.write("content/documents/2025/bin.md", b"---\ntitle: x\n---\n\x00\x01\x02")
    [d] = only(corpus, "F001")
    assert d.line == 4 and "NUL" in d.message


def test_f001_passes_utf8_with_bom_and_crlf(corpus):
    path = corpus.document()
    data = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + data)
    result = corpus.check()
    assert "F001" not in {d.code for d in result.diagnostics}
    assert "F002" not in {d.code for d in result.diagnostics}
    [doc] = result.corpus.documents
    assert doc.title == "关于加强机关值班管理的通知"
    assert doc.source.line_of("title") == 3


# -- F002 ---------------------------------------------------------------------


def test_f002_fires_on_missing_front_matter(corpus):
    corpus.write("content/documents/2025/plain.md", "关于加强值班管理的通知\n正文\n")
    [d] = only(corpus, "F002")
    assert d.line == 1 and "---" in d.message


def test_f002_fires_on_yaml_syntax_error_at_its_line(corpus):
    corpus.md("content/documents/2025/bad.md", "number: 区建发〔2025〕1号\ntitle: [未闭合\ndoc_type: 通知\n", "正文\n")
    [d] = only(corpus, "F002")
    assert d.severity == "error"
    assert 3 <= d.line <= 5


def test_f002_fires_on_duplicate_key(corpus):
    corpus.md("content/documents/2025/dup.md", "number: 区建发〔2025〕1号\ntitle: 甲\ntitle: 乙\n", "正文\n")
    [d] = only(corpus, "F002")
    assert d.line == 4 and "重复" in d.message


def test_f002_fires_on_yaml_alias(corpus):
    corpus.md("content/documents/2025/alias.md", "number: &n 区建发〔2025〕1号\ntitle: *n\n", "正文\n")
    [d] = only(corpus, "F002")
    assert "锚点" in d.message


def test_f002_fires_on_unclosed_front_matter(corpus):
    corpus.write("content/documents/2025/open.md", "---\ntitle: 关于值班的通知\n正文\n")
    assert only(corpus, "F002")[0].line == 1


def test_f002_passes_valid_document(corpus):
    corpus.document()
    assert "F002" not in corpus.codes()


# -- F003 ---------------------------------------------------------------------


def test_f003_fires_on_misspelt_key_with_suggestion(corpus):
    corpus.document(publish_on=dt.date(2025, 3, 6))
    [d] = only(corpus, "F003")
    assert d.line == 7
    assert "publish_on" in d.message and "published_on" in d.message


def test_f003_fires_on_unknown_attachment_key(corpus):
    corpus.document(attachments=[{"title": "值班表", "path": "x.md"}])
    [d] = only(corpus, "F003")
    assert "path" in d.message


def test_f003_passes_known_keys(corpus):
    corpus.document(published_on=dt.date(2025, 3, 6), topics=["值班"], cc="区政府办公室")
    assert "F003" not in corpus.codes()


# -- F004 ---------------------------------------------------------------------


def test_f004_fires_on_missing_number(corpus):
    corpus.document(drop=("number",))
    [d] = only(corpus, "F004")
    assert d.line == 1 and "number" in d.message


def test_f004_fires_on_empty_title_at_its_line(corpus):
    corpus.document(title="")
    [d] = only(corpus, "F004")
    assert d.line == 3 and "title" in d.message


def test_f004_fires_on_prompt_item_without_completed_on(corpus):
    corpus.disclosure(kind="prompt")
    assert any("completed_on" in d.message for d in only(corpus, "F004"))


def test_f004_fires_on_site_without_fonds(corpus):
    corpus.site(fonds=None)
    [d] = only(corpus, "F004")
    assert d.path == "content/site.yml" and "fonds" in d.message


def test_f004_passes_complete_files(corpus):
    corpus.document()
    corpus.disclosure(kind="prompt", completed_on=dt.date(2025, 4, 1))
    assert "F004" not in corpus.codes()


# -- F005 ---------------------------------------------------------------------


def test_f005_fires_on_value_outside_allowed_set(corpus):
    corpus.document(retention="长期")
    [d] = only(corpus, "F005")
    assert d.line == 7 and "永久" in d.message and "30年" in d.message


def test_f005_fires_on_unregistered_department(corpus):
    corpus.document(department="信息中心")
    [d] = only(corpus, "F005")
    assert "信息中心" in d.message and "办公室" in d.message


def test_f005_fires_on_unknown_regulation_slug(corpus):
    corpus.regulation("kaoqin")
    corpus.document(regulation="kaoqing")
    [d] = only(corpus, "F005")
    assert "kaoqin" in d.message


def test_f005_fires_on_list_where_string_expected(corpus):
    corpus.document(signer=["王建国", "李明华"])
    assert only(corpus, "F005")


def test_f005_passes_allowed_values(corpus):
    corpus.document(retention="30年", classification="公开", department="财务审计科")
    assert "F005" not in corpus.codes()


# -- F006 ---------------------------------------------------------------------


def test_f006_fires_on_year_folder_not_matching_signed_on(corpus):
    corpus.document(year=2024)
    [d] = only(corpus, "F006")
    assert d.path == "content/documents/2024/zhiban-tongzhi.md"
    assert "content/documents/2025/" in d.message


def test_f006_fires_on_bad_slug(corpus):
    corpus.document(slug="ZhiBan_TongZhi")
    [d] = only(corpus, "F006")
    assert "ZhiBan_TongZhi" in d.message


def test_f006_fires_on_bad_quarter_folder(corpus):
    corpus.disclosure(posting="2025-q2")
    [d] = only(corpus, "F006")
    assert "2025-q2" in d.message


def test_f006_fires_on_bad_version_file_name(corpus):
    corpus.regulation("kaoqin", versions={})
    corpus.version("kaoqin", "2025-3-1", effective_on=dt.date(2025, 3, 1))
    assert any(d.path == "regulations/kaoqin/2025-3-1.md" for d in only(corpus, "F006"))


def test_f006_fires_on_missing_site_yml(corpus):
    (corpus.root / "content/site.yml").unlink()
    corpus.document()
    assert any(d.path == "content/site.yml" for d in only(corpus, "F006"))


def test_f006_passes_well_placed_files(corpus):
    corpus.document()
    corpus.disclosure()
    corpus.regulation()
    assert "F006" not in corpus.codes()


def test_unreadable_value_never_counts_as_public(corpus):
    corpus.document(classification="公 开")
    [doc] = corpus.check().corpus.documents
    assert doc.classification != "公开" and doc.disclosure == "不予公开"
