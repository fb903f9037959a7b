"""The one way govpub runs LibreOffice: page counts, PDF and PDF/A copies of DOCX files, and
conversions (a legacy ``.doc`` to ``.docx`` for the import).

Every LibreOffice process govpub starts (the archive volume's 页数 and PDF/A copies, the
``.doc`` conversion of ``govpub import``, the rendering checks in the tests and the bench) goes
through :class:`Office`, which owns:

* **the executable** (:func:`soffice_path`) and a clear error when it is missing;
* **private profiles**, one per process running at a time, set up once (a small Basic macro
  that loads each file once, asks the layout for its page count and stores the PDF; the
  graphics self-test and VBA loading are switched off), so that parallel runs and a user's
  own LibreOffice never share one;
* **batches and lanes**: files go to LibreOffice in batches of a fixed size (start-up is most
  of the cost), ``lanes`` processes at a time, each killed with its children after a timeout;
  when the macro cannot run at all, ``soffice --convert-to`` is used instead;
* **the font environment**: every process gets ``FONTCONFIG_FILE`` pointing at a
  configuration that includes the machine's (or the caller's) and adds govpub's font map
  (:mod:`generator.office.fontmap`): 仿宋_GB2312 → a free 仿宋 face, 方正小标宋简体 → a bold
  serif, 楷体_GB2312 → a free 楷 face, 黑体 → a sans face. The DOCX keeps naming the office
  faces; only what this machine substitutes for them changes;
* **the page counter** (:func:`pdf_page_count`): the macro's count from the layout, or the
  pages of the PDF LibreOffice wrote.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape as xml_escape

from ..errors import Refused
from . import fontmap

__all__ = [
    "LibreOfficeError",
    "LibreOfficeMissing",
    "Office",
    "Job",
    "Result",
    "soffice_path",
    "soffice_version",
    "font_config",
    "font_warnings",
    "pdf_page_count",
    "docx_to_pdfs",
    "docx_to_pdf",
    "page_counts",
    "page_count",
    "ascii_tempdir",
    "INSTALL_HINT",
]

INSTALL_HINT = (
    "请先安装 LibreOffice：Debian/Ubuntu 上运行 sudo apt-get install libreoffice-writer-nogui "
    "fonts-noto-cjk（或 libreoffice-writer），Windows/macOS 从 https://www.libreoffice.org/ 下载安装，"
    "并确保 soffice 命令在 PATH 中"
)
#: seconds a batch may take: a start, then this much per file
TIMEOUT_START = 120
TIMEOUT_PER_FILE = 5


class LibreOfficeError(Refused, RuntimeError):
    """LibreOffice failed, timed out, or produced no output (the message says which file)."""


class LibreOfficeMissing(LibreOfficeError):
    """LibreOffice (soffice) is not installed or not on PATH."""


def soffice_path() -> str | None:
    """The LibreOffice executable, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def soffice_version(exe: str | None = None) -> str | None:
    """``LibreOffice 7.4.7.2 …`` as the program reports it, or None."""
    exe = exe or soffice_path()
    if exe is None:
        return None
    try:
        proc = subprocess.run(
            [exe, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.decode("utf-8", "replace").strip() or None


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF written by LibreOffice (page objects are plain dictionaries there)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


# --- fonts ------------------------------------------------------------------------------------------

_FONT_DIR: str | None = None
_FONT_LOCK = threading.Lock()
_FONT_CONFIGS: dict[str | None, str] = {}


def _system_config() -> str:
    for candidate in ("/etc/fonts/fonts.conf", "/usr/local/etc/fonts/fonts.conf", "/opt/homebrew/etc/fonts/fonts.conf"):
        if os.path.isfile(candidate):
            return candidate
    return "fonts.conf"  # fontconfig finds its default by that name


def font_config(base: str | None = None) -> str:
    """A fontconfig file that includes ``base`` (default: the environment's ``FONTCONFIG_FILE``,
    else the system configuration) and adds govpub's font map; written once per process and
    base, removed at exit."""
    global _FONT_DIR
    base = base if base is not None else os.environ.get("FONTCONFIG_FILE") or None
    with _FONT_LOCK:
        known = _FONT_CONFIGS.get(base)
        if known is not None and os.path.isfile(known):
            return known
        rules = fontmap.fontconfig_rules(fontmap.resolve(base))
        include = base or _system_config()
        text = (
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            "<!-- govpub: the machine's fonts, with free stand-ins for the office faces -->\n"
            f'<fontconfig>\n  <include ignore_missing="no">{xml_escape(include)}</include>\n{rules}</fontconfig>\n'
        )
        if _FONT_DIR is None:
            _FONT_DIR = tempfile.mkdtemp(prefix="govpub-fonts-")
            atexit.register(shutil.rmtree, _FONT_DIR, True)
        name = hashlib.sha256(text.encode()).hexdigest()[:16]
        path = os.path.join(_FONT_DIR, f"fonts-{name}.conf")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        _FONT_CONFIGS[base] = path
        return path


def font_warnings(base: str | None = None) -> list[str]:
    """What a rendering under ``base`` has to set in a face of another style (one sentence per
    face): empty when every role has a face of its own style."""
    base = base if base is not None else os.environ.get("FONTCONFIG_FILE") or None
    return fontmap.fallback_warnings(fontmap.resolve(base))


# --- the macro ------------------------------------------------------------------------------------------

_BASIC = r"""REM govpub: page counts and PDF copies of many DOCX files in one LibreOffice run.
Sub Run
  Dim sList As String, sOut As String, sLine As String, sDocx As String, sPdf As String, sVer As String
  Dim oDoc As Object, n As Long, iIn As Integer, iOut As Integer, p As Integer, q As Integer, sErr As String
  sList = Environ("GOVPUB_LIST")
  sOut = Environ("GOVPUB_OUT")
  iIn = FreeFile
  Open sList For Input As #iIn
  iOut = FreeFile
  Open sOut For Output As #iOut
  Dim aLoad(1) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = "Hidden" : aLoad(0).Value = True
  aLoad(1).Name = "ReadOnly" : aLoad(1).Value = True
  Dim aFD(1) As New com.sun.star.beans.PropertyValue
  aFD(0).Name = "SelectPdfVersion"
  REM the blank page before a 版记 that must start on an even page is part of the copy
  aFD(1).Name = "IsSkipEmptyPages" : aFD(1).Value = False
  Dim aStore(1) As New com.sun.star.beans.PropertyValue
  aStore(0).Name = "FilterName" : aStore(0).Value = "writer_pdf_Export"
  Do While Not EOF(iIn)
    Line Input #iIn, sLine
    sPdf = "" : sVer = "0"
    p = InStr(sLine, Chr(9))
    If p > 0 Then
      sDocx = Left(sLine, p - 1)
      sPdf = Mid(sLine, p + 1)
      q = InStr(sPdf, Chr(9))
      If q > 0 Then
        sVer = Mid(sPdf, q + 1) : sPdf = Left(sPdf, q - 1)
      End If
    Else
      sDocx = sLine
    End If
    oDoc = Nothing
    On Error Goto DocFail
    oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sDocx), "_blank", 0, aLoad())
    If IsNull(oDoc) Then
      Print #iOut, "ERR" & Chr(9) & "load failed" & Chr(9) & sDocx
    Else
      REM the view's PageCount formats the whole document first
      n = oDoc.getCurrentController().PageCount
      If sPdf <> "" Then
        On Error Goto PdfFail
        aFD(0).Value = CLng(sVer)
        aStore(1).Name = "FilterData" : aStore(1).Value = aFD()
        oDoc.storeToURL(ConvertToURL(sPdf), aStore())
        On Error Goto DocFail
      End If
      Print #iOut, "OK" & Chr(9) & n & Chr(9) & sDocx
      oDoc.close(True)
    End If
    Goto NextDoc
PdfFail:
    sErr = Replace(Replace(Error$, Chr(10), " "), Chr(13), " ")
    Print #iOut, "PDFERR" & Chr(9) & n & Chr(9) & sDocx & Chr(9) & sErr
    On Error Resume Next
    oDoc.close(True)
    Resume NextDoc
DocFail:
    sErr = Replace(Replace(Error$, Chr(10), " "), Chr(13), " ")
    Print #iOut, "ERR" & Chr(9) & sErr & Chr(9) & sDocx
    Resume NextDoc
NextDoc:
    On Error Goto 0
  Loop
  Close #iIn
  Close #iOut
  StarDesktop.terminate()
End Sub
"""

_LIB_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
_LIBRARIES = (
    _LIB_HEADER + '<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" '
    '"libraries.dtd">\n<library:libraries xmlns:library="http://openoffice.org/2000/library" '
    'xmlns:xlink="http://www.w3.org/1999/xlink">\n'
    ' <library:library library:name="Standard" library:link="false"/>\n</library:libraries>\n'
)
_SCRIPT_LIB = (
    _LIB_HEADER + '<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" '
    '"library.dtd">\n<library:library xmlns:library="http://openoffice.org/2000/library" '
    'library:name="Standard" library:readonly="false" library:passwordprotected="false">\n'
    ' <library:element library:name="Module1"/>\n</library:library>\n'
)
_MODULE = (
    _LIB_HEADER + '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" '
    '"module.dtd">\n<script:module xmlns:script="http://openoffice.org/2000/script" '
    'script:name="Module1" script:language="StarBasic">' + xml_escape(_BASIC) + "</script:module>\n"
)
_PROFILE_ITEMS = (
    # LibreOffice (7.2+) runs a graphics self-test at every start while the profile's "last
    # version" is older than the program, and nothing updates it in headless use: ~1.5 s a start
    '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" '
    'oor:op="fuse"><value>99.9</value></prop></item>\n'
    # our files carry no VBA: do not set up VBA support for each file loaded
    '<item oor:path="/org.openoffice.Office.Writer/Filter/Import/VBA"><prop oor:name="Load" '
    'oor:op="fuse"><value>false</value></prop></item>\n'
    '<item oor:path="/org.openoffice.Office.Writer/Filter/Import/VBA"><prop oor:name="Executable" '
    'oor:op="fuse"><value>false</value></prop></item>\n'
)
_MACRO_URL = "vnd.sun.star.script:Standard.Module1.Run?language=Basic&location=application"
_PDF_FILTERS = {
    0: 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
    2: 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
}
#: files per `soffice --convert-to` run (its launcher passes on at most ~250 arguments)
_CONVERT_CHUNK = 200
#: files per LibreOffice run (a start costs ~0.3 s once the profile is set up; small batches
#: spread the work evenly over the lanes)
BATCH = 100


@dataclass
class Job:
    """One DOCX to lay out: its page count, and a PDF written to ``pdf`` when given
    (``pdfa``: PDF/A-2b)."""

    key: str
    docx: Path
    pdf: Path | None = None
    pdfa: bool = False


@dataclass
class Result:
    pages: int
    pdf_error: str | None = None


class Office:
    """A few private LibreOffice profiles and the batches run in them.

    ``fonts`` is the fontconfig file the machine's fonts are read from (default: the
    environment's ``FONTCONFIG_FILE``, else the system's); govpub's font map is added on top.
    ``work`` is a folder for profiles and batch lists (default: a new temporary one, removed
    by :meth:`close`). Use as a context manager or call :meth:`close`.
    """

    def __init__(
        self,
        *,
        lanes: int | None = None,
        work: Path | str | None = None,
        fonts: str | None = None,
        exe: str | None = None,
    ):
        exe = exe or soffice_path()
        if exe is None:
            raise LibreOfficeMissing("没有找到 LibreOffice（soffice 不在 PATH 中）。" + INSTALL_HINT)
        self.exe = exe
        self._own_work = work is None
        self.work = Path(work) if work is not None else ascii_tempdir("govpub-lo-")
        self.lanes = max(1, lanes or min(os.cpu_count() or 1, 4))
        self.engine = os.environ.get("GOVPUB_LO_ENGINE", "macro")
        self.fonts = fonts if fonts is not None else os.environ.get("FONTCONFIG_FILE") or None
        self.font_file = font_config(self.fonts)
        self._profiles: queue.Queue[Path] = queue.Queue()
        self._made = 0
        self._lock = threading.Lock()
        self._batch = 0
        self._executor = ThreadPoolExecutor(max_workers=self.lanes)

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        if self._own_work:
            shutil.rmtree(self.work, ignore_errors=True)

    def font_warnings(self) -> list[str]:
        return font_warnings(self.fonts)

    # -- the public calls ----------------------------------------------------------------------------------
    def submit(self, jobs: list[Job]):
        """Lay out one batch in the background (a Future of its results by key)."""
        return self._executor.submit(self._run_chunk, jobs)

    def run(self, jobs: Sequence[Job], *, solo: Sequence[Job] = ()) -> dict[str, Result]:
        """Lay out ``jobs`` in batches of a fixed size, ``lanes`` at a time; each of ``solo``
        (big files) alone, first.

        The batches do not depend on the machine: LibreOffice numbers the Type 1 fonts it
        embeds in a PDF with a counter that runs through the whole process, so a PDF's bytes
        depend on the files converted before it in the same process."""
        jobs = list(jobs)
        chunks = [[j] for j in solo]
        chunks += [jobs[i : i + BATCH] for i in range(0, len(jobs), BATCH)]
        results: dict[str, Result] = {}
        for future in [self.submit(c) for c in chunks]:
            results.update(future.result())
        return results

    def convert(self, paths: Sequence[Path], out_dir: Path, target: str) -> dict[Path, Path]:
        """Convert files with ``soffice --convert-to target`` (``docx`` for a legacy ``.doc`` or
        ``.wps``) into ``out_dir``, each named after its input (stems must differ); returns input
        → converted file for every file LibreOffice converted. A file it cannot read (damaged,
        encrypted) or a run that times out leaves those files out of the result; a program
        that cannot be started raises :class:`OSError`."""
        out_dir.mkdir(parents=True, exist_ok=True)
        profile = self._profile()
        try:
            for i in range(0, len(paths), _CONVERT_CHUNK):
                part = list(paths[i : i + _CONVERT_CHUNK])
                try:
                    self._soffice(
                        [
                            f"-env:UserInstallation={profile.as_uri()}",
                            "--headless",
                            "--norestore",
                            "--nolockcheck",
                            "--convert-to",
                            target,
                            "--outdir",
                            str(out_dir),
                            *map(str, part),
                        ],
                        timeout=TIMEOUT_START + TIMEOUT_PER_FILE * len(part),
                        env={},
                    )
                except LibreOfficeError:
                    continue  # timed out: the files it did not finish are missing from the result
        finally:
            self._profiles.put(profile)
        done = {}
        for p in paths:
            converted = out_dir / f"{Path(p).stem}.{target}"
            if converted.is_file():
                done[Path(p)] = converted
        return done

    # -- profiles -------------------------------------------------------------------------------------------
    def _new_profile(self) -> Path:
        with self._lock:
            self._made += 1
            path = self.work / f"lo-profile-{self._made}"
        path.mkdir()
        # let LibreOffice create its profile, then add the macro library
        self._soffice(
            [f"-env:UserInstallation={path.as_uri()}", "--headless", "--terminate_after_init"],
            timeout=TIMEOUT_START,
            env={},
        )
        basic = path / "user" / "basic"
        (basic / "Standard").mkdir(parents=True, exist_ok=True)
        (basic / "script.xlc").write_text(_LIBRARIES, encoding="utf-8")
        (basic / "dialog.xlc").write_text(_LIBRARIES, encoding="utf-8")
        (basic / "Standard" / "script.xlb").write_text(_SCRIPT_LIB, encoding="utf-8")
        if not (basic / "Standard" / "dialog.xlb").exists():
            (basic / "Standard" / "dialog.xlb").write_text(
                _SCRIPT_LIB.replace(' <library:element library:name="Module1"/>\n', ""), encoding="utf-8"
            )
        (basic / "Standard" / "Module1.xba").write_text(_MODULE, encoding="utf-8")
        registry = path / "user" / "registrymodifications.xcu"
        if registry.is_file():
            text = registry.read_text(encoding="utf-8")
            if "ooSetupLastVersion" not in text and "</oor:items>" in text:
                text = text.replace("</oor:items>", _PROFILE_ITEMS + "</oor:items>")
                registry.write_text(text, encoding="utf-8")
        return path

    def _profile(self) -> Path:
        try:
            return self._profiles.get_nowait()
        except queue.Empty:
            return self._new_profile()

    # -- running ------------------------------------------------------------------------------------------------
    def _soffice(self, args: list[str], *, timeout: float, env: dict) -> subprocess.CompletedProcess:
        full_env = dict(os.environ)
        full_env.setdefault("MALLOC_TRIM_THRESHOLD_", str(256 << 20))
        full_env["FONTCONFIG_FILE"] = self.font_file
        full_env.update(env)
        posix = os.name == "posix"
        proc = subprocess.Popen(
            [self.exe, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=full_env,
            start_new_session=posix,
        )
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:  # the launcher and the soffice.bin it started: the process group we made
                os.killpg(proc.pid, signal.SIGKILL) if posix else proc.kill()
            except OSError:
                pass
            proc.communicate()
            raise LibreOfficeError(f"LibreOffice 在 {timeout:.0f} 秒内没有完成，已终止") from None
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)

    def _run_chunk(self, jobs: list[Job]) -> dict[str, Result]:
        profile = self._profile()
        try:
            if self.engine == "macro":
                done = self._run_macro(profile, jobs)
                if done is None:  # the macro could not run at all: use --convert-to from now on
                    self.engine = "convert"
                else:
                    missing = [j for j in jobs if j.key not in done]
                    if missing:  # LibreOffice stopped early (crash): once more in a fresh process
                        again = self._run_macro(profile, missing) or {}
                        done.update(again)
                        missing = [j for j in missing if j.key not in done]
                    if missing:
                        raise LibreOfficeError(
                            "LibreOffice 无法排版这些文件：" + "、".join(j.docx.name for j in missing)
                        )
                    return done
            return self._run_convert(profile, jobs)
        finally:
            self._profiles.put(profile)

    def _run_macro(self, profile: Path, jobs: list[Job]) -> dict[str, Result] | None:
        with self._lock:
            self._batch += 1
            tag = self._batch
        lst = self.work / f"batch-{tag}.txt"
        out = self.work / f"batch-{tag}.out"
        lines = []
        for j in jobs:
            if j.pdf is not None:
                lines.append(f"{j.docx}\t{j.pdf}\t{2 if j.pdfa else 0}\n")
            else:
                lines.append(f"{j.docx}\n")
        lst.write_text("".join(lines), encoding="ascii")
        self._soffice(
            [
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--nologo",
                _MACRO_URL,
            ],
            timeout=TIMEOUT_START + TIMEOUT_PER_FILE * len(jobs),
            env={"GOVPUB_LIST": str(lst), "GOVPUB_OUT": str(out)},
        )
        if not out.is_file():
            return None
        by_path = {str(j.docx): j for j in jobs}
        done: dict[str, Result] = {}
        errors = []
        for line in out.read_text(encoding="ascii", errors="replace").splitlines():
            parts = line.split("\t")
            if parts[0] == "OK" and len(parts) >= 3 and parts[2] in by_path:
                done[by_path[parts[2]].key] = Result(int(parts[1]))
            elif parts[0] == "PDFERR" and len(parts) >= 3 and parts[2] in by_path:
                done[by_path[parts[2]].key] = Result(int(parts[1]), pdf_error=(parts[3:] or ["?"])[0])
            elif parts[0] == "ERR" and len(parts) >= 3:
                errors.append(f"{Path(parts[-1]).name}: {parts[1]}")
        if errors:
            raise LibreOfficeError("LibreOffice 无法打开这些文件：" + "；".join(errors))
        for j in jobs:
            if j.key in done and j.pdf is not None and not done[j.key].pdf_error and not j.pdf.is_file():
                done[j.key].pdf_error = "LibreOffice 没有写出 PDF"
        return done

    def _run_convert(self, profile: Path, jobs: list[Job]) -> dict[str, Result]:
        done: dict[str, Result] = {}
        groups: dict[int, list[Job]] = {}
        for j in jobs:  # one run per PDF kind; a page count alone needs a PDF too
            groups.setdefault(2 if (j.pdf is not None and j.pdfa) else 0, []).append(j)
        for version, group in groups.items():
            for i in range(0, len(group), _CONVERT_CHUNK):
                done.update(self._convert_part(profile, group[i : i + _CONVERT_CHUNK], version))
        return done

    def _convert_part(self, profile: Path, part: list[Job], version: int) -> dict[str, Result]:
        done: dict[str, Result] = {}
        with self._lock:
            self._batch += 1
            tag = self._batch
        outdir = self.work / f"convert-{tag}"
        outdir.mkdir()
        try:
            stems = [j.docx.stem for j in part]
            if len(set(stems)) != len(stems):  # PDFs are named after their input: one at a time
                for j in part:
                    done.update(self._convert_part(profile, [j], version))
                return done
            proc = self._soffice(
                [
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nolockcheck",
                    "--convert-to",
                    _PDF_FILTERS[version],
                    "--outdir",
                    str(outdir),
                    *[str(j.docx) for j in part],
                ],
                timeout=TIMEOUT_START + TIMEOUT_PER_FILE * len(part),
                env={},
            )
            for j in part:
                pdf = outdir / (j.docx.stem + ".pdf")
                if not pdf.is_file():
                    detail = (proc.stderr or b"").decode("utf-8", "replace").strip()[-300:]
                    raise LibreOfficeError(f"LibreOffice 无法转换 {j.docx.name}（退出码 {proc.returncode}）{detail}")
                done[j.key] = Result(pdf_page_count(pdf.read_bytes()))
                if j.pdf is not None:
                    os.replace(pdf, j.pdf)
        finally:
            shutil.rmtree(outdir, ignore_errors=True)
        return done


def ascii_tempdir(prefix: str) -> Path:
    """A new temporary folder whose path is plain ASCII (the macro reads paths from a file and
    the environment, where non-ASCII text depends on the locale)."""
    for base in (None, "/tmp", "/var/tmp"):
        try:
            path = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
        except OSError:
            continue
        if str(path).isascii() and " " not in str(path):
            return path
        shutil.rmtree(path, ignore_errors=True)
    raise LibreOfficeError("找不到路径为纯 ASCII 的临时文件夹：请把环境变量 TMPDIR 设为这样的文件夹")


# --- one-call helpers (one Office per process, started on first use) ---------------------------------------

_SHARED: dict[str | None, Office] = {}
_SHARED_LOCK = threading.Lock()


def shared_office(fonts: str | None = None) -> Office:
    """An :class:`Office` kept for the life of the process (its profiles are set up once),
    one per font configuration."""
    key = fonts if fonts is not None else os.environ.get("FONTCONFIG_FILE") or None
    if soffice_path() is None:  # asked every time: LibreOffice may have gone since
        raise LibreOfficeMissing("没有找到 LibreOffice（soffice 不在 PATH 中）。" + INSTALL_HINT)
    with _SHARED_LOCK:
        office = _SHARED.get(key)
        if office is None:
            office = _SHARED[key] = Office(fonts=key)
            atexit.register(office.close)
        return office


def docx_to_pdfs(
    paths: Sequence[Path | str], out_dir: Path | str, *, pdfa: bool = False, fonts: str | None = None
) -> list[Path]:
    """PDFs of several DOCX files (in ``out_dir``, named after them, in the order given)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(p).resolve() for p in paths]
    if not paths:
        return []
    office = shared_office(fonts)
    names: list[Path] = []
    jobs = []
    seen: dict[str, int] = {}
    for i, p in enumerate(paths):
        n = seen.get(p.stem, 0)
        seen[p.stem] = n + 1
        pdf = out / (f"{p.stem}.pdf" if n == 0 else f"{p.stem}-{n}.pdf")
        names.append(pdf)
        docx = p
        if not str(p).isascii():  # the macro's list file is ASCII
            docx = office.work / f"in-{uuid.uuid4().hex[:12]}.docx"
            shutil.copyfile(p, docx)
        jobs.append(Job(f"j{i}", docx, office.work / f"out-{uuid.uuid4().hex[:12]}.pdf", pdfa))
    results = office.run(jobs)
    for job, pdf in zip(jobs, names):
        err = results[job.key].pdf_error
        if err:
            raise LibreOfficeError(f"LibreOffice 无法为 {job.docx.name} 生成 PDF（{err}）")
        shutil.move(str(job.pdf), pdf)
        if job.docx.parent == office.work:
            job.docx.unlink(missing_ok=True)
    return names


def docx_to_pdf(
    docx: Path | str | bytes | BinaryIO,
    out_dir: Path | str | None = None,
    *,
    pdfa: bool = False,
    fonts: str | None = None,
) -> Path:
    """The PDF of one DOCX (a path, bytes or a binary file). Without ``out_dir`` it goes to a
    new temporary folder the caller may delete."""
    work = Path(out_dir) if out_dir is not None else Path(tempfile.mkdtemp(prefix="govpub-pdf-"))
    work.mkdir(parents=True, exist_ok=True)
    if isinstance(docx, (str, Path)):
        src = Path(docx)
    else:
        data = docx if isinstance(docx, bytes) else docx.read()
        src = work / f"in-{uuid.uuid4().hex[:8]}.docx"
        src.write_bytes(data)
    return docx_to_pdfs([src], work, pdfa=pdfa, fonts=fonts)[0]


def page_counts(paths: Iterable[Path | str], *, fonts: str | None = None) -> dict[Path, int]:
    """Pages each DOCX has when LibreOffice lays it out (no PDF is written)."""
    paths = [Path(p) for p in paths]
    office = shared_office(fonts)
    jobs = []
    for i, p in enumerate(paths):
        docx = p.resolve()
        if not str(docx).isascii():
            docx = office.work / f"in-{uuid.uuid4().hex[:12]}.docx"
            shutil.copyfile(p, docx)
        jobs.append(Job(f"j{i}", docx))
    results = office.run(jobs)
    for job in jobs:
        if job.docx.parent == office.work:
            job.docx.unlink(missing_ok=True)
    return {p: results[j.key].pages for p, j in zip(paths, jobs)}


def page_count(docx: Path | str | bytes | BinaryIO, *, fonts: str | None = None) -> int:
    """The number of pages the DOCX really has when rendered (for 页数 in the archive)."""
    if isinstance(docx, (str, Path)):
        return page_counts([docx], fonts=fonts)[Path(docx)]
    data = docx if isinstance(docx, bytes) else docx.read()
    work = Path(tempfile.mkdtemp(prefix="govpub-pages-"))
    try:
        src = work / "in.docx"
        src.write_bytes(data)
        return page_counts([src], fonts=fonts)[src]
    finally:
        shutil.rmtree(work, ignore_errors=True)
