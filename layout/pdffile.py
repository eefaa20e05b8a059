"""A written PDF cut into its indirect objects, so that the next write of the same structure can
copy every object but the page content streams that changed.

reportlab writes a file as: a header, objects 1..N in number order (each `N 0 obj ... endobj`),
a cross-reference table of their offsets, and a trailer whose only varying part is the offset
of that table. When a later write has the same structure (pages, boxes, links, outline, labels,
metadata, fonts: see `layout.pdf`), every object keeps its number and its bytes except the
content streams of pages drawn again; the file is then the kept objects with those streams
replaced, and a new table of offsets.

`FileShape.cut` only accepts a file it can put back together byte for byte, so a copy is
never different from what reportlab would write.
"""

from __future__ import annotations

from collections.abc import Sequence


def flate_stream(data: bytes) -> bytes:
    """A stream object's body for already Flate-compressed data, as reportlab formats it."""
    return b"<<\n/Filter [ /FlateDecode ] /Length %d\n>>\nstream\n" % len(data) + data + b"endstream\n"


def stream_object(number: int, data: bytes) -> bytes:
    """Indirect object `number` holding a Flate-compressed stream."""
    return b"%d 0 obj\n" % number + flate_stream(data) + b"endobj\n"


def _xref(offsets: Sequence[int]) -> bytes:
    """The cross-reference table of objects 1..N at these offsets (object 0 is the free head)."""
    return b"".join(
        [
            b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1),
            *(b"%010d 00000 n \n" % o for o in offsets),
        ]
    )


def _end(xref_at: int) -> bytes:
    return b"startxref\n%d\n%%%%EOF\n" % xref_at


class FileShape:
    """A file's objects and what surrounds them, with the page content streams it holds.

    `key` and `fonts` are the writer's: what the structure was made from (compared by the
    writer before it copies anything)."""

    def __init__(
        self,
        key: tuple,
        fonts: tuple,
        head: bytes,
        objects: list[bytes],
        trailer: bytes,
        streams: list[int],
        data: list[bytes],
    ) -> None:
        self.key = key
        self.fonts = fonts
        self.head = head
        self.objects = objects  # object n's bytes at index n - 1
        self.trailer = trailer  # "trailer ... " up to the startxref line
        self.streams = streams  # object number of each page's content stream
        self.data = data  # compressed content of each page's stream

    @classmethod
    def cut(
        cls,
        key: tuple,
        fonts: tuple,
        pdf: bytes,
        offsets: Sequence[int],
        streams: list[int],
        data: list[bytes],
    ) -> FileShape | None:
        """The shape of `pdf`, whose objects 1..N start at `offsets`; None unless reassembling
        the pieces (and formatting each page stream anew) gives `pdf` back exactly."""
        if not offsets or list(offsets) != sorted(offsets) or len(streams) != len(data):
            return None
        tail = pdf.rindex(b"startxref\n")
        try:
            xref_at = int(pdf[tail + 10 :].split(b"\n", 1)[0])
        except ValueError:
            return None
        bounds = [*offsets, xref_at]
        objects = [pdf[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        xref = _xref(offsets)
        trailer = pdf[xref_at + len(xref) : tail]
        shape = cls(key, fonts, pdf[: offsets[0]], objects, trailer, streams, data)
        if any(objects[n - 1] != stream_object(n, d) for n, d in zip(streams, data, strict=True)):
            return None
        return shape if shape.assemble() == pdf else None

    def assemble(self) -> bytes:
        """The file of these objects."""
        offsets = []
        at = len(self.head)
        for obj in self.objects:
            offsets.append(at)
            at += len(obj)
        return b"".join([self.head, *self.objects, _xref(offsets), self.trailer, _end(at)])

    def with_streams(self, data: list[bytes]) -> bytes:
        """The file with each page's content stream replaced by data[i] (same page count);
        the shape then holds the new file."""
        objects = self.objects
        for i, (old, new) in enumerate(zip(self.data, data, strict=True)):
            if new is not old and new != old:
                number = self.streams[i]
                objects[number - 1] = stream_object(number, new)
        self.data = list(data)
        return self.assemble()
