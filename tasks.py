#!/usr/bin/env python3
"""One-command entry points that need nothing but Python 3.11+ and git.

    python3 tasks.py demo   # set up, check the bundled sample corpus, build and serve the site
    python3 tasks.py test   # set up, lint, format-check and type-check, then run the whole test suite
    python3 tasks.py setup  # only set up (the ./govpub launcher does this on first use)

For developers:

    python3 tasks.py test --no-lint [PYTEST ARGS]  # only the tests
    python3 tasks.py lint    # ruff check, ruff format --check and mypy, as `test` runs them
    python3 tasks.py format  # ruff check --fix, then ruff format: rewrite the code in place
    python3 tasks.py tool ruff|mypy ARGS  # one of the pinned tools (the pre-commit hooks use this)

All create ``.venv`` beside this file on first use and install govpub into it
with pinned dependencies; later runs reuse it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _stamp(extras: str) -> str:
    data = (HERE / "pyproject.toml").read_bytes() + extras.encode()
    return hashlib.sha256(data).hexdigest()


def setup(extras: str = "") -> None:
    """Create the virtual environment and install govpub (editable) into it."""
    if sys.version_info < (3, 11):
        sys.exit(f"govpub needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print("创建虚拟环境 .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp_file = VENV / ".govpub-installed"
    want = _stamp(extras)
    if stamp_file.exists() and stamp_file.read_text() == want:
        return
    print("安装依赖（首次需要几分钟）…", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", target], check=True, cwd=HERE)
    stamp_file.write_text(want)


def launcher_hint() -> str:
    """How to run govpub from this folder after setting up."""
    if os.name == "nt":
        return "在本文件夹中运行 govpub 命令：govpub check、govpub serve 等（即 govpub.cmd，也可用 .venv\\Scripts\\govpub）"
    return "在本文件夹中运行 govpub 命令：./govpub check、./govpub serve 等（也可用 .venv/bin/govpub）"


def demo(args: list[str]) -> int:
    setup()
    print(launcher_hint(), flush=True)
    govpub = [str(PY), "-m", "generator", "--root", str(HERE)]
    # the preview also starts when the corpus has errors: it then lists them until they are fixed
    subprocess.run([*govpub, "check"])
    serve = subprocess.run([*govpub, "serve", *args])
    return serve.returncode


def setup_only(args: list[str]) -> int:
    setup()
    print(launcher_hint())
    return 0


#: The checks run before the tests, each as ``python -m <tool> ...`` with the versions pinned
#: in the ``test`` extras (settings in pyproject.toml).
CHECKS = (
    ("ruff", "check", "--output-format", "concise", "."),
    ("ruff", "format", "--check", "--output-format", "concise", "."),
    ("mypy",),
)
#: What ``format`` runs: safe lint fixes first (imports, modern syntax), then the formatter.
FIXES = (
    ("ruff", "check", "--fix", "."),
    ("ruff", "format", "."),
)


def _run_all(commands: tuple[tuple[str, ...], ...]) -> int:
    """Run every command, even after one fails; 1 if any failed."""
    failed = []
    for cmd in commands:
        print(f"$ {' '.join(cmd)}", flush=True)
        if subprocess.run([str(PY), "-m", *cmd], cwd=HERE).returncode != 0:
            failed.append(" ".join(cmd))
    if failed:
        print(
            f"未通过：{'；'.join(failed)}（`python3 tasks.py format` 可自动修正格式和部分问题）",
            file=sys.stderr,
            flush=True,
        )
        return 1
    return 0


def lint(args: list[str]) -> int:
    setup("test")
    return _run_all(CHECKS)


def format_code(args: list[str]) -> int:
    setup("test")
    return _run_all(FIXES)


def tool(args: list[str]) -> int:
    if not args or args[0] not in ("ruff", "mypy"):
        print("用法：python3 tasks.py tool ruff|mypy 参数……", file=sys.stderr)
        return 2
    setup("test")
    return subprocess.run([str(PY), "-m", *args], cwd=HERE).returncode


def test(args: list[str]) -> int:
    setup("test")
    lint_code = 0
    if "--no-lint" in args:
        args = [a for a in args if a != "--no-lint"]
    else:
        lint_code = _run_all(CHECKS)
    # the tests run even when a check failed, and their exit code (5: no test collected) comes first
    code = subprocess.run([str(PY), "-m", "pytest", *args], cwd=HERE).returncode
    return code or lint_code


def main() -> int:
    tasks = {"demo": demo, "test": test, "setup": setup_only, "lint": lint, "format": format_code, "tool": tool}
    if len(sys.argv) < 2 or sys.argv[1] not in tasks:
        print(__doc__.strip())
        return 2
    try:
        return tasks[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as exc:
        print(f"失败：{' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return exc.returncode or 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
