"""Class 4 — mkdocs.yml is code: only a reviewed allow-list reaches MkDocs (F007), and the CI
workflow builds pull requests without secrets or a write token."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.check import check_root

from .helpers import AS_OF, build_unchecked, cli

REPO = Path(__file__).resolve().parents[2]


def f007(corpus, text: str):
    corpus.write("mkdocs.yml", text)
    return [d for d in check_root(corpus.root, AS_OF).diagnostics if d.code == "F007"]


@pytest.mark.parametrize(
    "text, key, line",
    [
        ("site_name: 某局\nhooks:\n  - hooks/run.py\n", "hooks", 2),
        ("plugins:\n  - search\n", "plugins", 1),
        ("theme:\n  name: material\n  custom_dir: ../overrides\n", "custom_dir", 3),
        ("site_name: 某局\nextra:\n  token: !ENV GITHUB_TOKEN\n", "!ENV", 3),
        ("theme:\n  name: material\n  logo: ../../etc/logo.png\n", "logo", 3),
        ("theme:\n  name: material\n  logo: /etc/logo.png\n", "logo", 3),
        ("site_name: [甲, 乙]\n", "site_name", 1),
        ("theme:\n  palette:\n    primary: 'red\" onmouseover=\"alert(1)'\n", "primary", 3),
        ("extra:\n  social:\n    - icon: fontawesome/brands/weixin\n      link: javascript:alert(1)\n", "link", 4),
        ("markdown_extensions:\n  - pymdownx.snippets\n", "pymdownx.snippets", 2),
        ("extra_javascript:\n  - https://cdn.example.com/x.js\n", "extra_javascript", 2),
        ("theme:\n  name: readthedocs\n", "theme.name", 2),
        ("a: &x [1]\nb: *x\n", "锚点", 1),
        ("INHERIT: base.yml\n", "INHERIT", 1),
        ("site_name: !!python/name:os.system\n", "python", 1),
        ("theme:\n  font:\n    text: Roboto\n", "font", 3),
    ],
)
def test_f007_fires_on_what_govpub_does_not_accept(corpus, text, key, line):
    found = f007(corpus, text)
    assert found, text
    assert found[0].path == "mkdocs.yml" and found[0].line == line, found
    assert key in found[0].message or key.split(".")[-1] in found[0].message, found[0].message


def test_f007_passes_the_sample_configuration(corpus):
    corpus.write("mkdocs.yml", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert f007(corpus, (REPO / "mkdocs.yml").read_text(encoding="utf-8")) == []


@pytest.mark.slow
def test_f007_passes_files_inside_the_root_and_they_reach_the_site(corpus, tmp_path):
    corpus.write("assets/logo.png", b"\x89PNG\r\n\x1a\n")
    corpus.write("assets/extra.css", ".gp-x { color: red }\n")
    corpus.write("assets/extra.js", "console.log('x')\n")
    text = (
        "site_name: 某局\ntheme:\n  name: material\n  logo: assets/logo.png\n  favicon: assets/logo.png\n"
        "extra_css:\n  - assets/extra.css\nextra_javascript:\n  - assets/extra.js\n"
        "markdown_extensions:\n  - footnotes\n  - toc:\n      permalink: true\n"
    )
    assert f007(corpus, text) == []
    corpus.document()
    out = tmp_path / "site"
    proc = cli(corpus.root, "build", "--out", str(out), "--no-docx")
    assert proc.returncode == 0, proc.stderr
    assert (out / "assets/custom/assets/extra.css").is_file() and (out / "assets/custom/assets/logo.png").is_file()
    assert "assets/custom/assets/extra.js" in (out / "index.html").read_text(encoding="utf-8")


def test_build_refuses_hooks_and_never_runs_them(corpus, tmp_path):
    corpus.document()
    corpus.write("hooks/run.py", f"open({str(tmp_path / 'ran')!r}, 'w').write('x')\n")
    corpus.write("mkdocs.yml", "site_name: 某局\nhooks:\n  - hooks/run.py\n")
    proc = cli(corpus.root, "build", "--out", str(tmp_path / "site"), "--no-docx")
    assert proc.returncode == 1 and "F007" in proc.stderr + proc.stdout
    assert not (tmp_path / "ran").exists() and not (tmp_path / "site").exists()


def test_the_renderer_alone_never_passes_hooks_env_or_custom_dir(corpus, tmp_path, monkeypatch):
    """Even with the check skipped, the generated configuration holds reviewed values only."""
    import generator.site.config as config

    corpus.document()
    corpus.write("mkdocs.yml", "site_name: 某局\n")
    monkeypatch.setenv("GOVPUB_SECRET", "qzsecretvalue")
    cfg = config.make_config(corpus.root, check_root(corpus.root, AS_OF).corpus.agency, [])
    text = config.dump(cfg)
    from generator.site.website import OVERRIDES

    assert "hooks" not in cfg and cfg["plugins"] == []
    assert cfg["theme"].get("custom_dir", str(OVERRIDES)) == str(OVERRIDES)  # govpub's own templates only
    corpus.write("mkdocs.yml", "site_name: !ENV GOVPUB_SECRET\nhooks: [x.py]\n")
    from generator.site.build import BuildRefused

    with pytest.raises(BuildRefused):
        config.make_config(corpus.root, check_root(corpus.root, AS_OF).corpus.agency, [])
    with pytest.raises(BuildRefused):
        build_unchecked(corpus.root, tmp_path / "site")
    assert "qzsecretvalue" not in text


def test_pull_request_job_has_no_write_token_and_no_secrets():
    flow = yaml.safe_load((REPO / ".github/workflows/govpub.yml").read_text(encoding="utf-8"))
    job = flow["jobs"]["pull-request"]
    assert job["permissions"] == {"contents": "read"}
    text = yaml.safe_dump(job)
    assert "secrets." not in text and "GH_TOKEN" not in text and "github.token" not in text
    checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False
    on = flow[True] if True in flow else flow["on"]
    assert "pull_request_target" not in on


def test_comment_workflow_runs_nothing_from_the_pull_request():
    flow = yaml.safe_load((REPO / ".github/workflows/govpub-comment.yml").read_text(encoding="utf-8"))
    on = flow[True] if True in flow else flow["on"]
    assert "workflow_run" in on
    steps = flow["jobs"]["comment"]["steps"]
    assert not any(str(s.get("uses", "")).startswith("actions/checkout") for s in steps)
    run = "\n".join(s.get("run", "") for s in steps)
    assert "pip install" not in run and "govpub" not in run.replace("govpub.yml", "")
    assert "${{" not in run  # artifact text reaches the shell only through files and env
