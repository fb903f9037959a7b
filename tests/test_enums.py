"""Severities, kinds and statuses are enumerations whose values are the strings the files,
the JSON output and the pages have always used (SPEC §5, docs/corpus.md)."""

import json

import pytest

from generator.diagnostics import Diagnostic, Severity, format_json
from generator.publish import RegulationStatus
from generator.rules.registry import RULES, rule
from generator.schema import (
    CLASSIFICATIONS,
    DISCLOSURE_KINDS,
    DISCLOSURES,
    DOC_STATUSES,
    FIELDS_BY_KIND,
    SECRET_LEVELS,
    Classification,
    DisclosureKind,
    DisclosureStatus,
    DocStatus,
    FileKind,
)


def test_values_are_the_documented_strings():
    assert [s.value for s in Severity] == ["error", "warning", "acknowledged"]
    assert DOC_STATUSES == ("有效", "失效", "废止")
    assert DISCLOSURE_KINDS == ("regular", "prompt", "pre")
    assert CLASSIFICATIONS == ("公开", "内部", "秘密", "机密", "绝密")
    assert SECRET_LEVELS == ("秘密", "机密", "绝密")
    assert DISCLOSURES == ("主动公开", "依申请公开", "不予公开")
    assert [s.value for s in RegulationStatus] == ["现行有效", "已修订", "尚未施行", "已废止"]
    assert set(FIELDS_BY_KIND) == {k.value for k in FileKind} - {"attachment"}


def test_members_equal_and_hash_like_their_strings():
    for member in (
        Severity.ERROR,
        DocStatus.VALID,
        DisclosureKind.PRE,
        Classification.PUBLIC,
        DisclosureStatus.WITHHELD,
        RegulationStatus.IN_FORCE,
        FileKind.DOCUMENT,
    ):
        assert member == member.value and hash(member) == hash(member.value)
        assert str(member) == f"{member}" == member.value
    assert FIELDS_BY_KIND["document"] is FIELDS_BY_KIND[FileKind.DOCUMENT]


def test_json_output_is_unchanged():
    d = Diagnostic(path="content/documents/2025/a.md", line=3, code="N001", severity="error", message="文号")
    assert d.severity is Severity.ERROR
    out = json.loads(format_json([d], 1))
    assert out["diagnostics"] == [
        {"path": "content/documents/2025/a.md", "line": 3, "code": "N001", "severity": "error", "message": "文号"}
    ]
    assert '"severity": "error"' in format_json([d], 1)


def test_unknown_severity_is_refused():
    with pytest.raises(ValueError):
        Diagnostic(path="a.md", line=1, code="N001", severity="fatal", message="")
    with pytest.raises(ValueError):
        rule("Q999", "fatal", "x", summary="", why="", wrong="", right="")
    assert "Q999" not in RULES


def test_rules_carry_enumerated_severities():
    assert RULES and all(type(r.severity) is Severity for r in RULES.values())
    assert {r.severity for r in RULES.values()} == {Severity.ERROR, Severity.WARNING}
