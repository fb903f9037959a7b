"""All rules of the catalogue (docs/rules.md); importing this package registers them."""

from . import files  # noqa: F401
from .registry import RULES, Context, Rule, rule, run_rules

__all__ = ["RULES", "Context", "Rule", "rule", "run_rules"]


def _load_families() -> None:
    import importlib

    for name in (
        "numbers",
        "dates",
        "titles",
        "structure",
        "regulations",
        "disclosure",
        "security",
        "typography",
        "review",
        "colophon",
        "annual",
    ):
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:  # a family not written yet
            if exc.name != f"{__name__}.{name}":
                raise


_load_families()
