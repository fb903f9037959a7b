#!/usr/bin/env python3
"""Build time against the number of 发文字号 one body cites (linear, not quadratic).

    python bench/citations.py [--counts 2000,4000,8000,16000] [--markdown]

For each count N a small corpus is written whose one document cites a public document N times
in one paragraph (every citation becomes a link) and a regulation whose one article does the
same; the site is built (no Word downloads, one process) and the phase timings are printed
with the time per citation. Linear growth shows as a flat "ms per citation" column.

``--markdown`` times only what the old renderer did: Python-Markdown on a paragraph of N
Markdown links (the culprit: Python-Markdown rebuilds a paragraph's text once per link or
escape in it, so N links cost O(N²)); the site now hands such paragraphs over as HTML.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # generator and testkit

AS_OF = dt.date(2026, 11, 23)


def corpus_with_citations(root: Path, n: int) -> None:
    from testkit.corpus import CorpusBuilder  # the tests' corpus writer

    c = CorpusBuilder(root)
    c.document(slug="cited", number="区建发〔2025〕1号")
    body = "各科室：\n\n" + "、".join("根据区建发〔2025〕1号" for _ in range(n)) + "执行。\n"
    c.document(slug="citing", number="区建发〔2025〕2号", body=body)
    article = "## 第一章 总则\n\n第一条　" + "、".join("依照区建发〔2025〕1号" for _ in range(n)) + "办理。\n"
    c.regulation("kaoqin", versions={"2025-03-01": article})


def time_build(n: int) -> dict[str, float]:
    from generator.commands.sitebuild import build_checked

    with tempfile.TemporaryDirectory(prefix="govpub-cite-") as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        corpus_with_citations(root, n)
        t = time.perf_counter()
        result = build_checked(root, AS_OF, Path(tmp) / "site", downloads=False, parallel=False)
        total = time.perf_counter() - t
    return {"total": total, "pages": result.timings.get("pages", 0.0), "mkdocs": result.timings.get("mkdocs", 0.0)}


def time_markdown(n: int) -> float:
    import markdown

    text = "、".join("[区建发〔2025〕1号](../cited.md)" for _ in range(n))
    t = time.perf_counter()
    markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"])
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", default="2000,4000,8000,16000")
    parser.add_argument("--markdown", action="store_true", help="time Python-Markdown on N links instead")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    if args.markdown:
        print(f"{'citations':>10} {'markdown s':>11} {'ms/citation':>12}")
        for n in counts:
            s = time_markdown(n)
            print(f"{n:>10} {s:>11.2f} {1000 * s / n:>12.3f}")
        return 0
    print(f"{'citations':>10} {'build s':>8} {'pages s':>8} {'mkdocs s':>9} {'ms/citation':>12}")
    for n in counts:
        t = time_build(n)
        print(f"{n:>10} {t['total']:>8.2f} {t['pages']:>8.2f} {t['mkdocs']:>9.2f} {1000 * t['total'] / n:>12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
