"""Every refusal within 5 seconds and 512 MiB: `mentor check` on a project in a limited child process.

A pull request's check must answer a hostile file quickly and without filling the memory of
the machine that runs it. `refused(project)` runs `mentor check` (macros.cli.commands.main) on the
project in a child process whose address space is limited with RLIMIT_AS and whose time is
limited to 5 seconds of CPU with RLIMIT_CPU, and returns the problem lines it printed. CPU
seconds, not the clock: the tests share their machine, and a busy machine must not make a
fast check look slow (the clock only guards against a child that hangs). The children are
forked from a forkserver that has imported the tool once, so each case costs a fork and a
check, not a new interpreter; the interpreter's own start is measured by the tests that run
the real `mentor` executable (tests/test_hostile_bounds.py).
"""

from __future__ import annotations

import io
import multiprocessing
import re
import resource
import time
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from macros.cli.commands import main

SECONDS = 5  # of CPU time
MEMORY = 512 * 1024 * 1024  # bytes of address space
HANG = 60  # seconds on the clock before a child that does not answer is stopped
PROBLEM = re.compile(r"^[^\s:][^:]*:\d+:\d+: (?:fejl|advarsel): ")


def _check(root: str, out: Connection, seconds: int, memory: int) -> None:
    """In the child: limit memory and CPU time, run `mentor check`, send back its code and output."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))  # SIGXCPU ends the child after that
    printed = io.StringIO()
    with redirect_stdout(printed), redirect_stderr(printed):
        code = main(["--root", root, "check"])
    out.send((code, printed.getvalue()))


@cache
def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.refusal"])
    return context


def check_limited(project: Path, seconds: int = SECONDS, memory: int = MEMORY) -> tuple[int, str, float]:
    """`mentor check` on `project` within the limits: its exit code, its output and the seconds it took."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_check, args=(str(project), send, seconds, memory))
    began = time.monotonic()
    child.start()
    send.close()  # the child's end; the parent only reads
    with receive:
        answered = receive.poll(HANG)
        seconds_taken = time.monotonic() - began
        if not answered:
            child.kill()
        child.join()
        try:
            code, output = receive.recv() if answered else (None, "")
        except EOFError:  # the child was ended (by RLIMIT_CPU or for want of memory) before it answered
            code, output = None, ""
    assert code is not None, f"mentor check svarede ikke inden for grænserne (udgangskode {child.exitcode})"
    child.close()
    return code, output, seconds_taken


def refused(project: Path) -> list[str]:
    """The problem lines of a refused project; fails unless `mentor check` said no within the limits."""
    code, output, _ = check_limited(project)
    assert code == 1, output
    assert "Traceback" not in output
    return [line for line in output.splitlines() if PROBLEM.match(line)]
