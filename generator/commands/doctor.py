"""``govpub doctor``: what this machine has for govpub (exit 1 if the exports miss something)."""

from __future__ import annotations


def doctor(args) -> int:
    from ..doctor import run

    return run()
