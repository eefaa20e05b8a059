"""Kill -9 during save, many times: the issue file and its .bak are always whole versions.

A forked child saves an issue over and over (version k carries cumulative = k) and reports
each save that returned through a pipe; the parent kills it with SIGKILL at a random moment
after its first save, then checks the files on disk:

  - the issue file loads, and its version is the last reported one or the one in progress
    (never older: no lost version, never unreadable);
  - the .bak loads and is not newer than the issue file;
  - after the next save no temp file is left.

It also notes where the kills landed (a temp file of the issue or of the backup was on disk),
so the figures show that kills hit the write and the backup phases.

`kill_at_each_step` does the same deterministically: a save is killed just before each of its
file-system calls in turn (the backup's link and rename take microseconds, so random kills hit
them only now and then), with the same checks after every kill.

    .venv/bin/python -m benchmarks.kill_save --kills 200
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from editor.atomic import TEMP_SUFFIX  # noqa: E402
from editor.issue_file import issue_to_bytes, load_issue, save_issue  # noqa: E402

READY = b"+"
FAILED = b"!"  # then the exception that ended a child's saves


def _child(issue, target: Path, first: int, out_fd: int) -> None:
    """Save versions first, first+1, … forever, writing each finished version to the pipe, and
    READY after the first one: the parent times its kill from there, when this child saves as fast
    as the parent did. (Its first save is slower: a fork of a big process, a test runner, copies
    every page the save touches; before READY, a loaded machine killed every child in the middle of
    its first save's zip, never in a write.) Objects inherited from the parent are frozen, so no
    collection in this child walks the runner's whole heap."""
    gc.freeze()
    v = first
    while True:
        issue.cumulative = v
        save_issue(issue, target)
        os.write(out_fd, f"{v}\n".encode() + (READY if v == first else b""))
        v += 1


def kill_during_save(issue, folder: Path, kills: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    target = folder / "issue.gazette"
    save_issue(issue, target)
    issue.cumulative += 1
    save_issue(issue, target)  # now the .bak exists too: from here on both must always load
    save_seconds = _time_one_save(issue, folder)
    last = issue.cumulative
    figures = {
        "kills": 0,
        "unreadable": 0,
        "lost_versions": 0,
        "bak_unreadable": 0,
        "bak_newer": 0,
        "killed_during_write": 0,
        "killed_during_backup": 0,
        "temp_files_left_after_next_save": 0,
        "saves_finished": 0,
        "child_error": "",
        "save_ms": round(save_seconds * 1000, 1),
    }
    for _ in range(kills):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns to the test runner
            os.close(read_fd)
            try:
                _child(issue, target, last + 1, write_fd)
            except BaseException as e:  # noqa: BLE001 - told to the parent, which counts it
                os.write(write_fd, f"{FAILED.decode()}{type(e).__name__}: {e}".replace("\n", " ").encode())
            finally:
                os._exit(0)
        os.close(write_fd)
        told = _read_until(read_fd, READY)  # "" if the child died first: nothing to wait for
        time.sleep(rng.uniform(0, 3 * save_seconds))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        told = told.replace(READY.decode(), "") + _read_all(read_fd)
        told, _, failure = told.partition(FAILED.decode())
        if failure and not figures["child_error"]:
            figures["child_error"] = failure  # the first one: a save that fails is no kill test
        done = [int(x) for x in told.split()]
        figures["saves_finished"] += len(done)
        os.close(read_fd)
        figures["kills"] += 1
        names = os.listdir(folder)
        if any(n.startswith(".issue.gazette.bak.") and n.endswith(TEMP_SUFFIX) for n in names):
            figures["killed_during_backup"] += 1
        elif any(n.startswith(".issue.gazette.") and n.endswith(TEMP_SUFFIX) for n in names):
            figures["killed_during_write"] += 1
        newest = max(done, default=last)
        version = _judge(target, newest, figures)
        last = max(version, newest)
    issue.cumulative = last + 1
    save_issue(issue, target)
    figures["temp_files_left_after_next_save"] = sum(1 for n in os.listdir(folder) if n.endswith(TEMP_SUFFIX))
    return figures


def _judge(target: Path, newest: int, figures: dict) -> int:
    """After a kill: TARGET must load as version NEWEST or the one in progress, its .bak as a
    version no newer; counts what fails in FIGURES and returns the version on disk."""
    try:
        version = load_issue(target).cumulative
    except Exception:  # noqa: BLE001 - exactly what this counts
        figures["unreadable"] += 1
        version = newest
    if not newest <= version <= newest + 1:
        figures["lost_versions"] += 1
    try:
        if load_issue(target.with_name(target.name + ".bak")).cumulative > version:
            figures["bak_newer"] += 1
    except Exception:  # noqa: BLE001
        figures["bak_unreadable"] += 1
    return version


STEP_CALLS = ("open", "fsync", "chmod", "link", "replace", "unlink")


def _save_killed_at(issue, target: Path, k: int) -> None:
    """In a forked child: save, but SIGKILL this process just before its k-th file-system call
    (os.open, fsync, chmod, link, replace, unlink); exit 0 if the save needs fewer calls."""
    count = [0]

    def wrap(fn):
        def counted(*args, **kwargs):
            count[0] += 1
            if count[0] == k:
                os.kill(os.getpid(), signal.SIGKILL)
            return fn(*args, **kwargs)

        return counted

    for name in STEP_CALLS:
        setattr(os, name, wrap(getattr(os, name)))
    save_issue(issue, target)


def kill_at_each_step(issue, folder: Path) -> dict:
    """Kill a save before each of its file-system calls in turn (deterministic, unlike the random
    kills above, so the short backup steps are hit every time); after each kill the same checks,
    then a normal save that must leave no temp file behind."""
    target = folder / "issue.gazette"
    save_issue(issue, target)
    issue.cumulative += 1
    save_issue(issue, target)
    figures = {"steps": 0, "unreadable": 0, "lost_versions": 0, "bak_unreadable": 0, "bak_newer": 0}
    figures["temp_files_left"] = 0
    k = 1
    while k < 200:  # a save makes a few dozen calls; 200 means the count never ended
        before = issue.cumulative
        issue.cumulative = before + 1
        pid = os.fork()
        if pid == 0:
            try:
                _save_killed_at(issue, target, k)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        if not os.WIFSIGNALED(status):
            break  # the save finished before call k: every step has been killed once
        figures["steps"] += 1
        _judge(target, before, figures)
        issue.cumulative = before + 2
        save_issue(issue, target)  # the next save after a kill: it cleans up what the kill left
        figures["temp_files_left"] += sum(1 for n in os.listdir(folder) if n.endswith(TEMP_SUFFIX))
        k += 1
    return figures


def _read_until(fd: int, mark: bytes) -> str:
    """What FD gives up to and including the one byte MARK, or up to its end."""
    got = bytearray()
    while not got.endswith(mark):
        byte = os.read(fd, 1)
        if not byte:
            break
        got += byte
    return got.decode()


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks).decode()
        chunks.append(chunk)


def _time_one_save(issue, folder: Path) -> float:
    probe = folder / "probe.gazette"
    start = time.perf_counter()
    save_issue(issue, probe)
    elapsed = time.perf_counter() - start
    probe.unlink()
    return max(elapsed, 0.002)


def reference_issue():
    from editor.importing import load_input

    return load_input(ROOT.parent / "shared" / "seed" / "hld-2018-02.txt")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kill -9 during save, many times")
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    issue = reference_issue()
    with tempfile.TemporaryDirectory(prefix="gazette-kill-") as tmp:
        figures = kill_during_save(issue, Path(tmp), a.kills, a.seed)
    figures["issue_bytes"] = len(issue_to_bytes(issue))
    print(json.dumps({"benchmark": "kill_save", **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
