"""The shared table of loosely typed 发文字号 agrees with the Python normaliser.

The browser test checks the JavaScript port (govpub-search.js) against the same file, so the
two normalisers stay in sync.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.text.docnumber import normalise_doc_number

CASES = json.loads((Path(__file__).with_name("docnumber_cases.json")).read_text(encoding="utf-8"))["cases"]


def test_table_is_not_trivial():
    assert len(CASES) >= 30
    assert any(expected is None for _, expected in CASES)
    assert len({expected for _, expected in CASES if expected}) >= 5


@pytest.mark.parametrize("text, expected", CASES)
def test_python_normaliser_matches_table(text, expected):
    number = normalise_doc_number(text)
    assert (str(number) if number is not None else None) == expected
