"""The generated ``mkdocs.yml``: the tool's defaults, the corpus root's own
``mkdocs.yml`` on top, and the keys govpub must own (docs, nav, search) last.

The result is a plain MkDocs + Material configuration with no govpub-specific
plugin, so another builder that reads ``mkdocs.yml`` can build the generated
pages too.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from ..model import Agency

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
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "red",
         "accent": "red", "toggle": {"icon": "material/brightness-7", "name": "切换到深色模式"}},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "red",
         "accent": "red", "toggle": {"icon": "material/brightness-4", "name": "切换到浅色模式"}},
    ],
}

#: Features the site needs whatever the user's configuration says.
REQUIRED_FEATURES = ["navigation.tabs", "navigation.indexes", "navigation.prune"]


class Tagged:
    """A YAML value with a custom tag (``!ENV``, ``!!python/name:…``) kept as written."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


def _tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent_tagged)


def load_user_config(root: Path) -> dict:
    path = root / USER_CONFIG
    if not path.is_file():
        return {}
    from .build import BuildRefused

    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)  # noqa: S506 - safe subclass
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise BuildRefused(f"{USER_CONFIG} 无法解析：{exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BuildRefused(f"{USER_CONFIG} 须是“键: 值”形式的映射")
    return data


def _ext_name(ext: Any) -> str:
    return next(iter(ext)) if isinstance(ext, dict) else str(ext)


def make_config(root: Path, agency: Agency, nav: list) -> dict:
    """The mkdocs.yml for a build: defaults < the root's mkdocs.yml < what govpub owns."""
    user = load_user_config(root)
    cfg: dict[str, Any] = {
        "site_name": agency.agency or "政务公开",
        "site_description": f"{agency.agency}政务公开、公文与规章制度",
        "copyright": f"© {agency.agency}",
    }
    if agency.site_url:
        cfg["site_url"] = agency.site_url
    for key, value in user.items():
        if key in ("docs_dir", "site_dir", "nav", "INHERIT", "use_directory_urls"):
            continue  # govpub owns these
        cfg[key] = copy.deepcopy(value)
    theme = copy.deepcopy(DEFAULT_THEME)
    user_theme = user.get("theme")
    if isinstance(user_theme, dict):
        theme.update({k: v for k, v in user_theme.items() if k != "name"})
        if user_theme.get("custom_dir"):
            theme["custom_dir"] = str((root / user_theme["custom_dir"]).resolve())
    theme["name"] = "material"
    features = list(theme.get("features") or [])
    theme["features"] = features + [f for f in REQUIRED_FEATURES if f not in features]
    cfg["theme"] = theme
    exts = list(user.get("markdown_extensions") or [])
    names = {_ext_name(e) for e in exts}
    cfg["markdown_extensions"] = [e for e in REQUIRED_EXTENSIONS if _ext_name(e) not in names] + exts
    # Material's lunr search downloads the whole index before the first result;
    # govpub ships its own sharded Chinese search instead.
    plugins = user.get("plugins") or []
    cfg["plugins"] = [p for p in plugins if _ext_name(p) not in ("search", "material/search")]
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
    return yaml.dump(cfg, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False)
