"""``govpub serve``: build the site and serve it on 127.0.0.1, rebuilding when the corpus changes.

An editor previews exactly when the corpus is being changed, so errors are the normal case,
not a reason to stop: while the corpus has errors the preview shows a page that lists them
(file, line, code, message — all escaped), and as soon as they are fixed it shows the site
again. Every open page reloads itself after each build (MkDocs' live-reload server and its
polling protocol). Unknown paths get the site's own 404 page. Each build prints the same
summary as ``govpub check``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..diagnostics import format_text
from . import render
from .build import BuildRefused, BuildResult

WATCHED = ("content", "regulations", "mkdocs.yml")

#: Reloads the error page when a build finishes (MkDocs' live-reload protocol: the server
#: answers /livereload/<epoch>/<id> with its newest epoch, holding the request until there is
#: one newer than <epoch>).
_RELOAD_SCRIPT = """
(function () {
  var known = null;
  function poll() {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      var epoch = parseFloat(this.responseText);
      if (this.status === 200 && !isNaN(epoch)) {
        if (known !== null && epoch > known) { location.reload(); return; }
        known = epoch;
        poll();
      } else {
        setTimeout(poll, 3000);
      }
    };
    req.open("GET", "/livereload/" + (known === null ? 0 : known) + "/" + Date.now());
    req.send();
  }
  poll();
})();
"""


def error_page(title: str, lines: list[str], note: str) -> bytes:
    """The preview's page while the corpus has errors: ``lines`` are findings or messages."""
    items = "\n".join(f"<li><code>{render.escape_html(line)}</code></li>" for line in lines)
    return f"""<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{render.escape_html(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.6; color: #1a1a1a; }}
h1 {{ color: #b71c1c; font-size: 1.5rem; }}
li {{ margin: .4em 0; }} code {{ white-space: pre-wrap; word-break: break-word; font-size: .95em; }}
.note {{ background: #fff4e5; border-left: 4px solid #b45309; padding: .6em 1em; }}
</style></head>
<body>
<main>
<h1>{render.escape_html(title)}</h1>
<p class="note">{render.escape_html(note)}</p>
<ol class="govpub-serve-errors">
{items}
</ol>
</main>
<script>{_RELOAD_SCRIPT}</script>
</body>
</html>
""".encode()


class Preview:
    """The state of the preview: the site folder, or the error page while the corpus has errors."""

    def __init__(self, root: Path, as_of: dt.date, build: Callable[..., BuildResult]):
        self.root = root
        self.build = build
        self.as_of = as_of
        self.work = Path(tempfile.mkdtemp(prefix="govpub-serve-"))
        self.site = self.work / "site"
        self.errors_dir = self.work / "errors"
        self.errors_dir.mkdir()
        self.error: bytes | None = None
        self.server = None

    def rebuild(self, parallel: bool = False) -> None:
        """Build the site; on errors switch the preview to the error page. Never raises for
        bad input (the server keeps running)."""
        try:
            result = self.build(self.root, self.as_of, self.site, parallel=parallel)
        except BuildRefused as exc:
            lines = []
            if exc.check is not None:
                print(format_text(exc.check.diagnostics, exc.check.files), file=sys.stderr, flush=True)
                lines = [f"{d.path}:{d.line}: {d.code} {d.message}" for d in exc.check.errors]
            else:
                lines = [str(exc)]
            print(f"govpub: {exc}；预览显示错误清单，改正后自动恢复", file=sys.stderr, flush=True)
            self.show_errors(
                "网站预览：语料库有错误，网站没有生成",
                lines,
                "请按下列提示修改文件并保存，这个页面会自动刷新；全部改正后显示网站。",
            )
            return
        except Exception as exc:  # noqa: BLE001 - the preview must keep running whatever happened
            print(
                f"govpub: 生成网站时出错（{type(exc).__name__}: {exc}）；预览显示错误说明", file=sys.stderr, flush=True
            )
            self.show_errors(
                "网站预览：生成网站时出错",
                [f"{type(exc).__name__}: {exc}"],
                "这可能是 govpub 的问题：请把这条信息报告给维护者。修改文件后会自动重试。",
            )
            return
        check = result.check
        print(format_text(check.diagnostics, check.files), flush=True)
        print(f"已生成 {result.pages} 个页面（{result.timings['total']:.1f} 秒）", flush=True)
        self.error = None
        if self.server is not None:
            self.server.root = str(self.site)

    def show_errors(self, title: str, lines: list[str], note: str) -> None:
        self.error = error_page(title, lines, note)
        (self.errors_dir / "index.html").write_bytes(self.error)
        if self.server is not None:
            self.server.root = str(self.errors_dir)

    def error_handler(self, code: int) -> bytes | None:
        """What the server sends for a path it has no file for: the error page while there are
        errors, else the site's own 404 page."""
        if self.error is not None:
            return self.error
        page = self.site / "404.html"
        if code == 404 and page.is_file():
            return page.read_bytes()
        return None

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def serve(
    root: str | Path, as_of: dt.date, host: str = "127.0.0.1", port: int = 8000, *, build: Callable[..., BuildResult]
) -> int:
    """Preview the site of ``root``; ``build(root, as_of, out_dir, parallel=...)`` builds it
    (the command layer's checked build: the preview shows the errors that refuse it)."""
    from mkdocs.livereload import LiveReloadServer

    root = Path(root).resolve()
    if not (root / "content").is_dir() and not (root / "regulations").is_dir():
        from ..corpus import CorpusRootError

        raise CorpusRootError(f"{root} 下既没有 content/ 也没有 regulations/：请用 --root 指向语料库根目录")
    preview = Preview(root, as_of, build)
    try:
        preview.rebuild(parallel=True)  # no server thread yet: forking is safe
        start = preview.errors_dir if preview.error is not None else preview.site
        try:
            server = LiveReloadServer(builder=preview.rebuild, host=host, port=port, root=str(start))
        except OSError as exc:
            print(
                f"govpub: 无法在 {host}:{port} 上提供预览（{exc.strerror}）：端口可能已被占用，请用 --port 换一个端口",
                file=sys.stderr,
            )
            return 2
        preview.server = server
        server.error_handler = preview.error_handler
        for name in WATCHED:
            if (root / name).exists():
                server.watch(str(root / name))
        print(f"预览地址：http://{host}:{port}/ （修改文件后自动刷新；按 Ctrl+C 停止）", flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        except OSError as exc:
            print(
                f"govpub: 无法在 {host}:{port} 上提供预览（{exc.strerror}）：端口可能已被占用，请用 --port 换一个端口",
                file=sys.stderr,
            )
            return 2
        finally:
            server.shutdown()
        return 0
    finally:
        preview.close()
