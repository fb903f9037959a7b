"""The volume's folder on disk: built aside, moved into place whole, recognised by its manifest.

Nothing half-written is ever left in the output folder: the volume is built in a hidden folder
beside it and moved into place when complete; an existing volume is replaced as a whole, in one
step where the system can exchange two folders (:func:`generator.outputs.exchange`), so the
folder always holds a complete volume. Where it cannot, the old volume is renamed aside first,
and an export interrupted between the two renames is repaired by the next export before it
does anything else (:func:`recover`, even in an export that then refuses). The folder must be
new, empty or a volume govpub wrote (:func:`generator.outputs.guard_dir`), recognised by its
own ``manifest.json`` (:func:`is_volume`: the folder goes to the archive, so it carries no
marker file); never the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from pathlib import Path

from ...outputs import exchange

__all__ = ["recover", "remove_stale", "is_volume", "move", "replace_dir", "staging_dir"]

_STALE_RE = r"\.{name}\.govpub-(old-)?(\d+)-[0-9a-f]{{8}}"


def _dead(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False
    return False


def recover(parent: Path, name: str) -> None:
    """When ``parent/name`` is missing but an export that was killed between its two renames
    left the old volume aside (``.name.govpub-old-PID-…``, its process gone), put it back."""
    if os.name != "posix" or not parent.is_dir() or (parent / name).exists():
        return
    pattern = re.compile(_STALE_RE.format(name=re.escape(name)))
    for path in sorted(parent.iterdir()):
        m = pattern.fullmatch(path.name)
        if m and m.group(1) and path.is_dir() and _dead(int(m.group(2))):
            os.rename(path, parent / name)
            return


def remove_stale(parent: Path, name: str) -> None:
    """Hidden folders left beside the volume by an export that was killed (its process is
    gone): a staging folder never moved into place, or an old volume not yet deleted (once
    the volume itself is in place: :func:`recover` runs first)."""
    if os.name != "posix":  # os.kill(pid, 0) only asks on POSIX (on Windows it terminates)
        return
    pattern = re.compile(_STALE_RE.format(name=re.escape(name)))
    for path in parent.iterdir():
        m = pattern.fullmatch(path.name)
        if not m or not path.is_dir():
            continue
        if m.group(1) and not (parent / name).exists():
            continue  # the only copy of the volume: never delete it
        if _dead(int(m.group(2))):
            shutil.rmtree(path, ignore_errors=True)


def is_volume(folder: Path) -> bool:
    """Whether ``folder`` is a volume govpub wrote (for :func:`generator.outputs.guard_dir`).

    A volume is handed to the archive as it is, so govpub leaves no marker file in it: it is
    recognised by its ``manifest.json`` (fonds, year, category and the list of files), which
    must list every file in the folder; a folder holding anything else (a subfolder, a file
    not in the list) is not replaced."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not {"全宗号", "年度", "门类"} <= data.keys():
            return False
        listed = {str(row["文件名"]) for row in data["文件"]}
        for path in folder.iterdir():
            if path.name in ("manifest.json", "manifest.csv"):
                continue
            if path.name not in listed or path.is_symlink() or not path.is_file():
                return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return True


def move(src: Path, dst: Path) -> tuple[int, str]:
    """Move ``src`` to ``dst``; returns (byte size, SHA-256)."""
    data = src.read_bytes()
    dst.write_bytes(data)
    src.unlink()
    return len(data), hashlib.sha256(data).hexdigest()


def replace_dir(new: Path, out_dir: Path) -> None:
    """Put ``new`` where ``out_dir`` is, old and new files never mixed: one exchange where the
    system can (``out_dir`` is never missing), else the old folder is renamed aside first
    (and put back by the next export if this one is killed before the second rename)."""
    if out_dir.exists():
        if exchange(new, out_dir):
            shutil.rmtree(new, ignore_errors=True)  # the old volume, now where the new one was
            return
        old = out_dir.parent / f".{out_dir.name}.govpub-old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        os.rename(out_dir, old)
        try:
            os.rename(new, out_dir)
        except BaseException:
            if not out_dir.exists():
                os.rename(old, out_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return
    os.rename(new, out_dir)


def staging_dir(out_dir: Path) -> Path:
    """The hidden folder beside ``out_dir`` that a new volume is built in (named so that
    :func:`remove_stale` recognises it once the export that made it is gone)."""
    return out_dir.parent / f".{out_dir.name}.govpub-{os.getpid()}-{uuid.uuid4().hex[:8]}"
