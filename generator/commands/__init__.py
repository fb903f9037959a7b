"""The commands: what each ``govpub`` command does, between the argument parser and the outputs.

:mod:`generator.cli` parses the arguments and calls one function here with them; each returns
the exit status. A command that writes output follows one pattern:

1. ask for its output place first (:class:`generator.outputs.Output`: a refusal costs nothing);
2. load the corpus (:func:`load`);
3. check what the output reads and refuse on errors, once (:func:`generator.check.refuse_on_errors`);
4. call the output (site, docx, report, importer, search), which only writes;
5. write through :meth:`generator.outputs.Output.write` (atomic) and print one summary line.

Errors are raised, never printed here: every :class:`generator.errors.GovpubError` carries its
exit status and :func:`generator.cli.main` reports it. The commands are the only modules that
may import the outputs and :mod:`generator.check` together (docs/architecture.md).
"""

from __future__ import annotations

from pathlib import Path

from ..model import Corpus


def load(root: str | Path) -> Corpus:
    """The corpus at ``root``; an unreadable root is a usage error (exit 2)."""
    from ..corpus import load_corpus

    return load_corpus(root)
