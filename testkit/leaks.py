"""The leak tests' shared parts: the as-of dates a corpus is built for, and every output
byte of a built site (tests/test_leaks.py, tests/hostile/test_fuzz_leaks.py)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zipfile
from pathlib import Path

D = dt.date


def as_of_dates() -> list[D]:
    dates = {D(2026, 11, 1) + dt.timedelta(days=5 * k) for k in range(49)}  # every 5 days to late June 2027
    for day in (D(2026, 12, 14), D(2026, 12, 15), D(2027, 1, 9), D(2027, 1, 10), D(2027, 1, 31), D(2027, 2, 1)):
        dates.add(day)
    return sorted(d for d in dates if d < D(2027, 7, 1))


def output_bytes(site: Path):
    """Every output file's bytes, decompressed where they are compressed."""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        yield path, data.lower()
