"""``govpub new document``: a new document file with the next free number."""

from __future__ import annotations

from pathlib import Path

from ..errors import EXIT_OK
from . import load


def new(args) -> int:
    from ..newdoc import create_document

    corpus = load(args.root)
    made = create_document(
        corpus, args.code, args.doc_type, args.title, args.as_of, slug=args.slug, department=args.department
    )
    rel = made.path.relative_to(Path(corpus.root)).as_posix()
    print(f"已新建 {rel}，文号 {made.number}。请补全主送机关等信息、写好正文，然后运行 govpub check {rel}")
    return EXIT_OK
