"""Test and benchmark tooling for govpub, kept outside the product package.

Not installed with govpub (``[tool.setuptools.packages.find]`` includes only ``generator*``);
pytest finds it through ``pythonpath`` in ``pyproject.toml`` and the bench scripts put the
repository root on ``sys.path``.

* :mod:`testkit.synth`: a deterministic, realistic corpus of any size (``synth_corpus``;
  from the command line: ``bench/synth.py``).
* :mod:`testkit.search_corpus`: synthetic search units of administrative Chinese
  (``generate_units``) for the search tests and ``bench/search_bench.py``.
* :mod:`testkit.searcher`: the Python twin of the browser search client
  (``generator/search/assets/govpub-search.js``), reading the same index files.
"""
