"""Font setups the rendering tests (and bench/render_matrix.py) run under.

Each setup is a machine that has only some fonts: a generated ``fonts.conf`` whose only font
folder holds (hard) links to those files, with the system's rules (``/etc/fonts/conf.d``: generic
aliases, metric aliases, synthetic bold) included, selected with ``FONTCONFIG_FILE``. govpub's
own font map (generator/office/fontmap.py) is laid over whichever setup is active, as it is
over a real machine.

The packages that provide the files (all in Debian; .ci/run installs them):

============  ======================================================================
setup         fonts
============  ======================================================================
noto          Noto Sans/Serif CJK (fonts-noto-cjk) and no Latin face at all
noto-latin    Noto CJK + Liberation (fonts-liberation) + DejaVu (fonts-dejavu-core)
arphic-wqy    Noto CJK + AR PL UMing/UKai (fonts-arphic-uming, -ukai) + WenQuanYi Zen Hei
              (fonts-wqy-zenhei), no Latin face
fandol-wenkai FandolFang (TeX Live's fandol fonts, from texlive-lang-chinese) + LXGW
              WenKai (fonts-lxgw-wenkai) + Noto CJK + DejaVu
============  ======================================================================
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONT_ROOTS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/usr/share/texlive/texmf-dist/fonts/opentype",
    os.path.expanduser("~/.local/share/fonts"),
)


@dataclass(frozen=True)
class Setup:
    name: str
    description: str
    #: file names (any folder under FONT_ROOTS); a trailing * matches a prefix
    files: tuple[str, ...]


NOTO = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc")
SETUPS: tuple[Setup, ...] = (
    Setup("noto", "Noto CJK，没有西文字体", NOTO),
    Setup(
        "noto-latin",
        "Noto CJK + Liberation + DejaVu",
        NOTO
        + (
            "LiberationSerif-*",
            "LiberationSans-*",
            "LiberationMono-*",
            "DejaVuSans.ttf",
            "DejaVuSans-Bold.ttf",
            "DejaVuSerif.ttf",
            "DejaVuSerif-Bold.ttf",
            "DejaVuSansMono.ttf",
        ),
    ),
    Setup(
        "arphic-wqy",
        "Noto CJK + 文鼎 AR PL UMing/UKai + 文泉驿正黑",
        NOTO + ("uming.ttc", "ukai.ttc", "wqy-zenhei.ttc"),
    ),
    Setup(
        "fandol-wenkai",
        "FandolFang 仿宋 + 霞鹜文楷 + Noto CJK + DejaVu",
        NOTO
        + (
            "FandolFang-Regular.otf",
            "LXGWWenKai-Regular.ttf",
            "LXGWWenKai-Bold.ttf",
            "DejaVuSans.ttf",
            "DejaVuSerif.ttf",
        ),
    ),
)
BY_NAME = {s.name: s for s in SETUPS}


@lru_cache(maxsize=1)
def _all_font_files() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for root in FONT_ROOTS:
        if not os.path.isdir(root):
            continue
        for folder, _dirs, files in os.walk(root):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name, []).append(Path(folder) / name)
    return found


def files_for(setup: Setup) -> tuple[list[Path], list[str]]:
    """(font files found, patterns not found) of a setup."""
    have = _all_font_files()
    files, missing = [], []
    for pattern in setup.files:
        if pattern.endswith("*"):
            hits = sorted(p for name, paths in have.items() if name.startswith(pattern[:-1]) for p in paths[:1])
        else:
            hits = have.get(pattern, [])[:1]
        if hits:
            files.extend(hits)
        else:
            missing.append(pattern)
    return files, missing


def make_config(setup: Setup, folder: Path) -> Path:
    """Write ``folder/<name>/fonts.conf`` (and the folder of links it lists); returns its path.
    Raises LookupError naming the missing files."""
    files, missing = files_for(setup)
    if missing:
        raise LookupError(f"font setup {setup.name}: missing {', '.join(missing)}")
    base = folder / setup.name
    fonts = base / "fonts"
    cache = base / "cache"
    fonts.mkdir(parents=True, exist_ok=True)
    cache.mkdir(exist_ok=True)
    for f in files:
        # LibreOffice skips symbolically linked font files: a hard link (or a copy)
        link = fonts / f.name
        if not link.exists():
            try:
                os.link(f.resolve(), link)
            except OSError:
                shutil.copyfile(f, link)
    conf = base / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{fonts}</dir>\n  <cachedir>{cache}</cachedir>\n"
        '  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n</fontconfig>\n',
        encoding="utf-8",
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    subprocess.run(["fc-cache", str(fonts)], env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return conf


def setup_id(setup: Setup) -> str:
    return setup.name + "-" + hashlib.sha1("|".join(setup.files).encode()).hexdigest()[:6]
