#!/usr/bin/env python3
"""Generate a synthetic corpus of any size (testkit.synth) and report what was written.

    .venv/bin/python bench/synth.py OUT --documents 10000 [--regulations 300] [--versions 3]
        [--disclosures 2000] [--years N] [--seed 0] [--unpublishable] [--check]

OUT must be empty or missing. Prints the counts, the markers of the unpublishable items (with
--unpublishable) and the generation time; with --check also runs ``govpub check`` at as-of
2026-11-23 on the result and prints its time and the number of errors and warnings (exit 1
when there are errors).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from testkit.synth import AS_OF, synth_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="corpus root to create (empty or missing)")
    ap.add_argument("--documents", type=int, required=True, help="number of documents (公文)")
    ap.add_argument("--regulations", type=int, default=0, help="number of regulations (规章制度)")
    ap.add_argument("--versions", type=int, default=3, help="versions per regulation (default 3)")
    ap.add_argument("--disclosures", type=int, default=0, help="number of disclosure items (政务公开事项)")
    ap.add_argument("--years", type=int, default=None, help="years covered, ending 2026 (default max(2, N/500))")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--unpublishable",
        action="store_true",
        help="also write one item of every kind that must not reach the public site",
    )
    ap.add_argument("--check", action="store_true", help="run govpub check on the result and time it")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    try:
        stats = synth_corpus(
            args.out,
            documents=args.documents,
            regulations=args.regulations,
            versions_per_regulation=args.versions,
            disclosure_items=args.disclosures,
            years=args.years,
            seed=args.seed,
            unpublishable=args.unpublishable,
        )
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - t0
    print(stats.summary())
    print(f"generated {stats.files} files in {elapsed:.2f} s")
    if not args.check:
        return 0

    from generator.check import check_root

    t0 = time.perf_counter()
    result = check_root(args.out, AS_OF)
    elapsed = time.perf_counter() - t0
    codes = collections.Counter(f"{d.code} {d.severity}" for d in result.diagnostics)
    print(
        f"check (as-of {AS_OF.isoformat()}): {result.files} files, {len(result.errors)} errors, "
        f"{len(result.warnings)} warnings in {elapsed:.2f} s" + (f" — {dict(codes)}" if codes else "")
    )
    for d in result.errors[:20]:
        print(f"  {d.path}:{d.line}: {d.code} {d.message}")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
