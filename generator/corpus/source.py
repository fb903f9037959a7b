"""Reading one corpus file: bytes to text, front matter to values with lines.

Every value keeps the 1-based line it came from, so a rule can point an editor
at the exact line. Nothing here raises on bad input: problems are recorded on
the :class:`Source` and turned into diagnostics by the F001/F002 rules.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is much faster for ten thousand files
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

#: Nesting deeper than this is never needed by the schema and is refused.
MAX_YAML_DEPTH = 20
#: Front matter larger than this is refused (bodies may be large; metadata not).
MAX_FRONT_MATTER_CHARS = 200_000

_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ].*)?$")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")

#: Dates outside this span are not taken as dates (D001): no real document needs them, and
#: date arithmetic near year 1 or 9999 overflows. ``--as-of`` is held to the same span.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2999, 12, 31)

#: Characters that are not text: C0/C1 controls (Word's manual line break U+000B among them),
#: Unicode line/paragraph separators, and the bidirectional overrides that make a reviewer
#: read something other than what is published. Tab and newline are text.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Names shown in messages for the control characters editors meet most.
CONTROL_NAMES = {
    "\x0b": "Word 的手动换行符",
    "\x0c": "分页符",
    "\x07": "响铃符",
    "\x85": "下一行符 NEL",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
}

#: YAML tags a corpus value may carry (the core schema); anything else (!ENV, !!python/…,
#: !!binary, !!set …) is refused rather than interpreted.
CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


def control_name(ch: str) -> str:
    """U+000B（Word 的手动换行符） — how a control character is named in a message."""
    name = CONTROL_NAMES.get(ch) or ("双向文字控制符" if "\u202a" <= ch <= "\u2069" else "控制字符")
    return f"U+{ord(ch):04X}（{name}）"


@dataclass
class Field:
    """A front-matter value and where it stands in the file."""

    value: Any
    line: int
    #: for lists: the line of each element
    item_lines: list[int] = field(default_factory=list)
    #: the scalar as written (for dates YAML could not read, e.g. 2025-02-30)
    raw: str | None = None


@dataclass
class EncodingProblem:
    line: int
    looks_like_gbk: bool
    binary: bool = False


@dataclass
class MetaProblem:
    line: int
    message: str


@dataclass
class Source:
    """One file of the corpus as read from disk."""

    path: str  # root-relative, POSIX separators
    kind: str  # site | document | regulation | version | disclosure
    text: str | None = None
    encoding_problem: EncodingProblem | None = None
    meta: dict[str, Field] | None = None
    meta_problem: MetaProblem | None = None
    #: (line number, text) of every body line after the front matter
    body: list[tuple[int, str]] = field(default_factory=list)
    had_bom: bool = False
    had_crlf: bool = False
    #: (line, character) of the first control characters in the text (F001), at most a few
    control_chars: list[tuple[int, str]] = field(default_factory=list)
    _paragraphs: list[tuple[int, str]] | None = field(default=None, repr=False, compare=False)

    def line_of(self, key: str) -> int:
        """Line of ``key`` in the front matter, or 1 when it is absent."""
        if self.meta and key in self.meta:
            return self.meta[key].line
        return 1

    def value(self, key: str, default: Any = None) -> Any:
        if self.meta and key in self.meta:
            return self.meta[key].value
        return default

    def has(self, key: str) -> bool:
        return bool(self.meta) and key in self.meta

    @property
    def body_text(self) -> str:
        return "\n".join(t for _, t in self.body)

    def body_slice(self) -> str:
        """The file's text from the first body line on: for a quick search of the whole body
        before looking at it line by line (cheaper than joining the lines)."""
        if not self.body or not self.text:
            return ""
        text, pos = self.text, 0
        for _ in range(self.body[0][0] - 1):
            pos = text.find("\n", pos) + 1
            if pos == 0:
                return ""
        return text[pos:]

    def paragraphs(self) -> list[tuple[int, str]]:
        """Non-empty body lines, stripped: the corpus writes one paragraph a line.

        Computed once: a dozen rules read every body.
        """
        if self._paragraphs is None:
            self._paragraphs = [(n, t.strip()) for n, t in self.body if t.strip()]
        return self._paragraphs


def decode(data: bytes, src: Source) -> str | None:
    """Decode UTF-8 (BOM optional), normalise CRLF; record F001 facts on failure."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        src.had_bom = True
    nul = data.find(b"\x00")
    if nul >= 0:
        src.encoding_problem = EncodingProblem(line=data.count(b"\n", 0, nul) + 1, looks_like_gbk=False, binary=True)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        gbk = False
        try:
            gbk = bool(_CJK_RE.search(data.decode("gb18030")))
        except UnicodeDecodeError:
            pass
        src.encoding_problem = EncodingProblem(line=line, looks_like_gbk=gbk)
        return None
    if "\r" in text:
        src.had_crlf = "\r\n" in text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_front_matter(text: str, src: Source) -> tuple[str | None, int]:
    """Return the front-matter YAML and the line its first line has.

    One grammar (SPEC §7.6): the first line is exactly ``---`` and the front matter is closed
    by the next line that is exactly ``---``. A line that only looks like a delimiter (``...``,
    an indented ``---``, ``---`` followed by spaces) inside the front matter is a problem, not
    a silent end: a reviewer reading the file would see keys after it that the tool would
    have taken as body text. Sets ``src.body`` to the lines after the closing delimiter.
    """
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        if lines and lines[0].strip() == "---":
            src.meta_problem = MetaProblem(1, "第一行须是单独的 ---（前后不能有空格或其他字符）")
        else:
            src.meta_problem = MetaProblem(
                1, "文件须以 YAML 前置元数据开头：第一行写 ---，随后是键值，再以一行 --- 结束"
            )
        src.body = [(i + 1, t) for i, t in enumerate(lines)]
        return None, 2
    for i in range(1, len(lines)):
        line = lines[i]
        if line == "---":
            src.body = [(j + 1, lines[j]) for j in range(i + 1, len(lines))]
            if lines and src.body and src.body[-1][1] == "":
                src.body.pop()  # the final newline is not a body line
            return "\n".join(lines[1:i]), 2
        if line.strip() in ("---", "..."):
            src.meta_problem = MetaProblem(
                i + 1,
                f"第 {i + 1} 行“{line.strip()}”{'前后有空白' if line.strip() == '---' else ''}，"
                "不是前置元数据的结束标记：前置元数据只以单独一行 ---（顶格、无空格）结束。"
                "请把这一行改为 ---，或删除它；在它之后写的键不会被当作正文",
            )
            src.body = [(j + 1, lines[j]) for j in range(i + 1, len(lines))]
            return None, 2
    src.meta_problem = MetaProblem(1, "前置元数据没有结束：请在键值之后加一行 ---")
    return None, 2


_constructor = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode) -> tuple[Any, str | None]:
    tag = node.tag
    if tag.endswith(":timestamp"):
        m = _DATE_RE.match(node.value)
        if m:
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
                if MIN_DATE <= day <= MAX_DATE:
                    return day, None
            except ValueError:
                pass
        return node.value, node.value  # keep as written; D001 reports it
    if tag.endswith(":str"):
        return node.value, None
    try:
        return _constructor.construct_object(node, deep=True), None
    except Exception:  # noqa: BLE001 - any odd scalar is kept as text
        return node.value, None


class _YamlShapeError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _check_tag(node: yaml.Node, base: int) -> None:
    if node.tag not in CORE_TAGS:
        raise _YamlShapeError(
            node.start_mark.line + base,
            f"不支持 YAML 标签 {node.tag.replace('tag:yaml.org,2002:', '!!')}：值只能是文字、"
            "数字、日期、列表或映射，请删除标签",
        )


def _to_python(node: yaml.Node, base: int, depth: int = 0) -> Any:
    if depth > MAX_YAML_DEPTH:
        raise _YamlShapeError(node.start_mark.line + base, f"嵌套超过 {MAX_YAML_DEPTH} 层")
    _check_tag(node, base)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)[0]
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(n, base, depth + 1) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for k, v in node.value:
            key = _to_python(k, base, depth + 1)
            key = str(key)
            if key in out:
                raise _YamlShapeError(k.start_mark.line + base, f"键 {key} 重复出现")
            out[key] = _to_python(v, base, depth + 1)
        return out
    raise _YamlShapeError(node.start_mark.line + base, "无法识别的 YAML 结构")


def _has_alias(yaml_text: str) -> int | None:
    """Line (0-based) of the first anchor or alias, or None (cheap pre-check)."""
    if "&" not in yaml_text and "*" not in yaml_text:
        return None
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return event.start_mark.line
    except yaml.YAMLError:
        return None  # the real parse reports it
    return None


def parse_mapping(yaml_text: str, base: int, src: Source) -> None:
    """Parse ``yaml_text`` (starting at file line ``base``) into ``src.meta``."""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        src.meta_problem = MetaProblem(1, f"前置元数据超过 {MAX_FRONT_MATTER_CHARS} 个字符，请精简")
        return
    alias = _has_alias(yaml_text)
    if alias is not None:
        src.meta_problem = MetaProblem(alias + base, "不支持 YAML 锚点和别名（& 与 *）：请把值直接写出来")
        return
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + base) if mark else base
        problem = exc.problem or str(exc)
        src.meta_problem = MetaProblem(line, f"YAML 语法错误：{problem}。请检查缩进、冒号后的空格和引号是否成对")
        return
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        src.meta_problem = MetaProblem(base, f"YAML 无法解析：{type(exc).__name__}")
        return
    if node is None:
        src.meta = {}
        return
    if node.tag not in CORE_TAGS:
        src.meta_problem = MetaProblem(node.start_mark.line + base, f"不支持 YAML 标签 {node.tag}：请删除标签")
        return
    if not isinstance(node, yaml.MappingNode):
        src.meta_problem = MetaProblem(node.start_mark.line + base, "前置元数据须是“键: 值”形式的映射")
        return
    meta: dict[str, Field] = {}
    try:
        for knode, vnode in node.value:
            key = str(_to_python(knode, base))
            line = knode.start_mark.line + base
            if key in meta:
                raise _YamlShapeError(line, f"键 {key} 重复出现（第 {meta[key].line} 行已有），请删除其中一个")
            raw = None
            _check_tag(knode, base)
            if isinstance(vnode, yaml.ScalarNode):
                _check_tag(vnode, base)
                value, raw = _scalar(vnode)
            else:
                value = _to_python(vnode, base, 1)
            item_lines = []
            if isinstance(vnode, yaml.SequenceNode):
                item_lines = [n.start_mark.line + base for n in vnode.value]
            meta[key] = Field(value=value, line=line, item_lines=item_lines, raw=raw)
    except _YamlShapeError as exc:
        src.meta_problem = MetaProblem(exc.line, exc.message)
        return
    except RecursionError:
        src.meta_problem = MetaProblem(base, "YAML 嵌套过深")
        return
    src.meta = meta


def read_source(data: bytes, path: str, kind: str) -> Source:
    """Turn the bytes of one corpus file into a :class:`Source`."""
    src = Source(path=path, kind=kind)
    text = decode(data, src)
    if text is None:
        return src
    src.text = text
    if CONTROL_RE.search(text):
        src.control_chars = find_controls(text)
    if kind == "attachment":
        src.body = read_body(text)
        return src
    if path.endswith((".yml", ".yaml")):
        parse_mapping(text, 1, src)
        if src.meta is not None and not src.meta and text.strip() == "":
            src.meta_problem = MetaProblem(1, "文件是空的")
            src.meta = None
        return src
    fm, base = split_front_matter(text, src)
    if fm is not None:
        parse_mapping(fm, base, src)
    return src


def find_controls(text: str, limit: int = 5) -> list[tuple[int, str]]:
    """(line, character) of the first ``limit`` control characters in ``text``."""
    out = []
    for m in CONTROL_RE.finditer(text):
        out.append((text.count("\n", 0, m.start()) + 1, m.group()))
        if len(out) >= limit:
            break
    return out


def read_body(text: str) -> list[tuple[int, str]]:
    """Lines of an attachment's Markdown as the site and the Word file show them: an optional
    front-matter block (same grammar as corpus files: ``---`` … exactly ``---``) is left out,
    the rest is body, so the rules see exactly what is published."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    start = 0
    if lines and lines[0] == "---" and "---" in lines[1:]:
        start = lines.index("---", 1) + 1
    return [(i + 1, lines[i]) for i in range(start, len(lines))]
