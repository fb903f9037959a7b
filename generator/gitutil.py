"""The little git the editor's workflow needs: which corpus files changed since a ref."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import UsageError

CORPUS_PREFIXES = ("content/", "regulations/")


class GitError(UsageError):
    """git failed or is missing (a usage error: the ref or the folder is not what the user meant)."""


def _git(root: Path, *args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise GitError("找不到 git 命令：--changed-since 需要 git") from None
    if out.returncode != 0:
        raise GitError(out.stderr.strip() or f"git {' '.join(args)} 失败")
    return out.stdout


def verify_ref(root: Path, ref: str) -> None:
    """Raise :class:`GitError` unless ``ref`` names a commit in the repository at ``root``."""
    _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")


def changed_files(root: str | Path, ref: str) -> list[str]:
    """Corpus files (root-relative) added or modified since ``ref``, committed or not.

    Deleted files are not returned (there is nothing to check), but the rest of
    the corpus is still judged against what remains.
    """
    root = Path(root).resolve()
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
        verify_ref(root, ref)
        names = _git(root, "diff", "--name-only", "--diff-filter=d", "-z", ref, "--", ".").split("\0")
        names += _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", ".").split("\0")
    except GitError as exc:
        raise GitError(f"--changed-since {ref}：{exc}") from None
    out = set()
    for name in names:
        if not name:
            continue
        full = (top / name).resolve()
        try:
            rel = full.relative_to(root).as_posix()
        except ValueError:
            continue
        if rel.startswith(CORPUS_PREFIXES) and full.is_file():
            out.add(rel)
    return sorted(out)
