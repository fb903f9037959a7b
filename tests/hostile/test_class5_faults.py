"""Class 5 — faults: a kill at any step of publishing leaves a complete site (or volume), and
the next run cleans up. Kills are real: a child process runs the build with the publishing
steps wrapped so that the k-th one calls os._exit before doing its work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .helpers import AS_OF

REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import datetime as dt, os, shutil, sys
    sys.path.insert(0, {repo!r})
    import generator.site.incremental as inc
    from generator.commands.sitebuild import build_checked
    kill_at, mode = int(sys.argv[1]), sys.argv[2]
    count = [0]
    names = []
    def step(fn):
        def wrapped(*a, **k):
            count[0] += 1
            names.append(fn.__name__)
            if count[0] == kill_at:
                os._exit(137)
            return fn(*a, **k)
        return wrapped
    if mode == "renames":
        inc.exchange = lambda a, b: False  # a system without RENAME_EXCHANGE
    elif hasattr(inc, "exchange"):
        inc.exchange = step(inc.exchange)
    inc.os = type(os)("os_proxy"); inc.os.__dict__.update(os.__dict__)
    inc.os.replace = step(os.replace)
    inc.shutil = type(shutil)("shutil_proxy"); inc.shutil.__dict__.update(shutil.__dict__)
    inc.shutil.rmtree = step(shutil.rmtree)
    inc.BuildState.write = step(inc.BuildState.write)
    build_checked(sys.argv[3], dt.date(2026, 11, 23), sys.argv[4], downloads=False, parallel=False)
    print("steps", " ".join(names))
""")


def _run(kill_at: int, mode: str, root: Path, out: Path, tmp: Path) -> subprocess.CompletedProcess:
    script = tmp / "child.py"
    script.write_text(CHILD.format(repo=str(REPO)), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), str(kill_at), mode, str(root), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _scenario(corpus, tmp_path):
    """A published site, then an edit: the next build publishes a different site."""
    from generator.commands.sitebuild import build_checked

    corpus.document()
    corpus.regulation()
    out = tmp_path / "site"
    build_checked(corpus.root, AS_OF, out, downloads=False, parallel=False)
    old = _tree(out)
    corpus.document(slug="second", number="区建发〔2025〕2号", title="关于新增值班人员的通知")
    return out, old


def _steps(corpus, tmp_path, mode: str) -> list[str]:
    """The names of the wrapped publishing steps, in the order a build calls them."""
    out, _old = _scenario(corpus, tmp_path / "count")
    proc = _run(0, mode, corpus.root, out, tmp_path)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split("steps", 1)[1].split()


def _check_kill(corpus, tmp_path, mode: str, k: int) -> list[str]:
    """Kill the build at step ``k``; what went wrong (nothing, on a sound publisher)."""
    from generator.commands.sitebuild import build_checked

    problems = []
    base = tmp_path / f"k{k}"
    out, old = _scenario(corpus, base)
    new_ref = base / "ref"
    build_checked(corpus.root, AS_OF, new_ref, downloads=False, parallel=False, incremental_ok=False)
    new = _tree(new_ref)
    proc = _run(k, mode, corpus.root, out, tmp_path)
    assert proc.returncode in (0, 137), proc.stderr
    if mode == "exchange" or proc.returncode == 0:
        if not out.is_dir():
            problems.append(f"killed at step {k}: no site")
        elif _tree(out) not in (old, new):
            problems.append(f"killed at step {k}: a mixed site")
    # the next run repairs and cleans up, and publishes the new site
    build_checked(corpus.root, AS_OF, out, downloads=False, parallel=False)
    if _tree(out) != new:
        problems.append(f"killed at step {k}: the next run did not publish the new site")
    leftovers = [p.name for p in base.iterdir() if ".build-" in p.name]
    leftovers += [p.name for p in (base / ".site.govpub").iterdir() if p.name.startswith("old")]
    if leftovers:
        problems.append(f"killed at step {k}: the next run left {leftovers}")
    return problems


@pytest.mark.slow
def test_kill_at_the_exchange_and_right_after_it_leaves_a_complete_site(corpus, tmp_path):
    steps = _steps(corpus, tmp_path, "exchange")
    k = steps.index("exchange") + 1
    assert _check_kill(corpus, tmp_path, "exchange", k) == []  # before the swap
    assert _check_kill(corpus, tmp_path, "exchange", k + 1) == []  # swapped, state not yet written


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["exchange", "renames"])
def test_kill_at_every_publishing_step_leaves_a_complete_site(corpus, tmp_path, mode):
    steps = _steps(corpus, tmp_path, mode)
    assert len(steps) >= 4, steps
    problems = []
    for k in range(1, len(steps) + 1):
        problems += _check_kill(corpus, tmp_path, mode, k)
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_two_rename_fallback_killed_between_renames_is_repaired_by_the_next_run(corpus, tmp_path):
    from generator.site.incremental import SiteCache

    out, old = _scenario(corpus, tmp_path)
    cache = SiteCache(out.resolve())
    cache.dir.mkdir(exist_ok=True)
    os.replace(out, cache.aside)  # what a kill right after the first rename leaves
    assert not out.exists()
    done = cache.recover()
    assert done == ["restored"] and _tree(out) == old


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    from generator.outputs import exchange

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x").write_text("a"), (b / "x").write_text("b")
    if not exchange(a, b):
        pytest.skip("this system has no renameat2(RENAME_EXCHANGE); the two-rename fallback is used")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def _fake_volume(folder: Path) -> None:
    """A volume as an earlier export leaves it (recognised by its manifest.json)."""
    folder.mkdir()
    (folder / "J012-WS·2025-Y-BGS-0001.docx").write_bytes(b"PK\x03\x04 old volume")
    (folder / "manifest.json").write_text(
        json.dumps(
            {"全宗号": "J012", "年度": 2025, "门类": "WS", "文件": [{"文件名": "J012-WS·2025-Y-BGS-0001.docx"}]},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


def test_volume_killed_between_its_renames_then_a_failed_export_keeps_the_volume(corpus, tmp_path):
    """The old volume was renamed aside, the process died; the next export refuses (the corpus
    has an error), and the user still has the volume in its place."""
    from generator.check import check_corpus, check_root
    from generator.docx.volume import VolumeError, export_volume

    out = tmp_path / "vol"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    _fake_volume(tmp_path / f".vol.govpub-old-{pid}-0123abcd")
    corpus.document(signed_on="2025-02-30")  # D001: the export refuses
    with pytest.raises(VolumeError):
        loaded = check_root(corpus.root, AS_OF).corpus
        export_volume(loaded, 2025, out, lambda: check_corpus(loaded, AS_OF).diagnostics, pdfa=False)
    assert (out / "J012-WS·2025-Y-BGS-0001.docx").read_bytes() == b"PK\x03\x04 old volume"


def test_volume_replace_exchanges_and_never_leaves_the_folder_missing(tmp_path):
    from generator.docx.volume import folder as volume

    out, new = tmp_path / "vol", tmp_path / ".vol.govpub-1-0123abcd"
    _fake_volume(out)
    new.mkdir()
    (new / "manifest.json").write_text("{}")
    calls = []
    real = volume.exchange
    volume.exchange = lambda a, b: calls.append(out.exists()) or real(a, b)
    try:
        volume.replace_dir(new, out)
    finally:
        volume.exchange = real
    assert calls == [True] and (out / "manifest.json").read_text() == "{}" and not new.exists()
