"""Field-by-field comparison of what ``govpub import docx`` writes with what a clerk reads
(tests/fixtures/import, one expected-fields YAML per Word file).

The fixtures are imported the way an agency would: one batch run over a folder holding all of
them, into a fresh corpus; a file the batch refuses because it has neither a date nor a number
(no year folder) is imported again on its own with ``--out``, as the refusal tells the editor
to do. Then the corpus files are read back with :func:`generator.corpus.load_corpus`, which is
what every other part of govpub sees, and compared with the YAML:

* a field the YAML gives is right only if the written file, as loaded, has that value;
* a field the YAML gives as ``null`` is right only if the written file does not state one — and
  for ``issuer``, whose absence means "the agency in site.yml", only if the file's ``review``
  says that the 发文机关 was not read (otherwise the document is silently attributed to the
  agency);
* a file that should have been imported but was not: its status and every field are wrong;
* ``withheld`` (register entries): fields the source has that the register entry must leave
  out (SPEC §7.5); right only if the written file does not have them;
* ``copy_no`` (份号) has no corpus key (SPEC §2.2): it is checked on the import result by
  tests/importer/test_fixtures.py, not counted here.

Used by tests/importer/test_fixtures.py and bench/import_bench.py.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "import"
SITE_YML = Path(__file__).resolve().parent.parent / "content" / "site.yml"

#: The fields compared on the written file (copy_no has no corpus key).
CORPUS_FIELDS = (
    "number",
    "title",
    "doc_type",
    "issuer",
    "recipients",
    "signer",
    "signed_on",
    "classification",
    "urgency",
    "attachments",
    "cc",
    "printed_by",
    "printed_on",
    "disclosure",
)
LIST_FIELDS = ("issuer", "recipients", "signer", "attachments", "cc")


@dataclass
class Imported:
    fixture: Path
    expected: dict
    status: str  # the batch's status for the file (imported, register, not-gongwen, error, skipped)
    message: str = ""
    result: object = None  # the ImportResult that wrote the file (batch, or the --out run)
    doc: object = None  # the written file as the corpus loader reads it
    via_out: bool = False  # written by a single-file run with --out after the batch refused it


@dataclass
class Score:
    right: int = 0
    expected: int = 0
    wrong: list[str] = field(default_factory=list)
    files: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def fidelity(self) -> float:
        return self.right / self.expected if self.expected else 0.0

    def line(self) -> str:
        return f"{self.right}/{self.expected} fields = {self.fidelity:.1%} on {self.files} files" + (
            f" (skipped: {', '.join(self.skipped)})" if self.skipped else ""
        )


def fixtures(*, legacy: bool = True) -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix == ".docx" or (legacy and p.suffix == ".doc"))


def expected_of(path: Path) -> dict:
    return yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))


def new_corpus(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    shutil.copy(SITE_YML, root / "content" / "site.yml")
    return root


def import_fixtures(paths: list[Path], work: Path) -> tuple[list[Imported], list[str], Path]:
    """Import ``paths`` into a new corpus under ``work`` as described above.

    Returns the imports, the names skipped (a .doc when LibreOffice is missing) and the root."""
    from generator.corpus.loader import load_corpus
    from generator.importer import import_paths
    from generator.office.libreoffice import soffice_path as soffice

    root = new_corpus(work / "corpus")
    folder = work / "legacy"
    folder.mkdir()
    skipped = []
    for p in paths:
        if p.suffix == ".doc" and soffice() is None:
            skipped.append(p.name)
            continue
        shutil.copy(p, folder / p.name)
    batch = import_paths([folder], root)
    done: list[Imported] = []
    for r in batch.results:
        fixture = FIXTURES / r.shown
        item = Imported(fixture, expected_of(fixture), r.status, r.message, r if r.path else None)
        year = item.expected.get("needs_out")
        if year and r.status == "error" and "--out" in r.message:
            # what the message tells the editor to do: import this file alone, naming the file
            target = root / "content" / "documents" / str(year) / f"{fixture.stem}.md"
            alone = import_paths([folder / r.shown], root, out=target).results[0]
            item.result, item.via_out = (alone if alone.path else None), True
        done.append(item)
    corpus = load_corpus(root)
    by_path = {Path(d.path): d for d in corpus.documents}
    for item in done:
        if item.result is not None:
            rel = item.result.path.resolve().relative_to(root.resolve())
            item.doc = by_path.get(rel)
    return done, skipped, root


def read_fixture(path: Path):
    """The importer's own reading of one fixture (:func:`generator.importer.docx.read_file`; a
    .doc converted with LibreOffice first), or None when LibreOffice is needed and missing.
    For what the written file cannot hold (份号, body paragraphs, attachment pages, images)."""
    import tempfile

    from generator.importer.convert import convert_to_docx
    from generator.importer.docx import read_file
    from generator.office.libreoffice import soffice_path as soffice

    if path.suffix == ".doc":
        if soffice() is None:
            return None
        tmp = Path(tempfile.mkdtemp(prefix="fixture-"))
        try:
            converted = convert_to_docx([path], tmp)[path]
            return read_file(converted, shown=path.name) if isinstance(converted, Path) else None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return read_file(path, shown=path.name)


def _norm(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_norm(v) for v in value] or None
    if value == "":
        return None
    return value


def _as_list(value):
    """A YAML value of a list field as a list (a string is one name)."""
    if value is None or value == []:
        return None
    return [value] if isinstance(value, str) else list(value)


def seen(doc, name: str):
    """The value of field ``name`` in the written file, as govpub sees it."""
    from generator.importer.recognise import split_top_level

    src = doc.source
    if name == "issuer":
        if src.has("issuer"):
            return split_top_level(doc.issuer) or None
        if any(note.startswith("发文机关：") for note in doc.review):
            return None  # not read, and the file says the site.yml default would apply
        return [f"{doc.issuer}（未写 issuer，按 site.yml 默认，未提示）"]
    if name == "signer":
        return split_top_level(doc.signer) if doc.signer else None
    if name == "number":
        return doc.number_raw
    if name == "classification":
        return None if doc.classification == "公开" else doc.classification
    if name == "disclosure":
        return doc.disclosure if src.has("disclosure") else None
    if name == "attachments":
        return [a.title for a in doc.attachments] or None
    value = getattr(doc, name)
    return _norm(value)


def _want(name: str, value):
    if name in LIST_FIELDS:
        return _as_list(value)
    return _norm(value)


def score(paths: list[Path] | None = None, work: Path | None = None) -> Score:
    import tempfile

    paths = paths if paths is not None else fixtures()
    tmp = None
    if work is None:
        tmp = Path(tempfile.mkdtemp(prefix="import-fidelity-"))
        work = tmp
    try:
        done, skipped, _ = import_fixtures(paths, work)
        return score_of(done, skipped)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def score_of(done: list[Imported], skipped: list[str]) -> Score:
    s = Score(skipped=list(skipped))
    for item in done:
        add(s, item)
    return s


def add(s: Score, item: Imported) -> None:
    """Score one imported fixture into ``s``."""
    name = item.fixture.name
    exp = item.expected
    s.files += 1
    s.expected += 1
    doc = item.doc
    if doc is not None:
        got = "register" if doc.is_register_entry else "imported"
    else:
        got = item.status
    if exp.get("needs_out"):
        ok = item.via_out and doc is not None and got == exp["status"]
        why = f"batch {item.status} ({item.message or '-'}), then --out: {'written' if doc is not None else 'nothing'}"
    else:
        ok = got == exp["status"]
        why = f"{got} ({item.message})" if item.message else got
    if ok:
        s.right += 1
    else:
        s.wrong.append(f"{name}: status {why} ≠ {exp['status']}")
    for field_name, want in (exp.get("fields") or {}).items():
        if field_name not in CORPUS_FIELDS:
            continue
        s.expected += 1
        if doc is None:
            s.wrong.append(f"{name}: {field_name} not written (no corpus file)")
            continue
        got_value = seen(doc, field_name)
        if got_value == _want(field_name, want):
            s.right += 1
        else:
            s.wrong.append(f"{name}: {field_name} {got_value!r} ≠ {want!r}")
    for field_name in exp.get("withheld") or []:
        s.expected += 1
        if doc is not None and not doc.source.has(field_name):
            s.right += 1
        else:
            s.wrong.append(
                f"{name}: {field_name} must not be in the register entry"
                if doc is not None
                else f"{name}: {field_name} (no corpus file)"
            )
