"""``govpub diff``: what a pull request changes, written for a PR comment.

Lists documents, disclosure items and regulation versions added, changed or
removed since a git ref, and for regulation versions the article-level
comparison (with the same matching the site's changes page uses).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .corpus.source import read_source
from .gitutil import GitError
from .model import Corpus
from .text.articles import parse_regulation
from .text.compare import Comparison, article_text, compare_versions

MAX_TEXT = 160


@dataclass
class FileChange:
    status: str  # A added, M modified, D deleted, R renamed
    path: str
    old_path: str | None = None


@dataclass
class PullRequestDiff:
    ref: str
    documents: list[tuple[FileChange, str]] = field(default_factory=list)
    disclosures: list[tuple[FileChange, str]] = field(default_factory=list)
    versions: list[tuple[FileChange, str, Comparison | None, str | None]] = field(default_factory=list)
    other: list[FileChange] = field(default_factory=list)


def _git(root: Path, *args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise GitError("找不到 git 命令：govpub diff 需要 git") from None
    if out.returncode != 0:
        raise GitError(out.stderr.strip() or f"git {' '.join(args)} 失败")
    return out.stdout


def _changes(root: Path, ref: str) -> list[FileChange]:
    raw = _git(root, "diff", "--name-status", "-M", "-z", ref, "--", "content", "regulations").split("\0")
    out, i = [], 0
    while i < len(raw) and raw[i]:
        status = raw[i][0]
        if status == "R":
            out.append(FileChange("R", raw[i + 2], raw[i + 1]))
            i += 3
        else:
            out.append(FileChange(status, raw[i + 1]))
            i += 2
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", "content", "regulations")
    out += [FileChange("A", p) for p in untracked.split("\0") if p]
    return out


def _old_source(root: Path, ref: str, path: str, kind: str):
    try:
        data = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=root, capture_output=True, timeout=60).stdout
    except OSError:
        return None
    return read_source(data, path, kind) if data else None


def _title_of(corpus: Corpus, path: str) -> str:
    for d in corpus.documents:
        if d.path == path:
            return f"{d.number_raw or ''} {d.title}".strip()
    for i in corpus.disclosures:
        if i.path == path:
            return i.title
    return ""


def pull_request_diff(corpus: Corpus, ref: str) -> PullRequestDiff:
    root = Path(corpus.root)
    result = PullRequestDiff(ref=ref)
    versions = {v.path: v for v in corpus.versions}
    for ch in _changes(root, ref):
        parts = ch.path.split("/")
        if ch.path.startswith("content/documents/") and ch.path.endswith(".md"):
            result.documents.append((ch, _title_of(corpus, ch.path)))
        elif ch.path.startswith("content/disclosures/") and ch.path.endswith(".md"):
            result.disclosures.append((ch, _title_of(corpus, ch.path)))
        elif ch.path.startswith("regulations/") and ch.path.endswith(".md") and len(parts) == 3:
            slug = parts[1]
            reg = corpus.regulations.get(slug)
            title = reg.title if reg else slug
            cmp, base_label = None, None
            if ch.status != "D" and ch.path in versions:
                new = parse_regulation(versions[ch.path].source.body)
                if ch.status == "M":
                    old_src = _old_source(root, ref, ch.path, "version")
                    if old_src is not None:
                        cmp = compare_versions(parse_regulation(old_src.body), new)
                        base_label = f"{ref} 中的同一版本"
                else:
                    earlier = [v for v in reg.versions if v.path < ch.path] if reg else []
                    if earlier:
                        cmp = compare_versions(parse_regulation(earlier[-1].source.body), new)
                        base_label = f"上一版本 {Path(earlier[-1].path).stem}"
            result.versions.append((ch, title, cmp, base_label))
        else:
            result.other.append(ch)
    return result


STATUS = {"A": "新增", "M": "修改", "D": "删除", "R": "移动"}


def _clip(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "……"


def _md_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "&#124;")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("`", "\\`")
    )


def _change_line(ch) -> str:
    if ch.kind == "added":
        return f"| 新增 | {ch.new.label} | <ins>{_md_escape(_clip(article_text(ch.new)))}</ins> |"
    if ch.kind == "deleted":
        return f"| 删除 | 原{ch.old.label} | <del>{_md_escape(_clip(article_text(ch.old)))}</del> |"
    parts = []
    for seg in ch.segments:
        raw = seg.text.replace("\n", " ")
        if seg.op == "equal" and len(raw) > 40:  # keep a little context around each change
            raw = raw[:15] + "……" + raw[-15:]
        text = _md_escape(raw)
        parts.append(
            f"<ins>{text}</ins>" if seg.op == "insert" else f"<del>{text}</del>" if seg.op == "delete" else text
        )
    label = ch.new.label if ch.old.label == ch.new.label else f"{ch.new.label}（原{ch.old.label}）"
    return f"| 修改 | {label} | {''.join(parts)} |"


def render_markdown(diff: PullRequestDiff) -> str:
    out = [f"### govpub：本次修改的内容（相对于 `{diff.ref}`）", ""]
    if not (diff.documents or diff.disclosures or diff.versions or diff.other):
        return "\n".join(out + ["没有改动语料文件。", ""])
    if diff.documents:
        out += ["**公文**", ""]
        out += [f"- {STATUS[c.status]}：`{c.path}` {_md_escape(t)}" for c, t in diff.documents]
        out.append("")
    if diff.disclosures:
        out += ["**政务公开事项**", ""]
        out += [f"- {STATUS[c.status]}：`{c.path}` {_md_escape(t)}" for c, t in diff.disclosures]
        out.append("")
    for c, title, cmp, base in diff.versions:
        out += [f"**制度《{_md_escape(title)}》** {STATUS[c.status]}版本 `{c.path}`", ""]
        if cmp is None:
            out += ["（没有可比较的上一版本）" if c.status != "D" else "（版本被删除）", ""]
            continue
        out += [
            f"与{base}相比：新增 {cmp.added} 条，删除 {cmp.deleted} 条，修改 {cmp.changed} 条，"
            f"仅条号变化 {cmp.renumbered} 条，未变 {cmp.unchanged} 条。",
            "",
        ]
        out += [f"- 章节：{_md_escape(n)}" for n in cmp.chapter_changes]
        rows = [ch for ch in cmp.changes if ch.kind in ("added", "deleted", "changed")]
        if rows:
            out += ["| | 条 | 内容 |", "|---|---|---|", *[_change_line(ch) for ch in rows], ""]
    if diff.other:
        out += ["**其他文件**", ""]
        out += [f"- {STATUS.get(c.status, c.status)}：`{c.path}`" for c in diff.other]
        out.append("")
    return "\n".join(out)
