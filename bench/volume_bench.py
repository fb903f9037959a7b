"""Benchmark ``govpub export volume`` on a synthetic year of 1,000+ documents.

    .venv/bin/python bench/volume_bench.py [--documents N] [--lanes K] [--no-pdfa] [--twice]

Generates a corpus with :func:`testkit.synth.synth_corpus` (all documents in one year,
2026), then exports that year's volume without PDF/A and with PDF/A, each in a fresh Python
process so that peak memory and CPU time are its own. Prints for each run: wall time, the
phases (check, write, render, catalogue, pdf, package), wall and CPU milliseconds per item,
peak memory of the Python process and of the largest LibreOffice process
(``resource.getrusage``), how many items LibreOffice paginated differently from the writer's
estimate (written and rendered twice). ``--twice`` exports each configuration a second time
and reports whether every file came out byte-identical.

Needs LibreOffice (soffice on PATH).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEAR = 2026


def _one_run(root: str, out: str, pdfa: bool, lanes: int | None) -> dict:
    """Runs inside a child process: one export, its costs as JSON."""
    from generator.check import check_corpus
    from generator.corpus.loader import load_corpus
    from generator.docx.volume import export_volume, verify_manifest

    t0 = time.perf_counter()
    corpus = load_corpus(root)
    load_s = time.perf_counter() - t0
    result = export_volume(
        corpus, YEAR, Path(out), lambda: check_corpus(corpus, dt.date(2026, 12, 31)).diagnostics, pdfa=pdfa, lanes=lanes
    )
    wall = time.perf_counter() - t0
    problems = verify_manifest(out)
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "items": len(result.items),
        "files": len(result.files),
        "pdfa": result.pdfa,
        "engine": result.engine,
        "rerendered": result.rerendered,
        "load_s": load_s,
        "wall_s": wall,
        "timings": result.timings,
        "cpu_self_s": me.ru_utime + me.ru_stime,
        "cpu_children_s": kids.ru_utime + kids.ru_stime,
        "maxrss_self_mb": me.ru_maxrss / 1024,
        "maxrss_children_mb": kids.ru_maxrss / 1024,
        "manifest_problems": len(problems),
        "warnings": result.warnings,
    }


def _spawn(root: Path, out: Path, pdfa: bool, lanes: int | None) -> dict:
    cmd = [sys.executable, __file__, "--_run", str(root), str(out), "1" if pdfa else "0", str(lanes or 0)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"export failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _same(a: Path, b: Path) -> tuple[int, list[str]]:
    names = sorted(p.name for p in a.iterdir())
    diff = [n for n in names if not (b / n).is_file() or (a / n).read_bytes() != (b / n).read_bytes()]
    return len(names), diff


def _report(label: str, r: dict) -> None:
    n = r["items"]
    cpu = r["cpu_self_s"] + r["cpu_children_s"]
    print(f"\n{label}: {n} items, {r['files']} files, LibreOffice driven by {r['engine']!r}")
    print(f"  wall {r['wall_s']:.1f} s (corpus load {r['load_s']:.1f} s) = {r['wall_s'] / n * 1000:.1f} ms per item")
    print(
        f"  CPU {cpu:.1f} s (Python {r['cpu_self_s']:.1f} s, LibreOffice and workers "
        f"{r['cpu_children_s']:.1f} s) = {cpu / n * 1000:.1f} ms per item"
    )
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in r["timings"].items() if k != "total")
    print(f"  phases: {phases}")
    print(f"  peak memory: Python {r['maxrss_self_mb']:.0f} MB, largest child process {r['maxrss_children_mb']:.0f} MB")
    print(f"  items rendered twice (estimate differed): {r['rerendered']}; manifest problems: {r['manifest_problems']}")
    for w in r["warnings"]:
        print(f"  warning: {w}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--documents",
        type=int,
        default=1050,
        help="documents in the synthetic year (register entries included; default 1050, which gives about 1,015 items)",
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lanes", type=int, default=0, help="LibreOffice processes (default: CPU count, max 4)")
    ap.add_argument("--no-pdfa", action="store_true", help="only the export without PDF/A")
    ap.add_argument("--twice", action="store_true", help="export again and compare every byte")
    ap.add_argument("--keep", metavar="DIR", help="keep the corpus and volumes in DIR")
    ap.add_argument("--_run", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._run:
        root, out, pdfa, lanes = args._run
        print(json.dumps(_one_run(root, out, pdfa == "1", int(lanes) or None)))
        return 0

    from generator.office.libreoffice import soffice_path
    from testkit.synth import synth_corpus

    if soffice_path() is None:
        sys.exit("LibreOffice (soffice) is not on PATH: the volume export needs it")
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govpub-volbench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        corpus = base / "corpus"
        t0 = time.perf_counter()
        stats = synth_corpus(corpus, documents=args.documents, years=1, seed=args.seed)
        print(
            f"synthetic corpus: {stats.documents} documents in {YEAR}, {stats.register_entries} of them "
            f"classified register entries ({time.perf_counter() - t0:.1f} s to generate); "
            f"{os.cpu_count()} CPUs"
        )
        configs = [("without PDF/A", False)] + ([] if args.no_pdfa else [("with PDF/A-2b", True)])
        for label, pdfa in configs:
            out = base / f"volume-{'pdfa' if pdfa else 'docx'}"
            result = _spawn(corpus, out, pdfa, args.lanes or None)
            _report(label, result)
            if args.twice:
                out2 = base / f"volume-{'pdfa' if pdfa else 'docx'}-2"
                again = _spawn(corpus, out2, pdfa, args.lanes or None)
                total, diff = _same(out, out2)
                print(
                    f"  second export: {again['wall_s']:.1f} s; {total - len(diff)} of {total} files "
                    f"byte-identical" + (f"; different: {', '.join(diff[:5])}" if diff else "")
                )
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
