"""R001–R004: regulation versions, their dates and the numbers they cite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.rules import RULES


def line_of(path: Path, needle: str) -> int:
    for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in text:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def only(corpus, code):
    found = corpus.findings(code)
    assert found, f"{code} did not fire"
    return found


def test_every_code_is_documented():
    for code in ("R001", "R002", "R003", "R004"):
        r = RULES[code]
        assert r.summary and r.why and r.wrong and r.right and r.name


# -- R001 ---------------------------------------------------------------------------


def test_r001_fires_when_file_name_differs_from_effective_on(corpus):
    corpus.regulation(versions={})
    path = corpus.version("kaoqin", "2025-03-01", effective_on=dt.date(2025, 4, 1))
    [d] = only(corpus, "R001")
    assert (d.path, d.severity) == ("regulations/kaoqin/2025-03-01.md", "error")
    assert d.line == line_of(path, "effective_on")
    assert "2025-04-01" in d.message and "2025-03-01" in d.message
    assert "regulations/kaoqin/2025-04-01.md" in d.message


def test_r001_passes_matching_name(corpus):
    corpus.regulation(versions={"2025-03-01": "第一条　甲。\n"})
    assert "R001" not in corpus.codes()


def test_r001_ignores_invalid_dates(corpus):
    corpus.regulation(versions={})
    corpus.version("kaoqin", "2025-03-01", effective_on="2025-02-30")  # D001's
    corpus.version("kaoqin", "2025-3-9", effective_on=dt.date(2025, 3, 1))  # F006's
    assert "R001" not in corpus.codes()


# -- R002 ---------------------------------------------------------------------------


def test_r002_fires_on_same_effective_date(corpus):
    corpus.regulation(versions={"2025-02-01": "第一条　甲。\n"})
    path = corpus.version("kaoqin", "2026-03-01", effective_on=dt.date(2025, 2, 1))
    [d] = only(corpus, "R002")
    assert (d.path, d.severity) == ("regulations/kaoqin/2026-03-01.md", "error")
    assert d.line == line_of(path, "effective_on")
    assert "2025-02-01.md" in d.message and "相同" in d.message


def test_r002_fires_on_earlier_effective_date(corpus):
    corpus.regulation(versions={"2025-02-01": "第一条　甲。\n"})
    corpus.version("kaoqin", "2026-03-01", effective_on=dt.date(2024, 12, 1))
    [d] = only(corpus, "R002")
    assert d.path == "regulations/kaoqin/2026-03-01.md" and "更早" in d.message


def test_r002_passes_increasing_dates_and_separate_regulations(corpus):
    corpus.regulation(versions={"2025-02-01": "第一条　甲。\n", "2026-03-01": "第一条　乙。\n"})
    corpus.regulation(slug="zhiban", title="值班制度", versions={"2025-02-01": "第一条　甲。\n"})
    assert "R002" not in corpus.codes()


def test_r002_only_reports_in_scope(corpus):
    corpus.regulation(versions={"2025-02-01": "第一条　甲。\n"})
    corpus.version("kaoqin", "2026-03-01", effective_on=dt.date(2025, 2, 1))
    assert "R002" not in corpus.codes(paths=["regulations/kaoqin/2025-02-01.md"])
    assert "R002" in corpus.codes(paths=["regulations/kaoqin/2026-03-01.md"])


# -- R003 ---------------------------------------------------------------------------


def test_r003_fires_on_version_after_repeal(corpus):
    corpus.regulation(
        versions={"2025-02-01": "第一条　甲。\n", "2026-03-01": "第一条　乙。\n"}, repealed_on=dt.date(2026, 1, 1)
    )
    [d] = only(corpus, "R003")
    assert (d.path, d.severity) == ("regulations/kaoqin/2026-03-01.md", "error")
    assert d.line == line_of(Path(corpus.root / d.path), "effective_on")
    assert "2026-01-01" in d.message and "repealed_on" in d.message


def test_r003_fires_on_version_on_the_repeal_day(corpus):
    corpus.regulation(versions={"2026-01-01": "第一条　甲。\n"}, repealed_on=dt.date(2026, 1, 1))
    [d] = only(corpus, "R003")
    assert "同一天" in d.message


def test_r003_passes_versions_before_repeal(corpus):
    corpus.regulation(
        versions={"2025-02-01": "第一条　甲。\n", "2025-12-31": "第一条　乙。\n"}, repealed_on=dt.date(2026, 1, 1)
    )
    assert "R003" not in corpus.codes()


# -- R004 ---------------------------------------------------------------------------


def test_r004_fires_on_unknown_issued_by(corpus):
    corpus.document()  # 区建发〔2025〕1号
    corpus.regulation(versions={})
    path = corpus.version("kaoqin", "2025-03-01", "第一条　甲。\n", issued_by="区建发〔2025〕9号")
    [d] = only(corpus, "R004")
    assert (d.path, d.severity) == ("regulations/kaoqin/2025-03-01.md", "warning")
    assert d.line == line_of(path, "issued_by")
    assert "区建发〔2025〕9号" in d.message and "找不到" in d.message


def test_r004_fires_on_unreadable_number(corpus):
    corpus.regulation(versions={})
    corpus.version("kaoqin", "2025-03-01", "第一条　甲。\n", issued_by="局长办公会通过")
    [d] = only(corpus, "R004")
    assert "不是可识别的发文字号" in d.message


def test_r004_fires_on_unknown_repealed_by(corpus):
    corpus.document()
    path = corpus.regulation(repealed_on=dt.date(2026, 1, 1), repealed_by="区建发〔2025〕40号")
    [d] = only(corpus, "R004")
    assert (d.path, d.severity) == ("regulations/kaoqin/regulation.yml", "warning")
    assert d.line == line_of(path, "repealed_by")


def test_r004_passes_known_numbers_in_any_written_form(corpus):
    corpus.document()  # 区建发〔2025〕1号
    corpus.document(slug="feizhi", number="区建发〔2025〕2号", title="关于废止机关考勤管理制度的通知")
    corpus.regulation(versions={}, repealed_on=dt.date(2026, 1, 1), repealed_by="区建发[2025]2号")
    corpus.version("kaoqin", "2025-03-01", "第一条　甲。\n", issued_by="区建发〔2025〕01号")
    assert "R004" not in corpus.codes()


def test_r004_counts_classified_register_entries(corpus):
    corpus.document(classification="秘密", disclosure="不予公开", withhold_reason="涉密", body="")
    corpus.regulation(versions={})
    corpus.version("kaoqin", "2025-03-01", "第一条　甲。\n", issued_by="区建发〔2025〕1号")
    assert "R004" not in corpus.codes()


def test_regulation_rules_survive_odd_values(corpus):
    corpus.regulation(versions={}, repealed_on="不详", repealed_by=["区建发〔2025〕1号"])
    corpus.version("kaoqin", "2025-03-01", "第一条　甲。\n", effective_on=[2025], issued_by={"a": 1})
    corpus.version("kaoqin", "2025-04-01", "第一条　甲。\n", effective_on="2025-04-01", issued_by=2025)
    codes = corpus.codes()
    assert not codes & {"R001", "R002", "R003"}
    assert "R004" in codes  # 2025 is not a document number
