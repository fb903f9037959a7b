"""The rule catalogue is complete, documented and tested (SPEC §5)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.rules import RULES
from generator.rules.docs import render_markdown

REPO = Path(__file__).resolve().parent.parent
SPEC_CODES = re.compile(r"^\| ([FNDTSRPXZ]\d{3}) \| ([EW]) \|", re.M)


def spec_codes() -> dict[str, str]:
    spec = REPO.parent / "shared" / "SPEC.md"
    if not spec.exists():
        pytest.skip("shared/SPEC.md is not beside the repository")
    return dict(SPEC_CODES.findall(spec.read_text(encoding="utf-8")))


def test_every_spec_code_is_a_rule_with_the_spec_severity():
    codes = spec_codes()
    assert len(codes) >= 50
    assert sorted(codes) == sorted(RULES)
    for code, sev in codes.items():
        assert RULES[code].severity == {"E": "error", "W": "warning"}[sev], code


def test_every_rule_is_documented():
    for r in RULES.values():
        assert r.summary and len(r.why) > 20, r.code
        assert r.wrong.strip() and r.right.strip() and r.wrong != r.right, r.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.code
        assert r.check is not None, r.code


def _test_names() -> set[str]:
    names = set()
    for path in (REPO / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names.update(n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))
    return names


def test_every_rule_has_a_failing_and_a_passing_test():
    names = _test_names()
    for code in RULES:
        c = code.lower()
        assert any(n.startswith(f"test_{c}_fires") for n in names), f"no failing-input test for {code}"
        assert any(n.startswith(f"test_{c}_passes") for n in names), f"no passing-input test for {code}"


def test_rules_page_is_generated_from_the_catalogue():
    page = REPO / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == render_markdown(list(RULES.values())), (
        "docs/rules.md is stale: run  python -m generator rules --format markdown > docs/rules.md"
    )
