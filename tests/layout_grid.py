"""A fixed-pitch font book for layout tests: Han and full-width marks 1 em, Latin 0.5 em.

It implements the FontBook interface the engine measures through, so tests can state exact
positions (a line of ten Han characters at 10 pt is exactly 100 pt) independent of which
fonts a machine has. Characters in `missing` are in no face, like a real gap in a font.
"""

from __future__ import annotations

from layout.display import FaceRef
from layout.linebreak import is_cjk

GRID_FACE = FaceRef("Grid", "/dev/null", 0, "Grid")


class GridBook:
    def __init__(self, missing: str = "") -> None:
        self.faces = {GRID_FACE.id: GRID_FACE}
        self.missing = set(missing)

    def chain(self, role: str) -> list[FaceRef]:
        return [GRID_FACE]

    def face_for(self, role: str, ch: str) -> FaceRef | None:
        return None if ch in self.missing else GRID_FACE

    def advance(self, face_id: str, ch: str) -> float:
        if ch == " ":
            return 0.25
        return 1.0 if is_cjk(ch) or ch in "—…" else 0.5

    def ascent(self, face_id: str) -> float:
        return 0.88

    def descent(self, face_id: str) -> float:
        return 0.12
