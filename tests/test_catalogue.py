"""The rule catalogue is complete, documented and tested (docs/rules.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from generator.rules import RULES
from generator.rules.docs import render_markdown

REPO = Path(__file__).resolve().parent.parent
#: The contract's rule catalogue: code and severity (E error, W warning).
CONTRACT = """
F001:E F002:E F003:E F004:E F005:E F006:E F007:E N001:E N002:E
N003:E N004:E N005:E N006:E N007:E N008:E N009:W N010:W
N011:W N012:W D001:E D002:E D003:W D004:W T001:E T002:W
T003:E T004:E T005:E T006:W S001:E S002:W S003:E S004:E
S005:E S006:E S007:E S008:E R001:E R002:E R003:E R004:W
P001:E P002:E P003:W P004:E P005:W X001:E X002:E X003:E
X004:E X005:E X006:E Z001:W Z002:W
I001:W K001:W S009:E S010:W T007:W Z003:W Z004:W T008:W A001:W
"""


def spec_codes() -> dict[str, str]:
    return dict(pair.split(":") for pair in CONTRACT.split())


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


def test_readme_lists_the_whole_catalogue():
    from generator.rules.docs import render_table

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = "\n".join(render_table(list(RULES.values()), "docs/rules.md"))
    assert f"<!-- rules-table:start -->\n{table}\n<!-- rules-table:end -->" in readme, (
        "README's rule table is stale: regenerate it from generator.rules.docs.render_table"
    )
