"""Where a command may write, and writing there atomically (SPEC §7.6).

Every command that writes output (``build``, ``export document|regulation|volume``,
``report annual`` and the ones to come) asks this module first, so that no command can delete
or overwrite a file it did not write:

* a **folder** output (:func:`guard_dir`) must not exist yet, be empty, or be govpub's own:
  a site carries the marker file :data:`MARKER` from an earlier run; a folder without it is
  govpub's when the caller recognises it (an archive volume by its ``manifest.json``, which
  goes to the archive without a marker; a site written before the marker existed by its
  build state);
* a **file** output (:func:`guard_file`) must not exist yet, or be a file govpub wrote (a DOCX
  whose ``docProps/app.xml`` names govpub as its application: :func:`is_govpub_docx`);
* neither may be the corpus root, ``content/``, ``regulations/``, ``.git`` or anything inside
  them, nor a folder that contains any of those (``--out ..`` from inside the corpus).

A refusal raises :class:`OutputRefused` (exit 2) with a sentence saying why and what to do.
Commands use :class:`Output`, which asks first and writes later: the one guarded, atomic way
to write a result.
:func:`write_file_atomically` writes through a temporary file in the same folder, and
:func:`exchange` swaps two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``) so that
a published folder is never missing, not even for a moment.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from .errors import UsageError

#: The file govpub leaves in every output folder it writes: its kind, so that a later run may
#: replace the folder (and nothing else).
MARKER = ".govpub-output"

#: Inside the corpus root: never written by an output, nor any folder above them.
PROTECTED = ("content", "regulations", ".git")


class OutputRefused(UsageError):
    """The output location may not be written (exit 2); the message says why."""


def _resolve(path: Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


def _is_within(path: Path, base: Path) -> bool:
    return path == base or base in path.parents


def _refuse_corpus_places(out: Path, root: Path | None, what: str) -> None:
    if root is None:
        return
    root = _resolve(root)
    if out == root:
        raise OutputRefused(
            f"{what} 是语料库根目录本身：不能写在这里（会删除或覆盖语料）。请换一个位置，例如 --out site"
        )
    if _is_within(root, out):
        raise OutputRefused(f"{what} 包含语料库根目录 {root}：写入会删除语料库。请换一个位置，例如 --out site")
    for name in PROTECTED:
        place = root / name
        if _is_within(out, place):
            raise OutputRefused(
                f"{what} 在语料库的 {name}/ 中：输出不能写进语料（或 git 仓库）里。请换一个位置，例如 --out site"
            )


def read_marker(folder: Path) -> dict | None:
    """The marker govpub left in ``folder``, or None."""
    path = folder / MARKER
    try:
        if path.is_symlink() or not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("tool") == "govpub" else None


def marker_bytes(kind: str) -> bytes:
    """The content of the marker for an output of ``kind`` (fixed: rebuilds stay identical)."""
    return (json.dumps({"tool": "govpub", "kind": kind}, ensure_ascii=False) + "\n").encode("utf-8")


def write_marker(folder: Path, kind: str) -> None:
    (folder / MARKER).write_bytes(marker_bytes(kind))


def guard_dir(
    out: Path | str, root: Path | str | None, kind: str, recognise: Callable[[Path], bool] | None = None
) -> Path:
    """Check that the folder ``out`` may be (re)written by a ``kind`` output; returns it resolved.

    ``recognise(folder)`` may accept a non-empty folder without the marker as govpub's own
    (an output that carries no marker). Raises :class:`OutputRefused`."""
    given = Path(out)
    what = f"输出位置 {given}"
    if given.is_symlink():
        raise OutputRefused(f"{what} 是符号链接：请直接指定一个文件夹")
    resolved = _resolve(given)
    _refuse_corpus_places(resolved, Path(root) if root is not None else None, what)
    if resolved == Path(resolved.anchor) or resolved == _resolve(Path.home()):
        raise OutputRefused(f"{what} 是根目录或主目录：请指定一个专用的文件夹，例如 --out site")
    if not resolved.exists():
        if resolved.parent.exists() and not resolved.parent.is_dir():
            raise OutputRefused(f"{what} 的上级 {resolved.parent} 不是文件夹")
        return resolved
    if not resolved.is_dir():
        raise OutputRefused(f"{what} 已存在且不是文件夹：govpub 不会覆盖它。请指定一个文件夹")
    try:
        empty = not any(resolved.iterdir())
    except OSError as exc:
        raise OutputRefused(f"{what} 无法读取：{exc.strerror or exc}") from None
    if empty:
        return resolved
    marker = read_marker(resolved)
    if marker is not None:
        if marker.get("kind") != kind:
            raise OutputRefused(
                f"{what} 是 govpub 以前生成的另一种输出（{marker.get('kind')}），不能改写为 {kind}：请换一个位置"
            )
        return resolved
    if recognise is not None and recognise(resolved):
        return resolved
    raise OutputRefused(
        f"{what} 已有文件，而且不是 govpub 以前生成的：为免删除其中的文件，govpub 不写入这里。"
        "请指定一个不存在的或空的文件夹"
    )


def is_govpub_docx(path: Path) -> bool:
    """Whether ``path`` is a DOCX govpub wrote: its ``docProps/app.xml`` names govpub."""
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("docProps/app.xml")
            if info.file_size > 100_000:
                return False
            return b"<Application>govpub</Application>" in z.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False


def guard_file(out: Path | str, root: Path | str | None, recognise: Callable[[Path], bool] = is_govpub_docx) -> Path:
    """Check that the file ``out`` may be written: new, or one govpub wrote (``recognise``);
    never in the corpus. Returns it resolved. Raises :class:`OutputRefused`."""
    given = Path(out)
    what = f"输出文件 {given}"
    if given.is_symlink():
        raise OutputRefused(f"{what} 是符号链接：govpub 不会通过链接写文件，请指定一个普通文件")
    resolved = _resolve(given)
    _refuse_corpus_places(resolved, Path(root) if root is not None else None, what)
    if resolved.exists():
        if resolved.is_dir():
            raise OutputRefused(f"{what} 是一个文件夹：请指定文件名，例如 --out 通知.docx")
        if not resolved.is_file():
            raise OutputRefused(f"{what} 不是普通文件")
        if not recognise(resolved):
            raise OutputRefused(
                f"{what} 已存在，而且不是 govpub 生成的文件：govpub 不会覆盖它。请换一个文件名，或先自行移走该文件"
            )
    elif resolved.parent.exists() and not resolved.parent.is_dir():
        raise OutputRefused(f"{what} 的上级 {resolved.parent} 不是文件夹")
    return resolved


def write_file_atomically(out: Path, write: Callable[[Path], object]) -> None:
    """Write ``out`` through a temporary file beside it; never leave a half-written file."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name[:100]}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Output:
    """A place a command writes, checked (:func:`guard_file` / :func:`guard_dir`) before any work.

    The one way a command writes its results: ask for the place first (a refusal costs
    nothing), do the work, then :meth:`write` each file atomically. A folder output gets the
    marker of its ``kind`` before its first file, so that a later run may write it again::

        target = Output.file(args.out, corpus.root)          # refuses now, exit 2
        ...                                                  # check, compute
        target.write(lambda tmp: write_document(doc, tmp))   # temporary file, then rename
    """

    def __init__(self, path: Path, kind: str | None) -> None:
        self.path = path
        self.kind = kind  # None: a single file

    @classmethod
    def file(
        cls, out: Path | str, root: Path | str | None, recognise: Callable[[Path], bool] = is_govpub_docx
    ) -> Output:
        """A single file (new, or one govpub wrote: ``recognise``)."""
        return cls(guard_file(out, root, recognise), None)

    @classmethod
    def folder(
        cls, out: Path | str, root: Path | str | None, kind: str, recognise: Callable[[Path], bool] | None = None
    ) -> Output:
        """A folder of ``kind`` (new, empty, or govpub's own: its marker or ``recognise``)."""
        return cls(guard_dir(out, root, kind, recognise), kind)

    def write(self, write: Callable[[Path], object], name: str | None = None) -> Path:
        """Write the file (or the file ``name`` in the folder) through a temporary file."""
        if self.kind is None:
            if name is not None:
                raise ValueError("a single-file output takes no name")
            target = self.path
        else:
            if name is None or Path(name).name != name or name in ("", ".", "..", MARKER):
                raise ValueError(f"not a file name inside the output folder: {name!r}")
            self.path.mkdir(parents=True, exist_ok=True)
            if read_marker(self.path) is None:
                write_marker(self.path, self.kind)
            target = self.path / name
        write_file_atomically(target, write)
        return target


# -- swapping folders -----------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_renameat2 = None


def _libc_renameat2():
    global _renameat2
    if _renameat2 is None:
        fn = False
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            fn = libc.renameat2
            fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
            fn.restype = ctypes.c_int
        except (OSError, AttributeError):
            fn = False
        _renameat2 = fn
    return _renameat2 or None


def exchange(a: Path, b: Path) -> bool:
    """Swap the folders ``a`` and ``b`` in one step (both must exist, on one file system).

    Returns False when the system cannot (not Linux, a libc without ``renameat2``, a file
    system without ``RENAME_EXCHANGE``); the caller then falls back to two renames."""
    fn = _libc_renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))
