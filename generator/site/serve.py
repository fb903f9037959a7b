"""``govpub serve``: build the site and serve it on 127.0.0.1, rebuilding when the corpus changes."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from ..diagnostics import format_text
from .build import BuildRefused, build_site

WATCHED = ("content", "regulations", "mkdocs.yml")


def serve(root: str | Path, as_of: dt.date, host: str = "127.0.0.1", port: int = 8000) -> int:
    from mkdocs.livereload import LiveReloadServer

    root = Path(root).resolve()
    out = Path(tempfile.mkdtemp(prefix="govpub-serve-")) / "site"

    def rebuild(parallel: bool = False) -> None:
        # rebuilds run in the server's thread: no forking there
        try:
            result = build_site(root, as_of, out, parallel=parallel)
            print(f"已生成 {result.pages} 个页面（{result.timings['total']:.1f} 秒）", flush=True)
        except BuildRefused as exc:
            if exc.check is not None:
                print(format_text(exc.check.errors, exc.check.files), file=sys.stderr)
            print(f"govpub: {exc}；继续提供上一次成功生成的网站", file=sys.stderr, flush=True)

    rebuild(parallel=True)
    if not out.exists():
        print("govpub: 网站没有生成，无法预览", file=sys.stderr)
        return 1
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(out))
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    print(f"预览地址：http://{host}:{port}/ （按 Ctrl+C 停止）", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
