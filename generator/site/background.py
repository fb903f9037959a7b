"""Work done in a forked process while the build goes on (the check, the search index, a
share of a large MkDocs build)."""

from __future__ import annotations

import gc
import multiprocessing
import os


def cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _child(send, fn, args) -> None:
    try:
        value = (True, fn(*args))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which re-raises it
        value = (False, exc)
    try:
        send.send(value)
    except Exception as exc:  # an unpicklable result or exception
        send.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        send.close()


class Background:
    """``fn(*args)`` in a forked process while this one goes on (inline where there is one
    CPU or no fork); the arguments are inherited, not pickled. :meth:`result` waits for it
    and re-raises its exception; :meth:`cancel` stops it (a build that is refused does not
    wait for its search index)."""

    def __init__(self, fn, *args, parallel: bool = True):
        self._proc = self._recv = None
        self._value = None
        if parallel and cpus() > 1 and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self._recv, send = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
            # Objects the garbage collector has frozen are not visited by it in the child, so
            # their pages stay shared with this process instead of being copied (system time).
            gc.freeze()
            try:
                self._proc.start()
            finally:
                gc.unfreeze()
            send.close()
        else:
            self._value = fn(*args)

    def result(self):
        if self._proc is None:
            return self._value
        try:
            ok, payload = self._recv.recv()
        except EOFError:
            ok, payload = (
                False,
                RuntimeError(f"a background process of the build ended with exit code {self._proc.exitcode}"),
            )
        finally:
            self._recv.close()
            self._proc.join()
        self._proc = None
        if not ok:
            raise payload
        self._value = payload
        return payload

    def cancel(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._recv.close()
            self._proc = None
