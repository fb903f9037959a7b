"""Benchmark ``govpub import docx`` on a folder of Word files, and print the import fidelity.

    .venv/bin/python bench/import_bench.py [-n 1000] [--keep] [--no-fidelity]

Makes N Word files in a temporary folder tree (variants of the look-alike fixtures in
tests/fixtures/import: WPS styles, text-box headers, joint headers, automatic numbering, letters,
minutes, images, personal data — each with its own 发文字号), then runs
``python -m generator --root R import docx FOLDER --report R/report.md`` in a fresh process and
prints wall time, files per second and peak memory (``ru_maxrss`` of that process, by
``os.wait4``); then runs the same import again (nothing new may be written). Finally the fidelity
on the fixtures: fields right / fields expected in the corpus files the import writes, read back
with the corpus loader, as in tests/importer/test_fixtures.py (rules in testkit/import_fidelity.py).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
TEMPLATES = (
    "wps-meeting-notice",
    "word-auto-numbering",
    "joint-table-header",
    "letter-format",
    "personal-data",
    "title-after-recipients",
    "minutes-lookalike",
    "textbox-request",
    "wps-decision-joint",
    "classified-textbox",
)
NUMBER_RE = re.compile(r"〔(\d{4})〕(\d+)号")


def make_files(folder: Path, n: int) -> None:
    templates = []
    for name in TEMPLATES:
        with zipfile.ZipFile(FIXTURES / f"{name}.docx") as z:
            templates.append({i.filename: z.read(i.filename) for i in z.infolist()})
    for k in range(n):
        parts = templates[k % len(templates)]
        sub = folder / f"{2015 + k % 10}年" / f"第{k // 100 + 1}批"
        sub.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(sub / f"文件{k + 1:05d}.docx", "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                if name == "word/document.xml":
                    data = NUMBER_RE.sub(lambda m, k=k: f"〔{m.group(1)}〕{k + 1}号", data.decode("utf-8")).encode(
                        "utf-8"
                    )
                z.writestr(name, data)


def run(cmd: list[str]) -> tuple[float, float, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"import failed: {cmd}")
    return wall, usage.ru_maxrss / 1024, out.strip().split("\n")[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--no-fidelity", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        folder, corpus = tmp / "legacy", tmp / "corpus"
        (corpus / "content").mkdir(parents=True)
        shutil.copy(ROOT / "content" / "site.yml", corpus / "content" / "site.yml")
        t0 = time.perf_counter()
        make_files(folder, args.n)
        print(f"made {args.n} Word files in {time.perf_counter() - t0:.1f} s ({folder})")
        cmd = [sys.executable, "-m", "generator", "--root", str(corpus), "import", "docx", str(folder)]
        wall, peak, summary = run(cmd + ["--report", str(corpus / "report.md")])
        written = len(list((corpus / "content" / "documents").rglob("*.md")))
        print(
            f"first run:  {wall:.1f} s wall, {args.n / wall:.0f} files/s, {1000 * wall / args.n:.1f} ms/file, "
            f"peak {peak:.0f} MB; {written} corpus files written"
        )
        print(f"            {summary}")
        before = {p: p.stat().st_mtime_ns for p in (corpus / "content").rglob("*") if p.is_file()}
        wall2, peak2, summary2 = run(cmd)
        after = {p: p.stat().st_mtime_ns for p in (corpus / "content").rglob("*") if p.is_file()}
        print(
            f"second run: {wall2:.1f} s wall, peak {peak2:.0f} MB; "
            f"{'nothing written or changed' if before == after else 'FILES CHANGED'}"
        )
        print(f"            {summary2}")
        report = corpus / "report.md"
        print(
            f"report: {report.stat().st_size // 1024} kB Markdown + "
            f"{report.with_suffix('.csv').stat().st_size // 1024} kB CSV"
        )
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if not args.no_fidelity:
        sys.path.insert(0, str(ROOT))
        from testkit.import_fidelity import score

        s = score()
        print(f"fidelity of the written files: {s.line()}")
        for w in s.wrong:
            print("  wrong:", w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
