"""Benchmark the DOCX writers and the LibreOffice rendering used to check them.

    .venv/bin/python bench/docx_bench.py [--root DIR] [-n N] [--no-render]
    .venv/bin/python bench/docx_bench.py --volume 1000 [--repeat 3] [--seed 1]

Prints, for the sample corpus (or --root):
* writing: every document and regulation version written N times to memory; mean and
  slowest per-document milliseconds (the first pass, which loads jieba for title breaking,
  is reported separately);
* rendering: all files converted to PDF by one LibreOffice run, and one file alone (the
  start-up cost), per-document seconds; then measuring the PDFs with pdfplumber.

With ``--volume N``: the Python side of ``export volume`` only. A synthetic corpus of N
documents in one year (2026) is generated into a temporary directory; then, ``--repeat``
times, a fresh process loads it, plans the volume, warms up (jieba's dictionary and one
item) and writes every item once with ``volume.items.item_docx`` (the DOCX with its 归档章, as the
volume export does), printing wall and CPU milliseconds per document; the summary is the
median. Each item is written once per process, as in a real export, so the writer's
caches only help where documents really share text.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.corpus.loader import load_corpus  # noqa: E402
from generator.docx import write_document, write_regulation  # noqa: E402
from generator.docx.render_check import measure_pdf  # noqa: E402
from generator.office.libreoffice import docx_to_pdfs, soffice_path  # noqa: E402


def items(corpus):
    for doc in corpus.documents:
        yield f"doc {doc.slug}", lambda out, d=doc: write_document(d, corpus.agency, out, corpus_root=corpus.root)
    for slug, reg in corpus.regulations.items():
        for version in reg.versions:
            yield (
                f"reg {slug} {version.file_date}",
                (lambda out, r=reg, v=version: write_regulation(r, v, corpus.agency, out)),
            )


VOLUME_YEAR = 2026


def volume_pass(root: str) -> dict:
    """One timed pass of the volume item writer over a corpus (run in a fresh process)."""
    from generator.docx.measure import _segmenter
    from generator.docx.volume import plan_volume
    from generator.docx.volume.items import item_docx

    corpus = load_corpus(root)
    items = plan_volume(corpus, VOLUME_YEAR)
    _segmenter()  # jieba's dictionary: a one-off cost, not per document
    item_docx(corpus, items[0], pages=None)
    wall, cpu = time.perf_counter(), time.process_time()
    for item in items:
        item_docx(corpus, item, pages=None)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"items": len(items), "wall_ms": wall * 1000 / len(items), "cpu_ms": cpu * 1000 / len(items)}


def volume_bench(documents: int, repeat: int, seed: int) -> int:
    from testkit.synth import synth_corpus

    with tempfile.TemporaryDirectory(prefix="govpub-docx-bench-") as tmp:
        root = Path(tmp) / "corpus"
        t = time.perf_counter()
        synth_corpus(root, documents=documents, years=1, seed=seed)
        print(f"synthetic corpus: {documents} documents, seed {seed} ({time.perf_counter() - t:.1f} s)")
        runs = []
        for i in range(repeat):
            load = os.getloadavg()[0]
            out = subprocess.run(
                [sys.executable, __file__, "--volume-pass", str(root)], check=True, capture_output=True, text=True
            ).stdout
            run = json.loads(out.strip().splitlines()[-1])
            runs.append(run)
            print(
                f"  run {i + 1}: {run['items']} items, {run['wall_ms']:.1f} ms per document "
                f"(CPU {run['cpu_ms']:.1f} ms; load before {load:.2f})"
            )
    print(
        f"volume item writer: median {statistics.median(r['wall_ms'] for r in runs):.1f} ms per document "
        f"(CPU {statistics.median(r['cpu_ms'] for r in runs):.1f} ms), {repeat} runs, {os.cpu_count()} cores"
    )
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=str(ROOT), help="corpus root (default: the sample corpus)")
    ap.add_argument("-n", type=int, default=5, help="passes over all files (default 5)")
    ap.add_argument("--no-render", action="store_true", help="skip the LibreOffice part")
    ap.add_argument(
        "--volume", type=int, metavar="N", help="time the volume item writer on a synthetic year of N documents instead"
    )
    ap.add_argument("--repeat", type=int, default=3, help="with --volume: fresh processes (default 3)")
    ap.add_argument("--seed", type=int, default=1, help="with --volume: synthetic corpus seed (default 1)")
    ap.add_argument("--volume-pass", metavar="ROOT", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.volume_pass:
        print(json.dumps(volume_pass(args.volume_pass)))
        return 0
    if args.volume:
        return volume_bench(args.volume, args.repeat, args.seed)

    t0 = time.perf_counter()
    corpus = load_corpus(args.root)
    load_s = time.perf_counter() - t0
    work = list(items(corpus))
    print(
        f"corpus: {len(corpus.documents)} documents, "
        f"{sum(len(r.versions) for r in corpus.regulations.values())} regulation versions "
        f"(loaded in {load_s * 1000:.0f} ms)"
    )

    # first pass: includes one-off costs (jieba dictionary for title breaking, imports)
    t0 = time.perf_counter()
    sizes = {}
    for name, write in work:
        buf = io.BytesIO()
        write(buf)
        sizes[name] = len(buf.getvalue())
    first_s = time.perf_counter() - t0
    print(f"first pass: {first_s * 1000:.0f} ms for {len(work)} files (one-off set-up included)")

    per_file: dict[str, list[float]] = {name: [] for name, _ in work}
    t0 = time.perf_counter()
    for _ in range(args.n):
        for name, write in work:
            t = time.perf_counter()
            write(io.BytesIO())
            per_file[name].append((time.perf_counter() - t) * 1000)
    total_s = time.perf_counter() - t0
    means = {name: statistics.mean(v) for name, v in per_file.items()}
    docs = [v for k, v in means.items() if k.startswith("doc")]
    regs = [v for k, v in means.items() if k.startswith("reg")]
    print(f"write x{args.n}: {total_s:.2f} s, {total_s * 1000 / (args.n * len(work)):.1f} ms per file")
    print(
        f"  documents:   mean {statistics.mean(docs):.1f} ms, median {statistics.median(docs):.1f} ms,"
        f" max {max(docs):.1f} ms"
    )
    if regs:
        print(f"  regulations: mean {statistics.mean(regs):.1f} ms, max {max(regs):.1f} ms")
    slowest = sorted(means.items(), key=lambda kv: -kv[1])[:3]
    print("  slowest: " + ", ".join(f"{k} {v:.1f} ms" for k, v in slowest))
    print(
        f"  output size: mean {statistics.mean(sizes.values()) / 1024:.1f} KiB,"
        f" max {max(sizes.values()) / 1024:.1f} KiB"
    )

    if args.no_render:
        return 0
    if soffice_path() is None:
        print("rendering: skipped (soffice is not on PATH)")
        return 0
    with tempfile.TemporaryDirectory(prefix="govpub-bench-") as tmp:
        tmp_path = Path(tmp)
        paths = []
        for i, (_name, write) in enumerate(work):
            path = tmp_path / f"f{i:03d}.docx"
            write(path)
            paths.append(path)
        t = time.perf_counter()
        docx_to_pdfs(paths[:1], tmp_path / "warm")  # creates the private profile
        warm_s = time.perf_counter() - t
        t = time.perf_counter()
        docx_to_pdfs(paths[:1], tmp_path / "one")
        one_s = time.perf_counter() - t
        t = time.perf_counter()
        pdfs = docx_to_pdfs(paths, tmp_path / "all")
        all_s = time.perf_counter() - t
        t = time.perf_counter()
        pages = sum(measure_pdf(p).page_count for p in pdfs)
        measure_s = time.perf_counter() - t
    print(f"render (LibreOffice {soffice_path()}):")
    print(f"  first run (new profile): {warm_s:.2f} s; one file alone: {one_s:.2f} s")
    print(
        f"  {len(paths)} files in one run: {all_s:.2f} s = {all_s * 1000 / len(paths):.0f} ms per file,"
        f" {pages} pages ({all_s * 1000 / pages:.0f} ms per page)"
    )
    print(f"  measuring the PDFs (pdfplumber): {measure_s:.2f} s = {measure_s * 1000 / pages:.0f} ms per page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
