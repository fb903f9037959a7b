"""The generated ``mkdocs.yml``: the tool's defaults, what govpub accepts of the corpus
root's own ``mkdocs.yml`` (reviewed in :mod:`generator.corpus.siteconfig`, rule F007) on top,
and the keys govpub must own (docs, nav, search, plugins) last.

The result is a plain MkDocs + Material configuration with no govpub-specific
plugin, so another builder that reads ``mkdocs.yml`` can build the generated
pages too.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from ..corpus.siteconfig import SiteConfig, read_site_config
from ..model import Agency
from .render import config_text

USER_CONFIG = "mkdocs.yml"

OUR_CSS = ["assets/stylesheets/govpub.css", "assets/stylesheets/govpub-search.css"]
OUR_JS = ["assets/javascripts/govpub.js", "assets/javascripts/govpub-search.js"]

#: Markdown extensions the generated pages rely on.
REQUIRED_EXTENSIONS: list[Any] = [
    "attr_list",
    "md_in_html",
    "tables",
    "admonition",
    {"toc": {"permalink": False}},
]

DEFAULT_THEME = {
    "name": "material",
    "language": "zh",
    "font": False,  # no web fonts from third-party hosts; system CJK fonts are used
    "features": [
        "navigation.tabs",
        "navigation.top",
        "navigation.prune",
        "navigation.indexes",
        "toc.follow",
    ],
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "red",
            "accent": "red",
            "toggle": {"icon": "material/brightness-7", "name": "切换到深色模式"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "red",
            "accent": "red",
            "toggle": {"icon": "material/brightness-4", "name": "切换到浅色模式"},
        },
    ],
}

#: Features the site needs whatever the user's configuration says.
REQUIRED_FEATURES = ["navigation.tabs", "navigation.indexes", "navigation.prune"]


def _ext_name(ext: Any) -> str:
    return next(iter(ext)) if isinstance(ext, dict) else str(ext)


def reviewed_config(root: Path) -> SiteConfig | None:
    """The root's ``mkdocs.yml`` as govpub accepts it; refuses (BuildRefused) while it has
    anything govpub does not accept (F007 tells the editor which key and line)."""
    from .build import BuildRefused

    cfg = read_site_config(root)
    if cfg is not None and cfg.problems:
        first = cfg.problems[0]
        raise BuildRefused(f"{cfg.path}:{first.line}: F007 {first.message}")
    return cfg


def _text_values(value: Any) -> Any:
    """Free text of the reviewed configuration (palette toggle labels, social names) made safe
    for the places where Material writes it unescaped."""
    if isinstance(value, dict):
        return {
            k: (config_text(v) if k == "name" and isinstance(v, str) else _text_values(v)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_text_values(v) for v in value]
    return value


def make_config(root: Path, agency: Agency, nav: list, reviewed: SiteConfig | None = None) -> dict:
    """The mkdocs.yml for a build: defaults < what govpub accepts of the root's mkdocs.yml
    (:mod:`generator.corpus.siteconfig`; ``reviewed`` when already read) < what govpub owns.
    Nothing of the root's file reaches MkDocs except the reviewed values."""
    if reviewed is None:
        reviewed = reviewed_config(root)
    elif reviewed.problems:
        reviewed = reviewed_config(root)  # refuses with the first problem
    user = copy.deepcopy(reviewed.accepted) if reviewed is not None else {}
    cfg: dict[str, Any] = {
        "site_name": agency.agency or "政务公开",
        "site_description": f"{agency.agency}政务公开、公文与规章制度",
        "copyright": f"© {agency.agency}",
    }
    if agency.site_url:
        cfg["site_url"] = agency.site_url
    for key, value in user.items():
        if key not in ("theme", "markdown_extensions", "extra_css", "extra_javascript"):
            cfg[key] = value
    for key in ("site_name", "site_description", "site_author", "copyright"):
        if isinstance(cfg.get(key), str):
            cfg[key] = config_text(cfg[key])
    if isinstance(cfg.get("extra"), dict):
        cfg["extra"] = _text_values(cfg["extra"])
    theme = copy.deepcopy(DEFAULT_THEME)
    user_theme = user.get("theme")
    if isinstance(user_theme, dict):
        theme.update(_text_values({k: v for k, v in user_theme.items() if k != "name"}))
    theme["name"] = "material"
    features = list(theme.get("features") or [])
    theme["features"] = features + [f for f in REQUIRED_FEATURES if f not in features]
    cfg["theme"] = theme
    exts = list(user.get("markdown_extensions") or [])
    names = {_ext_name(e) for e in exts}
    cfg["markdown_extensions"] = [e for e in REQUIRED_EXTENSIONS if _ext_name(e) not in names] + exts
    # Material's lunr search downloads the whole index before the first result;
    # govpub ships its own sharded Chinese search instead.
    cfg["plugins"] = []
    cfg["extra_css"] = OUR_CSS + [c for c in user.get("extra_css") or [] if c not in OUR_CSS]
    cfg["extra_javascript"] = OUR_JS + [j for j in user.get("extra_javascript") or [] if j not in OUR_JS]
    # a government website's footer (site.yml: website) replaces "Made with Material for MkDocs"
    from .website import OVERRIDES, footer_extra

    extra = dict(cfg["extra"]) if isinstance(cfg.get("extra"), dict) else {}
    extra.update(generator=False, govpub=footer_extra(agency))
    cfg["extra"] = extra
    theme["custom_dir"] = str(OVERRIDES)
    cfg["docs_dir"] = "docs"
    cfg["use_directory_urls"] = True
    cfg["nav"] = nav
    return cfg


def dump(cfg: dict) -> str:
    return yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False, default_flow_style=False)
