"""A build's layout and page streams kept in the cache folder, so the next process that builds
the same publication starts where the last one ended.

Inside one process the engine's LayoutCache and the PDF writer's PageStreams make an edit
cost milliseconds: unchanged documents are not laid out again and unchanged pages are not
drawn again. A new process (each `main.py build`) used to start with both empty. A
`KeptBuild` reads them from the cache folder, under a name the caller gives (the CLI uses the
input file's path), and writes them back after the build.

Nothing kept can change a result. Every entry stays keyed by what it was made from (the
document's blocks, the template's fingerprint, the page's drawn items, the subset's
characters); the font book's id() in the layout keys is replaced by the faces' file
identities, adopted only by a book whose faces are the same files (LayoutCache.portable).
What the keys cannot see, the code that made the entries and the word dictionary that broke
their lines, is the file's stamp: a file of another stamp is not read. An unreadable, stale
or corrupt file only means the build starts empty, as before.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
import zlib
from pathlib import Path

from .cachedir import cache_dir, write_whole
from .collector import cyclic_gc_paused
from .digest import sha1
from .engine import LayoutCache
from .pdf import PageStreams

FORMAT = b"gazette-press kept build 1"
FOLDER = "builds"
MAX_FILES = 16  # the publications built most recently; older files are removed
MAX_BYTES = 256 << 20  # and no more than this in all (pictures make large files)
LIBRARIES = ("reportlab", "fontTools")  # the file's objects and the subsets' programs come from these


def code_stamp() -> bytes:
    """What the kept entries depend on besides their keys: this Python and zlib, the libraries
    that write the file and the subsets, the layout package's source files and the word
    dictionary (it decides where lines may break)."""
    from .words import dictionary_identity

    h = sha1(FORMAT)
    h.update(f"{sys.version}|{zlib.ZLIB_RUNTIME_VERSION}\n".encode())
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        st = os.stat(spec.origin) if spec is not None and spec.origin else None
        h.update(f"{name}|{st and st.st_size}|{st and st.st_mtime_ns}\n".encode())
    h.update(sources_stamp(str(Path(__file__).parent)).encode())
    h.update(dictionary_identity().encode())
    return h.hexdigest().encode()


def sources_stamp(folder: str) -> str:
    """The path, size and modification time of every .py file under `folder`, as one digest."""
    h = sha1()
    for entry in sorted(_sources(folder), key=lambda e: e.path):
        st = entry.stat()
        h.update(f"{entry.path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _sources(folder: str) -> list[os.DirEntry]:
    """The .py files under `folder` (os.scandir: a fifth of pathlib's rglob on every start)."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py") and entry.is_file():
                found.append(entry)
            elif entry.is_dir() and not entry.name.startswith((".", "__")):
                found.extend(_sources(entry.path))
    return found


class KeptBuild:
    """The layout cache and page streams of one publication's last build in any process."""

    def __init__(self, name: str) -> None:
        self.path = cache_dir() / FOLDER / (sha1(name.encode()).hexdigest()[:24] + ".pickle")
        self.stamp = code_stamp()
        state = self._read()
        self.kept_layouts: dict | None = state.get("layouts")  # as read: LayoutCache.adopt takes it
        self.layouts = LayoutCache(kept=self.kept_layouts)
        streams = state.get("streams")
        self.streams = streams if isinstance(streams, PageStreams) else PageStreams()
        notes = state.get("notes")
        self._notes: dict[str, tuple[bytes, bytes]] = notes if isinstance(notes, dict) else {}
        self._read_as = _summary(state.get("layouts"), self.streams, self._notes) if state else None

    def note(self, name: str, key: bytes) -> bytes | None:
        """What a caller kept under `name` with this `key` in the last build (`keep`), else None.
        The layout package does not read it: the caller's key says what the bytes were made
        from (the editor keeps the issue it read from the input file, keyed by the file's bytes)."""
        got = self._notes.get(name)
        return got[1] if got is not None and got[0] == key else None

    def keep(self, name: str, key: bytes, data: bytes) -> None:
        """Keep `data` under `name` for the next build, found again only with the same `key`."""
        self._notes[name] = (key, data)

    def _read(self) -> dict:
        try:
            with open(self.path, "rb") as f:
                if f.readline() != self.stamp + b"\n":
                    return {}
                data = f.read()
        except OSError:
            return {}
        try:
            with cyclic_gc_paused():
                state = pickle.loads(data)
        except Exception:  # a damaged file (or one of a class since renamed) is only a cache miss
            return {}
        return state if isinstance(state, dict) else {}

    def save(self) -> None:
        """Keep what the build left (written whole or not at all; an unwritable folder only
        means the next build starts empty)."""
        layouts = self.layouts.portable()
        if layouts is None:
            return
        if self.streams.drawn == 0 and _summary(layouts, self.streams, self._notes) == self._read_as:
            try:  # the build used what was kept and made nothing new: only "used recently" changes
                os.utime(self.path)
            except OSError:
                pass
            return
        try:
            with cyclic_gc_paused():
                data = pickle.dumps(
                    {"layouts": layouts, "streams": self.streams, "notes": self._notes},
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
        except Exception:  # noqa: BLE001 - something that cannot be kept is only not kept
            return
        write_whole(self.path, self.stamp + b"\n" + data)
        _prune(self.path.parent)


def _summary(layouts: dict | None, streams: PageStreams, notes: dict[str, tuple[bytes, bytes]]) -> tuple:
    """What a kept build holds, by its keys: equal before and after a build, it made nothing."""
    if not layouts:
        return ()
    furniture = sum(len(v) for v in layouts["paras"].values())
    kept = {name: key for name, (key, _data) in notes.items()}
    return (set(layouts["flows"]), set(layouts["fronts"]), furniture, set(streams.subsets), kept)


def _prune(folder: Path) -> None:
    """Remove all but the newest MAX_FILES files, and older ones beyond MAX_BYTES in all."""
    try:
        files = sorted(((p.stat(), p) for p in folder.glob("*.pickle")), key=lambda f: -f[0].st_mtime_ns)
        total = 0
        for n, (st, path) in enumerate(files):
            total += st.st_size
            if n >= MAX_FILES or total > MAX_BYTES:
                os.unlink(path)
    except OSError:
        pass  # another build pruned first, or the folder is read-only
