"""Fuzzing: mutated sample files never crash `check` or `build` (fixed budget)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check_root
from generator.commands.sitebuild import build_checked
from generator.site.build import BuildRefused

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)
BUDGET = int(os.environ.get("GOVPUB_FUZZ_EXAMPLES", "60"))

SEED_FILES = [
    "content/site.yml",
    "content/documents/2025/kaoqin-zhidu-yinfa.md",
    "content/documents/2025/zhiban-banfa-yinfa.md",
    "content/documents/2025/dongji-shigong-anquan-jiancha.md",
    "regulations/kaoqin/regulation.yml",
    "regulations/kaoqin/2025-02-01.md",
    "regulations/kaoqin/2026-03-01.md",
    "content/disclosures/2026-Q4/wuye-fuwu-shoufei-zhengqiu-yijian.md",
]
SEED_FILES = [f for f in SEED_FILES if (REPO / f).exists()]

SPICE = [
    b"\x00",
    b"\xff\xfe",
    "〔".encode(),
    "第".encode(),
    b"---\n",
    b": ",
    b"&a ",
    b"*a",
    b"[",
    b"{",
    b"<script>",
    b"javascript:",
    b"\r\n",
    "\ufeff".encode(),
    b"2025-02-30",
    "（一）".encode(),
    "第九十九条　".encode(),
    b"\n## ",
    "附件：".encode(),
    b"../" * 5,
]


@st.composite
def mutation(draw):
    target = draw(st.sampled_from(SEED_FILES))
    ops = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["flip", "insert", "delete", "dup", "spice"]),
                st.floats(0, 1),
                st.integers(1, 64),
                st.binary(max_size=8),
                st.sampled_from(SPICE),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return target, ops


def apply(data: bytes, ops) -> bytes:
    for op, where, size, payload, spice in ops:
        at = int(where * len(data)) if data else 0
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1 :]
        elif op == "insert":
            data = data[:at] + payload + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + size :]
        elif op == "dup":
            data = data[:at] + data[at : at + size] * 3 + data[at:]
        else:
            data = data[:at] + spice + data[at:]
    return data


@pytest.mark.slow
@settings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation())
def test_mutated_corpus_never_crashes_check_or_build(tmp_path_factory, case):
    target, ops = case
    root = tmp_path_factory.mktemp("fuzz")
    for rel in SEED_FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / rel, root / rel)
    path = root / target
    path.write_bytes(apply(path.read_bytes(), ops))
    result = check_root(root, AS_OF)  # must not raise
    for d in result.diagnostics:
        assert d.line >= 1 and d.path and d.code and d.message
    out = root.parent / (root.name + "-site")
    try:
        build_checked(root, AS_OF, out, corpus=result.corpus)
    except BuildRefused:
        assert result.errors and not out.exists()
    else:
        assert not result.errors and (out / "index.html").exists()
