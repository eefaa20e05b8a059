"""Saddle-stitch imposition: 2-up printer spreads from the finished print PDF, with pikepdf.

Nothing is laid out again: each page of the print file becomes a form XObject and is placed,
trimmed, on one half of a sheet side. For N pages (a multiple of 4) there are N/4 sheets; the
outer sheet carries pages N and 1 on its front and 2 and N-1 on its back, the next one in
N-2 and 3, 4 and N-3, and so on, so the folded, nested sheets read 1..N. Each sheet side gets
the page label "left-right" (the source pages' labels), which is what tests and the office
check the order by. Creep (0 by default) moves the pages of inner sheets towards the spine,
growing from nothing on the outer sheet to creep_mm on the innermost one, which compensates for
the paper's thickness at the fold.
"""

from __future__ import annotations

from io import BytesIO

from .errors import LayoutError

MM = 72 / 25.4


def saddle_order(n: int) -> list[tuple[int, int]]:
    """(left, right) page indices of each sheet side, fronts and backs alternating."""
    if n % 4:
        raise ValueError("saddle stitching needs a multiple of 4 pages")
    sides = []
    for s in range(n // 4):
        sides.append((n - 1 - 2 * s, 2 * s))  # front: outer page left, inner page right
        sides.append((2 * s + 1, n - 2 - 2 * s))  # back
    return sides


def impose_saddle(data: bytes, creep_mm: float = 0.0) -> bytes:
    """The 2-up saddle-stitch imposition of a print PDF (its page count a multiple of 4)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    src = pikepdf.open(BytesIO(data))
    n = len(src.pages)
    if n == 0 or n % 4:
        raise LayoutError(
            f'骑马钉拼版需要 4 的倍数页，这份 PDF 有 {n} 页。请用印刷输出（--print）并在模板中设 binding = "saddle"。',
            f"Saddle-stitch imposition needs a multiple of 4 pages; this PDF has {n}. "
            'Use the print output (--print) with binding = "saddle" in the template.',
        )
    labels = _labels(src)
    out = pikepdf.new()
    for key, value in src.docinfo.items():
        out.docinfo[key] = value
    if "/OutputIntents" in src.Root:
        out.Root.OutputIntents = Array([Dictionary(dict(oi.items())) for oi in src.Root.OutputIntents])
    forms = {}

    def form(i: int):
        if i not in forms:
            forms[i] = out.copy_foreign(src.pages[i].as_form_xobject())
        return forms[i]

    sheets = n // 4
    nums = []
    for k, (left, right) in enumerate(saddle_order(n)):
        sheet = k // 2
        creep = creep_mm * MM * sheet / max(1, sheets - 1) if sheets > 1 else 0.0
        trim_l = _trim(src.pages[left])
        w, h = trim_l[2] - trim_l[0], trim_l[3] - trim_l[1]
        ops, xobjects = [], {}
        for half, i in ((0, left), (1, right)):
            tx0, ty0, _, _ = _trim(src.pages[i])
            shift = creep if half == 0 else -creep  # towards the spine
            x = half * w + shift - tx0
            name = f"/P{half}"
            xobjects[name] = form(i)
            ops.append(f"q {half * w:.3f} 0 {w:.3f} {h:.3f} re W n 1 0 0 1 {x:.3f} {-ty0:.3f} cm {name} Do Q")
        page = Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, 2 * w, h]),
            TrimBox=Array([0, 0, 2 * w, h]),
            BleedBox=Array([0, 0, 2 * w, h]),
            Resources=Dictionary(XObject=Dictionary({k2: v for k2, v in xobjects.items()})),
            Contents=out.make_stream(" ".join(ops).encode("ascii")),
        )
        out.pages.append(pikepdf.Page(page))
        nums += [k, pikepdf.Dictionary(P=pikepdf.String(f"{labels[left]}-{labels[right]}"))]
    out.Root.PageLabels = Dictionary(Nums=Array(nums))
    buf = BytesIO()
    out.save(buf, deterministic_id=True, compress_streams=True)
    return buf.getvalue()


def _trim(page) -> list[float]:
    box = page.obj.get("/TrimBox") or page.obj.get("/MediaBox")
    return [float(v) for v in box]


def _labels(pdf) -> list[str]:
    """Each page's label as a viewer shows it (decimal ranges and prefixes, as the writer makes them)."""
    n = len(pdf.pages)
    out = [str(i + 1) for i in range(n)]
    root_labels = pdf.Root.get("/PageLabels")
    if root_labels is None:
        return out
    nums = list(root_labels.get("/Nums") or [])
    ranges = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for r, (start, spec) in enumerate(ranges):
        end = ranges[r + 1][0] if r + 1 < len(ranges) else n
        prefix = str(spec.get("/P", ""))
        first = int(spec.get("/St", 1))
        decimal = str(spec.get("/S", "")) == "/D"
        for i in range(start, min(end, n)):
            out[i] = prefix + (str(first + i - start) if decimal else "")
    return out
