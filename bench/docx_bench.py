"""Benchmark the DOCX writers and the LibreOffice rendering used to check them.

    .venv/bin/python bench/docx_bench.py [--root DIR] [-n N] [--no-render]

Prints, for the sample corpus (or --root):
* writing: every document and regulation version written N times to memory; mean and
  slowest per-document milliseconds (the first pass, which loads jieba for title breaking,
  is reported separately);
* rendering: all files converted to PDF by one LibreOffice run, and one file alone (the
  start-up cost), per-document seconds; then measuring the PDFs with pdfplumber.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.corpus.loader import load_corpus  # noqa: E402
from generator.docx import write_document, write_regulation  # noqa: E402
from generator.docx.render_check import docx_to_pdfs, measure_pdf, soffice_path  # noqa: E402


def items(corpus):
    for doc in corpus.documents:
        yield f"doc {doc.slug}", lambda out, d=doc: write_document(d, corpus.agency, out,
                                                                     corpus_root=corpus.root)
    for slug, reg in corpus.regulations.items():
        for version in reg.versions:
            yield f"reg {slug} {version.file_date}", (
                lambda out, r=reg, v=version: write_regulation(r, v, corpus.agency, out))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=str(ROOT), help="corpus root (default: the sample corpus)")
    ap.add_argument("-n", type=int, default=5, help="passes over all files (default 5)")
    ap.add_argument("--no-render", action="store_true", help="skip the LibreOffice part")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    corpus = load_corpus(args.root)
    load_s = time.perf_counter() - t0
    work = list(items(corpus))
    print(f"corpus: {len(corpus.documents)} documents, "
          f"{sum(len(r.versions) for r in corpus.regulations.values())} regulation versions "
          f"(loaded in {load_s * 1000:.0f} ms)")

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
    print(f"  documents:   mean {statistics.mean(docs):.1f} ms, median {statistics.median(docs):.1f} ms,"
          f" max {max(docs):.1f} ms")
    if regs:
        print(f"  regulations: mean {statistics.mean(regs):.1f} ms, max {max(regs):.1f} ms")
    slowest = sorted(means.items(), key=lambda kv: -kv[1])[:3]
    print("  slowest: " + ", ".join(f"{k} {v:.1f} ms" for k, v in slowest))
    print(f"  output size: mean {statistics.mean(sizes.values()) / 1024:.1f} KiB,"
          f" max {max(sizes.values()) / 1024:.1f} KiB")

    if args.no_render:
        return 0
    if soffice_path() is None:
        print("rendering: skipped (soffice is not on PATH)")
        return 0
    with tempfile.TemporaryDirectory(prefix="govpub-bench-") as tmp:
        tmp_path = Path(tmp)
        paths = []
        for i, (name, write) in enumerate(work):
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
    print(f"  {len(paths)} files in one run: {all_s:.2f} s = {all_s * 1000 / len(paths):.0f} ms per file,"
          f" {pages} pages ({all_s * 1000 / pages:.0f} ms per page)")
    print(f"  measuring the PDFs (pdfplumber): {measure_s:.2f} s = {measure_s * 1000 / pages:.0f} ms per page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
