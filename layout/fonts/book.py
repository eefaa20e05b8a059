"""FontBook: each font role's chain of installed faces, with per-character fallback along it."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..display import FaceRef
from ..errors import FontError
from .cache import face_stamp
from .catalog import CatalogEntry, face_ref, find_face, installed_faces
from .metrics import FaceMetrics, face_metrics


class FontBook:
    """Role -> chain of installed faces, with per-character fallback along the chain."""

    def __init__(
        self, chains: Mapping[str, Sequence[str]], *, catalog: Sequence[CatalogEntry] | None = None
    ) -> None:
        self._catalog = list(catalog) if catalog is not None else installed_faces()
        self.faces: dict[str, FaceRef] = {}
        self._chains: dict[str, list[FaceRef]] = {}
        self._by_char: dict[tuple[str, str], FaceRef | None] = {}
        self._adv: dict[tuple[str, str], float] = {}
        self._metrics: dict[str, FaceMetrics] = {}  # spares a stat() of the file per lookup
        self._probes: dict[str, tuple[Callable[[int], int | None], array, int]] = {}
        self._by_file: dict[tuple[str, int], FaceRef] = {}
        # role -> names of its chain that are not installed, so a caller can say "X is not
        # installed, Y is used instead" when X was the user's explicit choice
        self.unresolved: dict[str, list[str]] = {}
        for role in sorted(chains):
            self._chains[role] = self._resolve(role, chains[role])
        if "default" not in self._chains:
            self._chains["default"] = self._resolve("default", [n for c in chains.values() for n in c])
            self.unresolved.pop("default", None)  # made up here: its names are reported under their roles

    def _resolve(self, role: str, names: Sequence[str]) -> list[FaceRef]:
        chain: list[FaceRef] = []
        for name in names:
            entry = find_face(name, self._catalog)
            if entry is None:
                self.unresolved.setdefault(role, []).append(name)
                continue
            ref = self._by_file.get((entry.path, entry.index))
            if ref is None:
                ref = face_ref(entry)
                if ref.id in self.faces:  # two files with one PostScript name (a copy in the user's folder)
                    ref = replace(ref, id=f"{ref.id}-{len(self.faces)}")
                self._by_file[(entry.path, entry.index)] = self.faces[ref.id] = ref
            if ref not in chain:
                chain.append(ref)
        if not chain:
            shown = "、".join(names) if names else "（无）"
            raise FontError(
                f"找不到字体角色“{role}”所需的任何字体：{shown}。请安装其中一种字体，或在模板中指定已安装的字体。",
                f"No font for role '{role}' is installed (tried: {', '.join(names) or 'none'}). "
                "Install one of them or name an installed font in the template.",
            )
        return chain

    def identity(self) -> tuple:
        """The faces each role resolved to, with each file's identity (face_stamp): two books
        with equal identities lay out alike. Raises OSError if a face's file is gone."""
        return tuple(
            (role, tuple((f.id, f.path, f.index, f.cff, face_stamp(f)) for f in chain))
            for role, chain in sorted(self._chains.items())
        )

    def chain(self, role: str) -> list[FaceRef]:
        return list(self._chains.get(role) or self._chains["default"])

    def face_for(self, role: str, ch: str) -> FaceRef | None:
        key = (role, ch)
        try:
            return self._by_char[key]
        except KeyError:
            pass
        cp = ord(ch)
        found = None
        for face in self._chains.get(role) or self._chains["default"]:
            if cp in self.metrics(face.id).cmap:
                found = face
                break
        self._by_char[key] = found
        return found

    def glyph(self, role: str, ch: str) -> tuple[str | None, float]:
        """(face id, advance in em) of `ch` in the first face of the role's chain that has it,
        (None, 1.0) if none has it: face_for and advance in one character-map lookup (the first
        layout in a process asks this for every distinct character of the issue)."""
        cp = ord(ch)
        probes = self._probes
        for face in self._chains.get(role) or self._chains["default"]:
            probe = probes.get(face.id) or self._probe(face.id)
            gid = probe[0](cp)
            if gid is not None:
                self._by_char[(role, ch)] = face
                key = (face.id, ch)
                adv = self._adv.get(key)
                if adv is None:
                    advances = probe[1]  # FaceMetrics.advance_units, inline
                    adv = self._adv[key] = (advances[gid] if gid < len(advances) else advances[-1]) / probe[2]
                return face.id, adv
        self._by_char[(role, ch)] = None
        return None, 1.0

    def _probe(self, face_id: str) -> tuple[Callable[[int], int | None], array, int]:
        """(cmap lookup, advances, units per em) of a face, for `glyph`: one dict lookup per face
        tried instead of a method call and three attribute lookups."""
        m = self.metrics(face_id)
        got = self._probes[face_id] = (m.cmap.get, m.advances, m.upem)
        return got

    def advance(self, face_id: str, ch: str) -> float:
        key = (face_id, ch)
        got = self._adv.get(key)
        if got is None:
            m = self.metrics(face_id)
            gid = m.cmap.get(ord(ch)) or 0
            got = self._adv[key] = m.advance_units(gid) / m.upem
        return got

    def ascent(self, face_id: str) -> float:
        m = self.metrics(face_id)
        return m.ascent / m.upem

    def descent(self, face_id: str) -> float:
        m = self.metrics(face_id)
        return m.descent / m.upem

    def metrics(self, face_id: str) -> FaceMetrics:
        m = self._metrics.get(face_id)
        if m is None:
            m = self._metrics[face_id] = face_metrics(self.faces[face_id])
        return m
