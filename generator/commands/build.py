"""``govpub build`` and ``govpub serve``: the public site."""

from __future__ import annotations

import sys

from ..errors import EXIT_OK


def build(args) -> int:
    """Build the site into ``--out`` (refused, the old site untouched, when the corpus has errors)."""
    from ..diagnostics import format_text
    from ..site.build import BuildRefused
    from .sitebuild import build_checked

    try:
        result = build_checked(
            args.root, args.as_of, args.out, downloads=not args.no_docx, incremental_ok=not args.full
        )
    except BuildRefused as exc:  # show every finding, then let cli.main report the refusal
        check = getattr(exc, "check", None)
        if check is not None:
            print(format_text(check.diagnostics, check.files), file=sys.stderr)
        raise
    for w in result.warnings:
        print(f"MkDocs 警告：{w}", file=sys.stderr)
    view = result.view
    items = sum(len(p.items) for p in view.postings)
    how = "完整生成" if result.rebuilt is None else f"增量生成，重建 {len(result.rebuilt)} 个页面"
    print(
        f"网站已生成：{result.out_dir}（{result.pages} 个页面：公文 {len(view.documents)} 件，"
        f"制度 {len(view.regulations)} 项，政务公开 {len(view.postings)} 期 {items} 项；"
        f"按 {args.as_of.isoformat()} 判断发布范围；{how}，用时 {result.timings['total']:.1f} 秒）"
    )
    return EXIT_OK


def serve(args) -> int:
    """Build and serve the site on 127.0.0.1, rebuilding when the corpus changes."""
    from ..site.serve import serve as serve_site
    from .sitebuild import build_checked

    return serve_site(args.root, args.as_of, host=args.host, port=args.port, build=build_checked)
