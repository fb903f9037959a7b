"""The root's ``mkdocs.yml``, reviewed (SPEC §7.6, rule F007).

``mkdocs.yml`` arrives by pull request like every corpus file, and MkDocs treats much of it
as code: ``hooks`` and ``plugins`` run Python, ``theme.custom_dir`` publishes any folder,
``!ENV`` copies environment variables (CI secrets) into pages, and Material writes several
values into HTML attributes unescaped. So govpub reads it as data and keeps only a short list
of settings it understands, each with its type checked (docs/corpus.md lists them):

* ``site_name``, ``site_description``, ``site_author``, ``copyright``: one line of text;
* ``site_url``: an ``http(s)://`` address;
* ``theme``: ``name`` (material), ``language``, ``palette``, ``features``, ``icon``,
  ``font: false``, ``logo`` and ``favicon`` (image files inside the root);
* ``extra_css`` / ``extra_javascript``: ``.css`` / ``.js`` files inside the root;
* ``extra``: ``generator``, ``homepage``, ``social``;
* ``markdown_extensions``: a few that only add syntax (:data:`SAFE_EXTENSIONS`).

Anything else — another key, a YAML tag, an anchor, a path leaving the root, a hidden or
linked file, a value of the wrong type — is a problem with its key and line, reported by
``govpub check`` as F007; ``govpub build`` refuses while there is one, and what reaches MkDocs
is only :attr:`SiteConfig.accepted`, never the file itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .source import CONTROL_RE, CORE_TAGS

CONFIG_FILE = "mkdocs.yml"
#: Where files named by the configuration (logo, CSS, JS) are put in the site.
ASSET_PREFIX = "assets/custom/"

#: Markdown extensions a corpus may turn on: they only add syntax, take no options that name
#: files or code, and cannot turn escaped corpus text into markup.
SAFE_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "sane_lists",
    "tables",
    "toc",
)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
FAVICON_SUFFIXES = IMAGE_SUFFIXES + (".ico",)

_TOKEN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._\-]{0,63}$")
_ICON_RE = re.compile(r"^[a-z0-9][a-z0-9\-]*(?:/[a-z0-9][a-z0-9\-]*){1,3}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
_MEDIA_RE = re.compile(r"^[A-Za-z0-9 ():,.\-]{1,120}$")
_URL_RE = re.compile(r"^https?://[^\s\"'<>\\`{}|^]+$")
_PATH_PART_RE = re.compile(r"^[A-Za-z0-9_\-][A-Za-z0-9_.\-]*$")


@dataclass
class ConfigProblem:
    line: int
    key: str
    message: str


@dataclass
class SiteConfig:
    """What govpub accepts from the root's ``mkdocs.yml``."""

    path: str = CONFIG_FILE
    #: the reviewed settings, in MkDocs' own shape (paths already pointing into the site)
    accepted: dict[str, Any] = field(default_factory=dict)
    #: files to copy into the site: (site path, root-relative source path)
    files: list[tuple[str, str]] = field(default_factory=list)
    problems: list[ConfigProblem] = field(default_factory=list)


class _Review:
    def __init__(self, root: Path, cfg: SiteConfig):
        self.root = root
        self.cfg = cfg

    def problem(self, node: yaml.Node | None, key: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.cfg.problems.append(ConfigProblem(line, key, message))

    # -- values ------------------------------------------------------------------------------
    def scalar(self, node: yaml.Node, key: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, key, f"{key} 应是单个值，不能是列表或映射")
            return None
        try:
            return yaml.SafeLoader("").construct_object(node)  # core tags only (checked before)
        except yaml.YAMLError:
            self.problem(node, key, f"{key} 的值无法读取")
            return None

    def text(self, node: yaml.Node, key: str) -> str | None:
        value = self.scalar(node, key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(node, key, f"{key} 应是一行文字（{value!r} 不是文字，如确要写请加引号）")
            return None
        if "\n" in value or CONTROL_RE.search(value):
            self.problem(node, key, f"{key} 应是一行文字，不能含换行或控制字符")
            return None
        if len(value) > 500:
            self.problem(node, key, f"{key} 过长（{len(value)} 个字符，最多 500）")
            return None
        return value

    def matching(self, node: yaml.Node, key: str, pattern: re.Pattern, what: str) -> str | None:
        value = self.scalar(node, key)
        if value is None:
            return None
        if not isinstance(value, str) or not pattern.match(value):
            self.problem(node, key, f"{key} 的值“{value}”不可用：应是{what}")
            return None
        return value

    def boolean(self, node: yaml.Node, key: str) -> bool | None:
        value = self.scalar(node, key)
        if not isinstance(value, bool):
            if value is not None:
                self.problem(node, key, f"{key} 应是 true 或 false")
            return None
        return value

    def path(self, node: yaml.Node, key: str, suffixes: tuple[str, ...]) -> str | None:
        """A file inside the root, given relative to it; returns its path in the site."""
        value = self.scalar(node, key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(node, key, f"{key} 应是相对于语料库根目录的文件路径")
            return None
        why = _path_problem(self.root, value, suffixes)
        if why:
            self.problem(node, key, f"{key} 的路径“{value}”不可用：{why}")
            return None
        target = ASSET_PREFIX + value
        if (target, value) not in self.cfg.files:
            self.cfg.files.append((target, value))
        return target

    def mapping(
        self, node: yaml.Node, key: str, handlers: dict[str, Callable[[yaml.Node, str], Any]]
    ) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, key, f"{key} 应是“键: 值”形式的映射")
            return None
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            name = knode.value if isinstance(knode, yaml.ScalarNode) else "?"
            full = f"{key}.{name}" if key else name
            handler = handlers.get(name)
            if handler is None:
                self.problem(knode, full, _unknown(full, handlers))
                continue
            value = handler(vnode, full)
            if value is not None:
                out[name] = value
        return out

    def sequence(
        self, node: yaml.Node, key: str, item: Callable[[yaml.Node, str], Any], single: bool = False
    ) -> list | None:
        if single and not isinstance(node, yaml.SequenceNode):
            value = item(node, key)
            return None if value is None else [value]
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, key, f"{key} 应是列表")
            return None
        out = []
        for i, child in enumerate(node.value):
            value = item(child, f"{key}[{i + 1}]")
            if value is not None:
                out.append(value)
        return out

    # -- sections ----------------------------------------------------------------------------
    def theme(self, node: yaml.Node, key: str) -> dict | None:
        def name(n, k):
            value = self.scalar(n, k)
            if value != "material":
                self.problem(n, k, f"{k} 只能是 material（govpub 的页面为 Material for MkDocs 而写）")
                return None
            return value

        def font(n, k):
            value = self.scalar(n, k)
            if value is not False:
                self.problem(n, k, f"{k} 只能是 false：网页不从第三方网站加载字体，使用读者电脑上的中文字体")
                return None
            return False

        def palette_entry(n, k):
            return self.mapping(
                n,
                k,
                {
                    "media": lambda v, kk: self.matching(
                        v, kk, _MEDIA_RE, '媒体查询，如 "(prefers-color-scheme: dark)"'
                    ),
                    "scheme": lambda v, kk: self.matching(v, kk, _TOKEN_RE, "配色方案名，如 default、slate"),
                    "primary": lambda v, kk: self.matching(v, kk, _TOKEN_RE, "颜色名，如 red、indigo"),
                    "accent": lambda v, kk: self.matching(v, kk, _TOKEN_RE, "颜色名，如 red、indigo"),
                    "toggle": lambda v, kk: self.mapping(
                        v,
                        kk,
                        {
                            "icon": lambda w, kkk: self.matching(w, kkk, _ICON_RE, "图标名，如 material/brightness-7"),
                            "name": self.text,
                        },
                    ),
                },
            )

        return self.mapping(
            node,
            key,
            {
                "name": name,
                "language": lambda n, k: self.matching(n, k, _LANG_RE, "语言代码，如 zh"),
                "palette": lambda n, k: self.sequence(n, k, palette_entry, single=True),
                "features": lambda n, k: self.sequence(
                    n, k, lambda v, kk: self.matching(v, kk, _TOKEN_RE, "Material 的功能名，如 navigation.top")
                ),
                "icon": lambda n, k: self.mapping(
                    n,
                    k,
                    {
                        sub: (lambda v, kk: self.matching(v, kk, _ICON_RE, "图标名，如 material/library"))
                        for sub in (
                            "logo",
                            "repo",
                            "edit",
                            "view",
                            "menu",
                            "alternate",
                            "search",
                            "share",
                            "close",
                            "top",
                            "previous",
                            "next",
                        )
                    },
                ),
                "font": font,
                "logo": lambda n, k: self.path(n, k, IMAGE_SUFFIXES),
                "favicon": lambda n, k: self.path(n, k, FAVICON_SUFFIXES),
            },
        )

    def extra(self, node: yaml.Node, key: str) -> dict | None:
        def social(n, k):
            return self.mapping(
                n,
                k,
                {
                    "icon": lambda v, kk: self.matching(v, kk, _ICON_RE, "图标名，如 fontawesome/brands/weixin"),
                    "link": lambda v, kk: self.matching(v, kk, _URL_RE, "以 http:// 或 https:// 开头的网址"),
                    "name": self.text,
                },
            )

        return self.mapping(
            node,
            key,
            {
                "generator": self.boolean,
                "homepage": lambda n, k: self.matching(n, k, _URL_RE, "以 http:// 或 https:// 开头的网址"),
                "social": lambda n, k: self.sequence(n, k, social),
            },
        )

    def extension(self, node: yaml.Node, key: str) -> Any:
        if isinstance(node, yaml.ScalarNode):
            name = self.scalar(node, key)
            options = None
        elif isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            name = self.scalar(node.value[0][0], key)
            options = node.value[0][1]
        else:
            self.problem(node, key, f"{key} 应是扩展名，或“扩展名: 选项”")
            return None
        if name not in SAFE_EXTENSIONS:
            self.problem(
                node, key, f"Markdown 扩展“{name}”不在 govpub 接受的范围内，可用：{'、'.join(SAFE_EXTENSIONS)}"
            )
            return None
        if options is None or (isinstance(options, yaml.ScalarNode) and options.value in ("", "~", "null")):
            return name
        if name == "toc":
            opts = self.mapping(
                options,
                f"{key}.toc",
                {
                    "permalink": self.boolean,
                    "toc_depth": lambda n, k: self.matching(n, k, re.compile(r"^[1-6](-[1-6])?$"), "1 到 6 的数字"),
                },
            )
            if opts is None:
                return None
            if "toc_depth" in opts:
                depth = opts["toc_depth"]
                opts["toc_depth"] = int(depth) if depth.isdigit() else depth
            return {"toc": opts}
        self.problem(options, key, f"Markdown 扩展 {name} 不接受选项：请只写扩展名")
        return None


_TOP: dict[str, str] = {
    "site_name": "text",
    "site_description": "text",
    "site_author": "text",
    "copyright": "text",
    "site_url": "url",
    "theme": "theme",
    "extra": "extra",
    "extra_css": "css",
    "extra_javascript": "js",
    "markdown_extensions": "extensions",
}

#: Keys people often try, with why govpub does not take them.
_REFUSED_WHY = {
    "hooks": "hooks 会在生成网站时运行其中的 Python 代码",
    "plugins": "插件会在生成网站时运行代码；govpub 自带检索",
    "custom_dir": "custom_dir 会把任意文件夹中的模板和文件发布出去",
    "nav": "导航由 govpub 根据语料生成",
    "docs_dir": "页面由 govpub 生成",
    "site_dir": "输出位置用 govpub build --out 指定",
    "use_directory_urls": "网址格式是约定的一部分，不能更改",
    "INHERIT": "不能引用其他配置文件",
    "repo_url": "不显示代码仓库链接",
    "edit_uri": "不显示编辑链接",
    "extra_templates": "会把模板当作页面生成",
    "validation": "由 govpub 设定",
    "strict": "由 govpub 设定",
    "watch": "由 govpub serve 设定",
    "dev_addr": "由 govpub serve 设定",
    "remote_branch": "发布由 CI 负责",
    "remote_name": "发布由 CI 负责",
}


def _unknown(key: str, known) -> str:
    last = key.rsplit(".", 1)[-1]
    why = _REFUSED_WHY.get(last)
    allowed = "、".join(known)
    return (
        f"govpub 不接受 mkdocs.yml 中的 {key}"
        + (f"（{why}）" if why else "")
        + f"：请删除它。此处可用的键：{allowed}（见 docs/corpus.md）"
    )


def _path_problem(root: Path, value: str, suffixes: tuple[str, ...]) -> str | None:
    """Why ``value`` is not a file inside ``root`` that may be published, or None."""
    if not value or value.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", value):
        return "须是相对于语料库根目录的路径（不能是绝对路径或网址）"
    parts = value.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "路径中不能有 .. 、. 或空的部分"
    if any(p.startswith(".") for p in parts):
        return "不能是隐藏文件或隐藏文件夹中的文件"
    if not all(_PATH_PART_RE.match(p) for p in parts):
        return "路径只能用字母、数字、点、连字符和下划线"
    if parts[0] in ("content", "regulations"):
        return "不能放在 content/ 或 regulations/ 中（请放在如 assets/ 的文件夹里）"
    if not value.lower().endswith(suffixes):
        return f"文件类型须是 {'、'.join(suffixes)} 之一"
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            return "路径中有符号链接"
    if not path.is_file():
        return "文件不存在"
    return None


def _check_tree(node: yaml.Node, review: _Review, depth: int = 0) -> bool:
    """No tags beyond the core schema, no anchors or aliases, no deep nesting."""
    if depth > 12:
        review.problem(node, "", "mkdocs.yml 嵌套过深")
        return False
    if node.tag not in CORE_TAGS:
        review.problem(
            node,
            "",
            f"不支持 YAML 标签 {node.tag}（如 !ENV、!!python/name）：mkdocs.yml 中的值"
            "只能直接写出，不能取环境变量或引用代码",
        )
        return False
    if getattr(node, "anchor", None):
        review.problem(node, "", "mkdocs.yml 中不支持锚点与别名（& 与 *）：请把值直接写出来")
        return False
    ok = True
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            ok = _check_tree(child, review, depth + 1) and ok
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            ok = _check_tree(k, review, depth + 1) and ok
            ok = _check_tree(v, review, depth + 1) and ok
    return ok


class _Composer(yaml.SafeLoader):
    """Composes nodes only; unknown tags stay on the nodes for :func:`_check_tree`."""


def read_site_config(root: Path) -> SiteConfig | None:
    """Review ``root/mkdocs.yml``; None when there is none."""
    path = root / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return None
    cfg = SiteConfig()
    review = _Review(root, cfg)
    if path.is_symlink() or not path.is_file():
        review.problem(None, "", "mkdocs.yml 须是普通文件（不能是符号链接或文件夹）")
        return cfg
    data = path.read_bytes()
    if len(data) > 200_000:
        review.problem(None, "", "mkdocs.yml 超过 200 KB：请精简")
        return cfg
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        cfg.problems.append(ConfigProblem(line, "", f"mkdocs.yml 不是 UTF-8 文本（第 {line} 行起）：请另存为 UTF-8"))
        return cfg
    if "&" in text or "*" in text or "!" in text:
        try:  # anchors, aliases and tags show in the event stream (no construction yet)
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    cfg.problems.append(
                        ConfigProblem(
                            event.start_mark.line + 1, "", "mkdocs.yml 中不支持锚点与别名（& 与 *）：请把值直接写出来"
                        )
                    )
                    return cfg
        except yaml.YAMLError:
            pass  # the compose below reports it
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        cfg.problems.append(
            ConfigProblem(mark.line + 1 if mark else 1, "", f"mkdocs.yml 不是有效的 YAML：{exc.problem or exc}")
        )
        return cfg
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        cfg.problems.append(ConfigProblem(1, "", f"mkdocs.yml 无法解析：{type(exc).__name__}"))
        return cfg
    if node is None:
        return cfg
    if not _check_tree(node, review):
        return cfg
    if not isinstance(node, yaml.MappingNode):
        review.problem(node, "", "mkdocs.yml 须是“键: 值”形式的映射")
        return cfg
    handlers: dict[str, Callable[[yaml.Node, str], Any]] = {
        "text": review.text,
        "url": lambda n, k: review.matching(n, k, _URL_RE, "以 http:// 或 https:// 开头的网址"),
        "theme": review.theme,
        "extra": review.extra,
        "css": lambda n, k: review.sequence(n, k, lambda v, kk: review.path(v, kk, (".css",))),
        "js": lambda n, k: review.sequence(n, k, lambda v, kk: review.path(v, kk, (".js",))),
        "extensions": lambda n, k: review.sequence(n, k, review.extension),
    }
    seen: set[str] = set()
    for knode, vnode in node.value:
        key = knode.value if isinstance(knode, yaml.ScalarNode) else "?"
        if key in seen:
            review.problem(knode, key, f"键 {key} 重复出现：请删除其中一个")
            continue
        seen.add(key)
        kind = _TOP.get(key)
        if kind is None:
            review.problem(knode, key, _unknown(key, _TOP))
            continue
        value = handlers[kind](vnode, key)
        if value is not None:
            cfg.accepted[key] = value
    return cfg
