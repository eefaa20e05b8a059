"""Background relayout: edits are laid out in a worker thread while the editor keeps typing.

The issue is snapshotted on the GUI thread (a one-level copy of documents and blocks) and
composed in the worker, so the worker never reads the model the user is editing. Requests are
debounced and coalesced: while a layout runs, further edits only mark the issue dirty, and
one more layout starts when the running one ends. A LayoutCache lives across runs, so an
edit re-lays only the edited document; the engine prunes the versions it no longer uses.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from editor.errors import UserError
from editor.model import DEFAULT_TEMPLATE, Issue
from editor.page_identity import PageIdentity, PageKey
from layout.errors import LayoutProblem

from .i18n import current_language
from .workers import fast_switching, run_layout_steps, start_worker, stop_thread

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200


def one_line(exc: BaseException, lang: str = "zh") -> str:
    """The one sentence a user sees for a failed layout, in the UI's language."""
    en = lang.startswith("en")
    if isinstance(exc, (LayoutProblem, UserError)):
        return exc.message(lang)
    if isinstance(exc, MemoryError):
        if en:
            return "Layout failed: out of memory. Close other programs and try again."
        return "排版失败：内存不足，请关闭其他程序后重试。"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if en:
        return f"Layout failed: {text}. Save and try again; if it keeps happening, send the issue file to support."
    return f"排版失败：{text}。请保存后重试；若反复出现，请把本期文件发给技术支持。"


@dataclass(frozen=True)
class _Job:
    """What one layout needs, made on the GUI thread so the worker touches no live model."""

    generation: int
    source: Issue  # a snapshot of the issue (editor.check_cache.snapshot), composed in the worker
    template: str  # name or path
    lang: str = "zh"  # for the failure line
    kept: str = ""  # the issue file's path: what the last build or save of it kept is adopted


class _Worker(QObject):
    """Lives in the layout thread; keeps the templates and the layout cache between runs."""

    done = Signal(int, object)
    error = Signal(int, str)
    progress = Signal(int, int, str)
    kept = Signal(bool)  # keep() ended: whether the layouts are in the cache folder

    def __init__(self) -> None:
        super().__init__()
        self.cache: Any = None
        self._templates: dict[str, tuple[int, Any]] = {}
        # the pages' content keys, so the proof view knows unchanged pages without hashing them
        self.identity = PageIdentity()
        self._adopted = ""  # the issue file whose kept layouts this cache has taken

    @Slot(str)
    def warm(self, template: str) -> None:
        """Get ready for the first layout while the user is still choosing a file: the layout
        modules, the template's fonts and the word dictionary (a fifth of a 400-page issue's
        first layout otherwise). A failure here is left for that layout to report."""
        try:
            from editor.compose import compose  # noqa: F401 - imported for the first layout
            from layout.engine import LayoutCache
            from layout.words import dictionary

            if self.cache is None:
                self.cache = LayoutCache()
            self.cache.measure(self.cache.fontbook(self._template(template)))
            dictionary()
        except Exception:  # noqa: BLE001 - the first real layout says what is wrong, in one line
            log.debug("warming the layout failed", exc_info=True)

    def _adopt(self, path: str) -> None:
        """Take the layouts the last `main.py build` or save of the issue file at `path` kept
        (layout/keptbuild.py): reopening an issue lays out only what changed since. Unreadable
        or of other code or fonts, they are simply not taken."""
        from layout.keptbuild import KeptBuild

        self._adopted = path
        try:
            self.cache.adopt(KeptBuild(path).kept_layouts)
        except Exception:  # noqa: BLE001 - a cache that cannot be read costs a layout, nothing more
            log.debug("adopting the kept layouts failed", exc_info=True)

    @Slot(str)
    def keep(self, path: str) -> None:
        """Keep this cache's layouts for the issue file at `path` (just saved), for the next
        session or `main.py build` of it; what a build kept there besides (page streams) stays."""
        from layout.keptbuild import KeptBuild

        ok = False
        try:
            if self.cache is not None:
                kept = KeptBuild(path)
                kept.layouts = self.cache
                kept.save()
                ok = True
                self._adopted = path
        except Exception:  # noqa: BLE001 - not kept only means the next opening lays out
            log.debug("keeping the layouts failed", exc_info=True)
        self.kept.emit(ok)

    def _template(self, name: str):
        """Templates by name, read again when a template file given by path was saved since."""
        from layout.template import load_template

        try:
            stamp = os.stat(name).st_mtime_ns if os.sep in name or name.endswith(".toml") else 0
        except OSError:
            stamp = -1  # let load_template say what is wrong with the path
        got = self._templates.get(name)
        if got is None or got[0] != stamp:
            got = self._templates[name] = (stamp, load_template(name))
        return got[1]

    @Slot(object)
    def run(self, job: _Job) -> None:
        """One layout. While it runs, the GUI thread gets the interpreter back within half a
        millisecond instead of five: every event it handles calls into Python several times,
        and at five milliseconds a wait, deleting or redrawing a widget stalls for a third of a
        second behind a long layout."""
        with fast_switching():
            self._run(job)

    def _run(self, job: _Job) -> None:
        from editor.compose import compose
        from layout.engine import LayoutCache, typeset_steps

        try:
            publication = compose(job.source)
            if self.cache is None:
                self.cache = LayoutCache()
            if job.kept and job.kept != self._adopted:
                self._adopt(job.kept)
            tpl = self._template(job.template)
            # the cache also keeps the FontBook: finding installed fonts is done once
            book = run_layout_steps(typeset_steps(publication, tpl, cache=self.cache), self.progress.emit)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user as one line
            if not isinstance(exc, (LayoutProblem, UserError)):
                log.exception("relayout failed")
            self.error.emit(job.generation, one_line(exc, job.lang))
            return
        keys = self.identity.keys(book)
        self.done.emit(job.generation, (book, keys))


class Relayout(QObject):
    """Debounced, coalescing background layout of an issue; emits the new Book."""

    finished = Signal(object)  # layout.display.Book
    failed = Signal(str)  # one line for the user
    state = Signal(str)  # 排版中… / 已更新 / 排版失败
    progress = Signal(int, int, str)  # done, total, label of the running layout
    _start = Signal(object)
    _warm = Signal(str)
    _keep = Signal(str)
    kept = Signal(bool)  # after keep(): whether the layouts were kept

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._issue: Issue | None = None
        self._template: str | None = None
        self._generation = 0
        self._running = False
        self._dirty = False
        self._closed = False
        self.runs = 0  # layouts started, so tests can see coalescing
        self._keys: tuple[Any, list[PageKey]] | None = None  # the last book and its page keys
        self._kept_path = ""  # the issue file whose kept layouts the worker adopts
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._kick)

        # The thread and its worker belong to editor.gui.workers, not to this object: a running
        # QThread must never be destroyed (Qt aborts), and no Python code may run to stop it while
        # the garbage collector takes this object apart. They are stopped by shutdown(), or at
        # the application's end (aboutToQuit, atexit).
        self._worker = _Worker()
        self._start.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._worker.error.connect(self._on_error)
        self._worker.progress.connect(self.progress)
        self._thread = start_worker(self._worker, "relayout")
        self._warm.connect(self._worker.warm)
        self._keep.connect(self._worker.keep)
        self._worker.kept.connect(self.kept)
        self._warm.emit(DEFAULT_TEMPLATE)

    @property
    def cache(self) -> Any:
        """The LayoutCache kept across runs (None before the first layout)."""
        return self._worker.cache

    def is_busy(self) -> bool:
        return self._running or self._timer.isActive() or self._dirty

    def request(self, issue: Issue, template: str | None = None) -> None:
        """Lay the issue out again soon; many calls in a row give one layout."""
        if self._closed:
            return
        self._issue = issue
        self._template = template
        self._dirty = True
        if not self._running:
            self._timer.start()

    def request_now(self, issue: Issue, template: str | None = None, kept: str | None = None) -> None:
        """Skip the debounce (opening a file: nothing to wait for). `kept`: the issue file just
        opened, whose last build or save kept layouts in the cache folder (layout/keptbuild.py)."""
        self._kept_path = os.path.abspath(kept) if kept else ""  # a new issue has no file yet
        self.request(issue, template)
        if not self._running:
            self._timer.stop()
            self._kick()

    def keep(self, path: str) -> None:
        """Keep the layouts for the issue file at `path`, on the worker thread (after a save);
        `kept` says when it is done."""
        if not self._closed:
            self._kept_path = os.path.abspath(path)
            self._keep.emit(self._kept_path)

    def shutdown(self) -> None:
        """Stop the worker thread; the running layout is allowed to end first."""
        self._closed = True
        self._timer.stop()
        self._dirty = False
        stop_thread(self._thread)

    # ---- internals -----------------------------------------------------------------------
    def _kick(self) -> None:
        if self._running or not self._dirty or self._issue is None:
            return
        from editor.check_cache import snapshot

        self._dirty = False
        # a cheap copy on the GUI thread; composing it (a tenth of a second for 400 pages) is
        # the worker's job, so the typist never waits for it
        source = snapshot(self._issue)
        self._generation += 1
        self._running = True
        self.runs += 1
        self.state.emit(self.tr("排版中…"))
        self._start.emit(
            _Job(
                self._generation,
                source,
                self._template or self._issue.template,
                current_language(),
                self._kept_path,
            )
        )

    def page_keys(self, book: Any) -> list[PageKey] | None:
        """The content key of each page of a book this object emitted (editor.page_identity)."""
        if self._keys is not None and self._keys[0] is book:
            return self._keys[1]
        return None

    @Slot(int, object)
    def _on_done(self, generation: int, result: Any) -> None:
        self._running = False
        book, keys = result
        self._keys = (book, keys)
        self.finished.emit(book)
        if self._dirty:
            self._timer.start()
        else:
            self.state.emit(self.tr("已更新"))

    @Slot(int, str)
    def _on_error(self, generation: int, message: str) -> None:
        self._running = False
        if self._dirty:  # the next edit may already fix it; try that before complaining
            self._timer.start()
            return
        self.failed.emit(message)
        self.state.emit(self.tr("排版失败"))
