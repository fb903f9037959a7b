"""Which installed typeface stands in for each office face when LibreOffice renders a DOCX.

The DOCX files name the faces an agency's Windows machines have (仿宋_GB2312, 方正小标宋简体,
楷体_GB2312, 黑体, 宋体, Times New Roman: :mod:`generator.docx.layout`). A Linux machine rarely
has them, and fontconfig's own fallback for an unknown Chinese name is the default sans face
(Noto Sans CJK), so a PDF/A record copy would carry a 黑体-looking body and title. This module
asks fontconfig what the machine has and picks, for each role, the first installed face of
the right style:

=============  ==============================================  ==========================
role           office names (used when installed)              free stand-ins, in order
=============  ==============================================  ==========================
仿宋 (body)     仿宋_GB2312 FangSong_GB2312 仿宋 FangSong         FandolFang, STFangsong
小标宋 (title)  方正小标宋简体 FZXiaoBiaoSong-B05S …               Noto Serif CJK SC **bold** …
楷体            楷体_GB2312 KaiTi_GB2312 楷体 KaiTi               FandolKai, AR PL KaitiM GB, LXGW WenKai, AR PL UKai CN
黑体            黑体 SimHei                                       Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei
宋体 (页码)     宋体 SimSun                                       Noto Serif CJK SC, AR PL UMing CN
=============  ==============================================  ==========================

:func:`fontconfig_rules` turns the choice into fontconfig ``<match>`` rules that
:mod:`generator.office.libreoffice` layers over the machine's configuration for every
LibreOffice process it starts; the DOCX itself is never changed. :func:`resolve` is also
what ``govpub doctor`` prints.

Nothing here imports the rest of govpub; the only outside tool is fontconfig's ``fc-list``
/ ``fc-match`` (a missing fontconfig means "nothing known", never an error).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

__all__ = [
    "Role",
    "Choice",
    "ROLES",
    "resolve",
    "fontconfig_rules",
    "fallback_warnings",
    "installed_faces",
    "STYLE_NAMES",
]

#: what each style class is called in messages
STYLE_NAMES = {"fangsong": "仿宋", "song": "宋体", "kai": "楷体", "sans": "黑体", "latin": "西文衬线", "other": "其他"}


@dataclass(frozen=True)
class Role:
    """One face the DOCX names, and what may stand in for it."""

    key: str
    label: str  # 仿宋, 小标宋 …: how govpub doctor names it
    used_for: str
    office: tuple[str, ...]  # names in the DOCX and their usual aliases
    style: str  # the style class wanted
    #: (family, style class) of free faces, best first
    standins: tuple[tuple[str, str], ...]
    bold: bool = False  # the stand-in is set in its bold weight (小标宋 → a bold 宋体)
    cjk: bool = True  # a stand-in must cover simplified Chinese (fontconfig lang zh-cn)


_SERIF_CJK = (
    ("Noto Serif CJK SC", "song"),
    ("Source Han Serif SC", "song"),
    ("Source Han Serif CN", "song"),
    ("FandolSong", "song"),
    ("AR PL UMing CN", "song"),
    ("AR PL SungtiL GB", "song"),
)

ROLES: tuple[Role, ...] = (
    Role(
        "fangsong",
        "仿宋",
        "正文、版记等",
        ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
        "fangsong",
        (("FandolFang", "fangsong"), ("STFangsong", "fangsong"), ("华文仿宋", "fangsong"), *_SERIF_CJK),
    ),
    Role(
        "xiaobiaosong",
        "小标宋",
        "标题、发文机关标志",
        ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "小标宋"),
        "song",
        _SERIF_CJK,
        bold=True,
    ),
    Role(
        "kaiti",
        "楷体",
        "二级标题、签发人姓名",
        ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
        "kai",
        (
            ("FandolKai", "kai"),
            ("AR PL KaitiM GB", "kai"),
            ("LXGW WenKai", "kai"),
            ("AR PL UKai CN", "kai"),
            ("STKaiti", "kai"),
            ("华文楷体", "kai"),
            *_SERIF_CJK,
        ),
    ),
    Role(
        "heiti",
        "黑体",
        "一级标题、密级、附件标识",
        ("黑体", "SimHei"),
        "sans",
        (
            ("Noto Sans CJK SC", "sans"),
            ("Source Han Sans SC", "sans"),
            ("Source Han Sans CN", "sans"),
            ("FandolHei", "sans"),
            ("WenQuanYi Zen Hei", "sans"),
            ("WenQuanYi Micro Hei", "sans"),
            ("Droid Sans Fallback", "sans"),
        ),
    ),
    Role("songti", "宋体", "页码", ("宋体", "SimSun", "NSimSun"), "song", _SERIF_CJK),
    Role(
        "latin",
        "Times New Roman",
        "数字和西文字母",
        ("Times New Roman",),
        "latin",
        (
            ("Liberation Serif", "latin"),
            ("Tinos", "latin"),
            ("TeX Gyre Termes", "latin"),
            ("Nimbus Roman", "latin"),
            ("DejaVu Serif", "latin"),
        ),
        cjk=False,
    ),
)


@dataclass(frozen=True)
class Choice:
    """What a role resolves to on this machine."""

    role: Role
    family: str | None  # the face LibreOffice will use (None: fontconfig knows no face at all)
    style: str  # its style class
    source: str  # "office" (the named face is installed), "standin", "fallback" (fontconfig's own pick)
    file: str | None = None

    @property
    def off_style(self) -> bool:
        """True when the face is of another style than the office face (e.g. sans for 仿宋)."""
        if self.source == "office":
            return False
        return self.style != self.role.style

    @property
    def needs_rule(self) -> bool:
        return self.source == "standin"


@dataclass(frozen=True)
class Face:
    families: tuple[str, ...]
    style: str
    weight: int
    file: str
    langs: frozenset[str]


def _fc_env(fontconfig_file: str | None) -> dict:
    env = dict(os.environ)
    if fontconfig_file:
        env["FONTCONFIG_FILE"] = fontconfig_file
    return env


def _run(args: list[str], fontconfig_file: str | None) -> str | None:
    exe = shutil.which(args[0])
    if exe is None:
        return None
    try:
        proc = subprocess.run(
            [exe, *args[1:]],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=_fc_env(fontconfig_file),
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.decode("utf-8", "replace")


def fontconfig_available() -> bool:
    return shutil.which("fc-list") is not None and shutil.which("fc-match") is not None


@lru_cache(maxsize=16)
def installed_faces(fontconfig_file: str | None = None) -> tuple[Face, ...]:
    """Every face fontconfig lists under ``fontconfig_file`` (default: the environment's)."""
    out = _run(["fc-list", "--format", "%{family}\t%{style}\t%{weight}\t%{file}\t%{lang}\n"], fontconfig_file)
    faces = []
    for line in (out or "").splitlines():
        parts = line.split("\t")
        if len(parts) < 5:
            continue
        families = tuple(f.strip() for f in parts[0].split(",") if f.strip())
        try:
            weight = int(float(parts[2].split()[0])) if parts[2] else 80
        except ValueError:
            weight = 80
        faces.append(Face(families, parts[1].split(",")[0], weight, parts[3], frozenset(parts[4].split("|"))))
    return tuple(faces)


def _find(family: str, faces: tuple[Face, ...], *, cjk: bool, bold: bool = False) -> Face | None:
    found = [f for f in faces if family.lower() in (n.lower() for n in f.families) and (not cjk or "zh-cn" in f.langs)]
    if not found:
        return None
    if bold:
        found.sort(key=lambda f: -f.weight)
    else:
        found.sort(key=lambda f: abs(f.weight - 80))
    return found[0]


def classify(family: str) -> str:
    """Style class of a face from its name (for fontconfig's own fallback picks)."""
    name = family.lower()
    for words, style in (
        (("fang", "仿宋"), "fangsong"),
        (("kai", "楷"), "kai"),
        (("sans", "hei", "gothic", "黑"), "sans"),
        (("serif", "song", "ming", "sung", "宋", "明"), "song"),
    ):
        if any(w in name for w in words):
            return style
    return "other"


def _fallback(role: Role, fontconfig_file: str | None) -> tuple[str | None, str | None]:
    query = f"{role.office[0]}:lang=zh-cn" if role.cjk else role.office[0]
    out = _run(["fc-match", "--format", "%{family}\t%{file}", query], fontconfig_file)
    if not out:
        return None, None
    family, _, path = out.partition("\t")
    return (family.split(",")[0].strip() or None), (path.strip() or None)


@lru_cache(maxsize=16)
def resolve(fontconfig_file: str | None = None) -> tuple[Choice, ...]:
    """The face each role gets under ``fontconfig_file`` (default: the environment's
    ``FONTCONFIG_FILE``, i.e. the machine's configuration)."""
    faces = installed_faces(fontconfig_file)
    choices = []
    for role in ROLES:
        choice = None
        for name in role.office:
            face = _find(name, faces, cjk=False)
            if face is not None:
                choice = Choice(role, name, role.style, "office", face.file)
                break
        if choice is None:
            for family, style in role.standins:
                face = _find(family, faces, cjk=role.cjk, bold=role.bold)
                if face is not None:
                    choice = Choice(role, family, style, "standin", face.file)
                    break
        if choice is None:
            family, path = _fallback(role, fontconfig_file)
            style = "latin" if not role.cjk and family else classify(family or "")
            choice = Choice(role, family, style, "fallback", path)
        choices.append(choice)
    return tuple(choices)


def fontconfig_rules(choices: tuple[Choice, ...]) -> str:
    """fontconfig ``<match>`` rules (the inside of a ``<fontconfig>`` element) that send every
    office name of a role without its office face to the chosen stand-in."""
    rules = []
    for choice in choices:
        if not choice.needs_rule:
            continue
        for name in choice.role.office:
            edits = [
                f'<edit name="family" mode="prepend" binding="strong"><string>{escape(choice.family)}</string></edit>'
            ]
            if choice.role.bold:
                edits.append('<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>')
            rules.append(
                '  <match target="pattern">\n'
                f'    <test name="family" qual="any" ignore-blanks="true"><string>{escape(name)}</string></test>\n'
                + "".join(f"    {e}\n" for e in edits)
                + "  </match>\n"
            )
    return "".join(rules)


def fallback_warnings(choices: tuple[Choice, ...]) -> list[str]:
    """One sentence per role whose face is of another style than the office face."""
    out = []
    for c in choices:
        if not c.off_style or not c.role.cjk:
            continue
        got = f"{c.family}（{STYLE_NAMES.get(c.style, c.style)}类）" if c.family else "任何中文字体（没有找到）"
        wanted = "、".join(f for f, s in c.role.standins if s == c.role.style)[:60]
        out.append(
            f"本机没有{c.role.label}字体（{c.role.office[0]}，或免费的 {wanted}），PDF 中的{c.role.used_for}改用 {got}"
        )
    return out
