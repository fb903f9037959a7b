"""Incremental rebuilds: reuse the published site for every page that did not change.

MkDocs has no incremental build of its own that can be trusted (its ``--dirty`` mode only
compares file times and leaves stale navigation behind). govpub knows exactly what each
page is made of, so it can do better:

* A page's HTML depends on its own Markdown and on what every page shares: the generated
  ``mkdocs.yml`` (navigation, theme, extensions), the theme and govpub itself. Links between
  pages are part of each page's Markdown (a number becomes a link only once its document is
  public), so when a page starts or stops linking somewhere, its Markdown changes too.
* For every site tree a build leaves, a small state (:class:`BuildState`) records what it
  holds: a key of the shared inputs (:func:`build_key`), a hash of every page's Markdown and
  of every static file, the theme's files, the search index's own state, and the size and
  modification time of every file.
* The trees are double-buffered (:class:`SiteCache`): beside the output folder ``site/``, a
  hidden folder ``.site.govpub/`` keeps the previous site (``staging/``) and both states.
  A build brings the staging tree up to date and swaps it with the published one in one step
  (Linux ``renameat2(RENAME_EXCHANGE)``, :func:`generator.outputs.exchange`), so at every
  moment ``site/`` is a complete site — the old one or the new one — and nothing is copied.
  Where the system cannot exchange, two renames are used and a run interrupted between them
  is repaired by the next one (:meth:`SiteCache.recover`). The first time, the staging tree is
  made from the published one with hard links.
* The MkDocs project (``mkdocs.yml`` and ``docs/``) is kept in the hidden folder too
  (:class:`Project`): a page's Markdown is written only when it changed, so MkDocs' own dirty
  mode, which builds a page when its output is missing or older than its Markdown, builds
  exactly the pages that changed — through its public ``build(config, dirty=True)``.
* Bringing a tree up to date: when its key is the same and its files are exactly as its
  state says, the outputs of the pages whose Markdown changed, of the pages that are gone and
  the files MkDocs always writes (404, sitemap) are removed from it (:func:`stale_outputs`),
  and MkDocs builds the rest in its dirty mode. The search index is updated in place the same
  way (:func:`generator.search.build.update_index`).
* Unchanged files of the two trees are the same files (hard links). Nothing may write through
  one: every writer of the build removes a file before writing it (govpub's MkDocs plugin does
  it for MkDocs' own writes, :mod:`.mkdocs_run`).
* At the end every file that a full build would not have written is swept away
  (:func:`sweep`), so a page that is no longer public cannot survive in an incremental build.

Anything unexpected — no state, another key, a file of the output changed or missing, a state
that cannot be read — means a full build, which writes a new state. The tests build a corpus
through a series of edits both ways and require byte-identical sites.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..outputs import exchange

#: Version of the state file; a change means one full build.
STATE_FORMAT = 1

#: Files MkDocs writes on every build, dirty or not.
TEMPLATE_OUTPUTS = ("404.html", "sitemap.xml", "sitemap.xml.gz")

GENERATOR = Path(__file__).resolve().parent.parent


def cache_dir(out_dir: Path) -> Path:
    """The hidden folder beside ``out_dir`` with the staging tree and the states (not inside
    it: the output folder is what gets published)."""
    return out_dir.parent / f".{out_dir.name}.govpub"


def state_path(out_dir: Path) -> Path:
    """The state of the published tree ``out_dir``."""
    return cache_dir(out_dir) / "published.json"


def page_dest(path: str) -> str:
    """The output file MkDocs writes for a generated page (directory URLs)."""
    if path == "index.md" or path.endswith("/index.md"):
        return path[: -len(".md")] + ".html"
    return path[: -len(".md")] + "/index.html"


def digest(data: bytes) -> str:
    """The hash a state records for a page's Markdown or a static file."""
    return hashlib.sha1(data).hexdigest()


@lru_cache(maxsize=1)
def _generator_fingerprint() -> str:
    """govpub's own code, templates, assets and the library versions that shape its output
    (generator.fingerprint, shared with the Word-download cache): any change means a full build."""
    from ..fingerprint import code_fingerprint

    return code_fingerprint()


def _tree_fingerprint(folder: Path) -> str:
    """Names and contents of the files under ``folder``."""
    h = hashlib.sha1()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(folder).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def build_key(config_text: str, config: dict, downloads: bool) -> str:
    """A key of everything every page depends on: the generated ``mkdocs.yml``, the MkDocs and
    Material versions, the theme overrides, govpub itself and whether Word downloads are part
    of the site. (Installed packages count by version: a build on a new machine with the same
    versions can start from a site cached elsewhere.)"""
    import material
    import mkdocs

    h = hashlib.sha1()
    h.update(f"state {STATE_FORMAT}\ndownloads {bool(downloads)}\n".encode())
    h.update(
        f"mkdocs {getattr(mkdocs, '__version__', '?')} material {getattr(material, '__version__', '?')}\n".encode()
    )
    custom = (config.get("theme") or {}).get("custom_dir")
    if custom:
        h.update(f"custom_dir {_tree_fingerprint(Path(custom))}\n".encode())
    h.update(_generator_fingerprint().encode())
    h.update(config_text.encode("utf-8"))
    return h.hexdigest()


def tree_stats(root: Path) -> dict[str, list[int]]:
    """Site-relative path → [size, mtime in ns] of every file under ``root``."""
    out: dict[str, list[int]] = {}
    base = len(str(root)) + 1
    for folder, _dirs, files in os.walk(root):
        for name in files:
            full = os.path.join(folder, name)
            st = os.stat(full, follow_symlinks=False)
            out[full[base:].replace(os.sep, "/")] = [st.st_size, st.st_mtime_ns]
    return out


@dataclass
class BuildState:
    """What one build left in its output folder (see the module docstring)."""

    key: str
    pages: dict[str, str] = field(default_factory=dict)  # docs path → sha1 of the Markdown
    statics: dict[str, str] = field(default_factory=dict)  # docs path → sha1 of the file
    theme: list[str] = field(default_factory=list)  # site paths MkDocs copied from the theme
    downloads: dict[str, str] = field(default_factory=dict)  # site path → cache key of the DOCX
    search: dict | None = None  # generator.search.build state of search-index/
    files: dict[str, list[int]] = field(default_factory=dict)  # site path → [size, mtime_ns]

    def to_json(self) -> dict:
        return {
            "format": STATE_FORMAT,
            "key": self.key,
            "pages": self.pages,
            "statics": self.statics,
            "theme": self.theme,
            "downloads": self.downloads,
            "search": self.search,
            "files": self.files,
        }

    @classmethod
    def read(cls, path: Path) -> BuildState | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
                return None
            return cls(
                key=str(data["key"]),
                pages=dict(data["pages"]),
                statics=dict(data["statics"]),
                theme=list(data["theme"]),
                downloads=dict(data["downloads"]),
                search=data.get("search"),
                files=dict(data["files"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)

    def describes(self, tree: Path) -> bool:
        """Whether ``tree`` holds exactly the files this state lists, as they were."""
        try:
            return tree.is_dir() and tree_stats(tree) == self.files
        except OSError:
            return False


class SiteCache:
    """The staging tree and the states of the site published in ``out_dir`` (see the module
    docstring). Usage: :meth:`base` for the tree to bring up to date (or None: build anew),
    then :meth:`publish` with the finished tree."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.dir = cache_dir(out_dir)
        self.staging = self.dir / "staging"
        self.staging_state = self.dir / "staging.json"
        self.published_state = state_path(out_dir)
        #: where the published tree waits while two plain renames replace it (no exchange)
        self.aside = self.dir / "old"

    def work_prefix(self) -> str:
        """Name prefix of the temporary build folders beside the output."""
        return f".{self.out_dir.name}.build-"

    def recover(self) -> list[str]:
        """Repair and clean what interrupted runs left (called holding the lock): a published
        tree set aside by the two-rename fallback goes back into place when the output is
        missing; set-aside trees, temporary build folders and half-written state files are
        removed. Returns what was done (for tests and logs)."""
        done = []
        if self.aside.exists():
            if not self.out_dir.exists():
                os.replace(self.aside, self.out_dir)
                self.published_state.unlink(missing_ok=True)  # not known to describe it
                done.append("restored")
            else:
                shutil.rmtree(self.aside, ignore_errors=True)
                done.append("removed set-aside tree")
        if self.dir.is_dir():
            for entry in self.dir.iterdir():
                if entry.name.startswith("old-") or entry.name.endswith(".tmp"):
                    _remove(entry)
                    done.append(f"removed {entry.name}")
        parent = self.out_dir.parent
        if parent.is_dir():
            for entry in parent.iterdir():
                if entry.name.startswith(self.work_prefix()) and entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                    done.append(f"removed {entry.name}")
        return done

    def recognise(self, folder: Path) -> bool:
        """A site folder written before govpub left a marker in it: its published state lists
        every file it holds (for :func:`generator.outputs.guard_dir`)."""
        state = BuildState.read(self.published_state)
        if state is None or not state.files:
            return False
        try:
            return set(tree_stats(folder)) <= set(state.files)
        except OSError:
            return False

    def base(self, key: str) -> tuple[Path, BuildState] | None:
        """A tree with a known state for ``key``: the staging tree when it is intact, else a
        new staging tree linked from the published one when that is intact; None when
        neither can be trusted (a full build). The tree returned is private to this build."""
        state = BuildState.read(self.staging_state)
        if state is not None and state.key == key and state.describes(self.staging):
            return self.staging, state
        published = BuildState.read(self.published_state)
        if published is None or published.key != key or not published.describes(self.out_dir):
            return None
        self.staging_state.unlink(missing_ok=True)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.dir.mkdir(parents=True, exist_ok=True)
        link_tree(self.out_dir, self.staging)
        return self.staging, published

    @contextmanager
    def locked(self):
        """Hold the lock of this output folder: two builds into one folder (a scheduled one and
        a hand-started one, say) take turns instead of sharing the staging tree. A build that
        publishes nothing leaves no folder behind."""
        new = not self.dir.exists()
        self.dir.mkdir(parents=True, exist_ok=True)
        try:
            try:
                import fcntl
            except ImportError:  # no advisory locks here (Windows): builds must not overlap
                yield
                return
            with open(self.dir / "lock", "a+b") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            if new and not self.published_state.exists():
                shutil.rmtree(self.dir, ignore_errors=True)

    def claim(self) -> None:
        """Called before the staging tree is changed: its state no longer describes it."""
        self.staging_state.unlink(missing_ok=True)

    def publish(self, tree: Path, state: BuildState) -> None:
        """Swap ``tree`` (with ``state``, its files listed) in as the published site; the
        previous site becomes the staging tree when its state is known and current.

        Every moment leaves a complete site in ``out_dir``: the old tree until the exchange,
        the new one after it. The published state is removed before the swap and written after
        it, so a run stopped in between only makes the next build a full one."""
        self.dir.mkdir(parents=True, exist_ok=True)
        previous = BuildState.read(self.published_state)
        self.published_state.unlink(missing_ok=True)
        old = None
        if self.out_dir.exists():
            if exchange(tree, self.out_dir):
                old = tree  # the previous site, now where the new one was built
            else:  # two renames; recover() repairs a stop between them
                shutil.rmtree(self.aside, ignore_errors=True)
                os.replace(self.out_dir, self.aside)
                os.replace(tree, self.out_dir)
                old = self.aside
        else:
            os.replace(tree, self.out_dir)
        state.write(self.published_state)
        if tree != self.staging and self.staging.exists():  # a full build: the old staging tree is of no use
            self.claim()
            shutil.rmtree(self.staging, ignore_errors=True)
        if old is None:
            return
        if previous is not None and previous.key == state.key:
            if old != self.staging:
                os.replace(old, self.staging)
            previous.write(self.staging_state)  # checked against the tree before it is used
        else:
            self.claim()
            shutil.rmtree(old, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def link_tree(src: Path, dst: Path) -> None:
    """``dst`` as a copy of ``src`` made of hard links (copies where linking fails)."""
    can_link = True
    base = len(str(src)) + 1
    for folder, _dirs, files in os.walk(src):
        rel = folder[base:]
        target_dir = os.path.join(dst, rel) if rel else str(dst)
        os.makedirs(target_dir, exist_ok=True)
        for name in files:
            source = os.path.join(folder, name)
            target = os.path.join(target_dir, name)
            if can_link:
                try:
                    os.link(source, target)
                    continue
                except OSError:
                    can_link = False
            shutil.copy2(source, target)


def unlink(path: Path | str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def copy_new(source: Path | str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    unlink(target)
    shutil.copyfile(source, target)


class Project:
    """The MkDocs project (``mkdocs.yml`` and ``docs/``) kept between builds in the cache folder,
    with a manifest of what its docs folder holds. A page's Markdown is written only when it
    changed, so its file is newer than its output in a site exactly when MkDocs' dirty mode
    has to build that page again. A project without a manifest that can be read (the first
    build, or one interrupted while writing) is written anew."""

    FORMAT = 1

    def __init__(self, cache: SiteCache):
        self.dir = cache.dir / "project"
        self.docs = self.dir / "docs"
        self.manifest = cache.dir / "project.json"

    def _read_manifest(self) -> dict[str, str] | None:
        try:
            data = json.loads(self.manifest.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == self.FORMAT and isinstance(data.get("files"), dict):
                return dict(data["files"])
        except (OSError, ValueError):
            pass
        return None

    def update(
        self, pages: Iterable[tuple[str, bytes]], statics: Iterable[tuple[str, bytes]], config_text: str
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Bring the project up to date; returns the hashes of the pages and of the static files."""
        known = self._read_manifest()
        self.manifest.unlink(missing_ok=True)  # the docs folder changes now
        if known is None:
            shutil.rmtree(self.dir, ignore_errors=True)
            known = {}
        self.docs.mkdir(parents=True, exist_ok=True)
        made: set[Path] = {self.docs}
        hashes: dict[str, str] = {}

        def place(rel: str, data: bytes) -> str:
            new = hashes[rel] = digest(data)
            if known.get(rel) != new:
                target = self.docs / rel
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_bytes(data)
            return new

        page_hashes = {rel: place(rel, data) for rel, data in pages}
        static_hashes = {rel: place(rel, data) for rel, data in statics}
        for rel in known.keys() - hashes.keys():
            unlink(self.docs / rel)
        (self.dir / "mkdocs.yml").write_text(config_text, encoding="utf-8")
        tmp = self.manifest.with_name(self.manifest.name + ".tmp")
        tmp.write_text(
            json.dumps({"format": self.FORMAT, "files": hashes}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
        os.replace(tmp, self.manifest)
        return page_hashes, static_hashes


def stale_outputs(previous: BuildState, pages: dict[str, str], statics: dict[str, str]) -> list[str]:
    """The files of the tree ``previous`` describes that MkDocs is to write anew, and those of
    pages and files that are gone: they are removed before MkDocs runs. (Removing the outputs
    of changed pages makes their rebuild independent of file times.)"""
    stale = [page_dest(rel) for rel, h in pages.items() if previous.pages.get(rel) != h]
    stale += [rel for rel, h in statics.items() if previous.statics.get(rel) != h]
    stale += [page_dest(rel) for rel in previous.pages.keys() - pages.keys()]
    stale += list(previous.statics.keys() - statics.keys())
    return stale + list(TEMPLATE_OUTPUTS)


def theme_files(site_dir: Path, pages: Iterable[str], statics: Iterable[str]) -> list[str]:
    """After a full MkDocs build: the files MkDocs wrote that are neither pages, nor files of
    the docs folder, nor its always-written templates — the theme's assets."""
    own = {page_dest(p) for p in pages} | set(statics) | set(TEMPLATE_OUTPUTS)
    return sorted(p for p in tree_stats(site_dir) if p not in own)


def sweep(site_dir: Path, expected: set[str], owned_prefixes: tuple[str, ...] = ()) -> dict[str, list[int]]:
    """Remove every file under ``site_dir`` that is not ``expected`` (and not under one of
    ``owned_prefixes``, whose writers keep them exact), and folders left empty; returns the
    :func:`tree_stats` of what is left."""
    stats = tree_stats(site_dir)
    for rel in list(stats):
        if rel in expected or rel.startswith(owned_prefixes):
            continue
        unlink(site_dir / rel)
        del stats[rel]
    for folder, _dirs, _files in os.walk(site_dir, topdown=False):
        if folder != str(site_dir) and not os.listdir(folder):
            os.rmdir(folder)
    return stats
