"""One error type for everything govpub tells a user it cannot do, with its exit status.

Every failure a user can cause or fix (a wrong argument, an unreadable root, a place no output
may be written, a corpus with errors, a file that cannot be imported) is a :class:`GovpubError`.
The exception carries its exit status (:attr:`GovpubError.exit_code`) and its message is the
sentence shown to the user, in Chinese, saying what is wrong and what to do. The command line
catches them in one place (:func:`generator.cli.main`), prints ``govpub: <message>`` on stderr
and exits with the code; no command converts errors by hand.

Anything else that escapes a command is a bug in govpub: :func:`internal_error_message` asks
the user to report it, and the command line exits :data:`EXIT_INTERNAL` (70, ``EX_SOFTWARE``
of BSD ``sysexits.h``) so that scripts can tell a bug from bad input.

Exit statuses (SPEC §4, README 退出状态):

====  ============================================================================
0     success (warnings allowed)
1     findings: the corpus has errors (or warnings with ``--strict``), or a build, export,
      import or report refused bad input (:class:`Refused`)
2     usage error: wrong arguments, an unreadable root, an output place that may not be
      written (:class:`UsageError`)
70    internal error: a bug in govpub (:data:`EXIT_INTERNAL`)
130   interrupted (Ctrl-C)
====  ============================================================================

This module sits low in the house (it imports nothing of ours) so that every layer may raise
these errors.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

#: where a user reports a bug (printed with every internal error; README 开发 names the tracker)
BUG_REPORT_WHERE = "govpub 的维护者（项目的问题跟踪处，或本单位负责 govpub 的技术人员）"

#: set to 1 to see the Python traceback of an internal error
DEBUG_ENV = "GOVPUB_DEBUG"


class GovpubError(Exception):
    """An error govpub explains to its user; ``str(error)`` is the Chinese message.

    Subclasses set :attr:`exit_code`; a raise site may override it with ``exit_code=``."""

    exit_code: int = EXIT_FINDINGS

    def __init__(self, *args: object, exit_code: int | None = None) -> None:
        super().__init__(*args)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        """The sentence shown to the user."""
        return str(self)


class UsageError(GovpubError):
    """Wrong arguments, an unreadable root, or an output place that may not be written: exit 2."""

    exit_code = EXIT_USAGE


class Refused(GovpubError):
    """A build, export, import or report refused bad input (the message says what to fix): exit 1."""

    exit_code = EXIT_FINDINGS


def internal_error_message(exc: BaseException, command: str, version: str) -> str:
    """What the user sees when govpub itself fails: a request for a bug report, no traceback."""
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return (
        f"内部错误（{what}）：这是 govpub 的缺陷，不是您的操作问题。"
        f"请把 govpub 的版本（{version}）、运行的命令（{command}）和这条信息报告给{BUG_REPORT_WHERE}；"
        f"设置环境变量 {DEBUG_ENV}=1 后重新运行可看到详细的出错位置，可一并附上。"
    )
