"""Round trip guaranteed (issue 17): whatever the model holds within the limits content is
admitted with, the issue file stores and loads back equal. Hypothesis builds the issues; the
fuzzer (benchmarks/fuzz.py, run by tests/test_fuzz.py) does the same for accepted imports."""

from __future__ import annotations

import datetime as _dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.bounds import ISSUE_RANGES, MAX_IMAGE_MM, MAX_PAGE, MAX_SPAN, admit_document
from editor.errors import Notice
from editor.issue_file import issue_from_bytes, issue_to_bytes
from editor.model import (
    TEXT_ROLES,
    Block,
    Board,
    BoardEntry,
    Cell,
    Document,
    Gazette,
    IgnoredFinding,
    Issue,
    ProofRecord,
    Role,
    Section,
    Source,
    Table,
)

# Any text an editor can type or an importer admit: no control characters (tab, newline and
# carriage return excepted), no lone surrogates, no XML non-characters.
chars = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
) | st.sampled_from("\t\n\r　，。《》〔〕")
text = st.text(chars, max_size=40)
short = st.text(chars, max_size=12)
names = st.text(st.sampled_from("abcdefghij0123456789-_.图片"), min_size=1, max_size=12).filter(
    lambda s: s not in (".", "..")
)


def rng(key):
    return st.integers(*ISSUE_RANGES[key])


@st.composite
def blocks(draw):
    kind = draw(st.sampled_from(["text", "text", "text", "table", "image"]))
    if kind == "table":
        rows = draw(
            st.lists(
                st.lists(
                    st.builds(Cell, text, st.integers(1, MAX_SPAN), st.integers(1, 30)),
                    min_size=1,
                    max_size=4,
                ),
                max_size=4,
            )
        )
        return Block(Role.TABLE, table=Table(rows, draw(st.integers(0, len(rows)))))
    if kind == "image":
        width = draw(st.none() | st.floats(1.0, MAX_IMAGE_MM, allow_nan=False))
        return Block(Role.IMAGE, image="media/" + draw(names), image_width_mm=width)
    body = draw(text)
    joins = sorted(draw(st.lists(st.integers(0, len(body)), max_size=3)))
    return Block(draw(st.sampled_from(TEXT_ROLES)), body, joins=joins)


@st.composite
def documents(draw, n: int):
    return Document(
        id=f"d{n}",
        issuer=draw(short),
        number=draw(short),
        title=draw(text),
        toc_title=draw(short),
        recipients=draw(short),
        blocks=draw(st.lists(blocks(), max_size=6)),
        source=draw(st.none() | st.builds(Source, short, st.sampled_from(["txt", "docx", "editor"]), short)),
        source_page=draw(st.none() | st.integers(0, MAX_PAGE)),
        footnotes=draw(st.lists(text, max_size=2)),
        report=draw(st.lists(st.builds(Notice, short, short), max_size=2)),
    )


json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | short,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short, inner, max_size=3),
    max_leaves=6,
)
records = st.lists(st.dictionaries(short, json_value, max_size=3), max_size=3)
entries = st.builds(BoardEntry, short, st.lists(short, max_size=3)) | st.builds(
    lambda label, value: BoardEntry(label, text=value), short, short
)


@st.composite
def issues(draw):
    issue = Issue(
        gazette=Gazette(draw(text), draw(short), draw(text)),
        year=draw(rng("year")),
        number=draw(rng("number")),
        cumulative=draw(rng("cumulative")),
        date=draw(st.none() | st.dates(_dt.date(1900, 1, 1), _dt.date(2999, 12, 31))),
        first_page=draw(rng("first_page")),
        template=draw(st.text(chars, max_size=60)),
        board=Board(draw(short), draw(st.lists(entries, max_size=3))),
        ignored=draw(st.lists(st.builds(IgnoredFinding, short, short, text), max_size=2)),
        proofs=draw(
            st.lists(st.builds(ProofRecord, st.integers(1, 9999), short, records, records), max_size=2)
        ),
        notes=draw(st.lists(st.builds(Notice, text, text), max_size=2)),
    )
    n = 0
    for name in draw(st.lists(short, max_size=3)):
        section = Section(name)
        for _ in range(draw(st.integers(0, 3))):
            n += 1
            section.documents.append(draw(documents(n)))
        issue.sections.append(section)
    for folder in draw(st.lists(st.sampled_from(["sources/", "media/"]), max_size=3)):
        issue.files[folder + draw(names)] = draw(st.binary(max_size=64))
    return issue


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(issues())
def test_whatever_the_model_holds_saves_and_loads_back_equal(issue):
    data = issue_to_bytes(issue)
    back = issue_from_bytes(data)
    assert back == issue
    assert issue_to_bytes(back) == data  # and the bytes are stable


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.text(max_size=60), st.integers(-(10**9), 10**9), st.floats())
def test_admission_makes_any_text_and_numbers_storable(raw, span, width):
    """What an importer produces, however odd, leaves admit_document storable."""
    doc = Document(
        "d1",
        title=raw,
        blocks=[
            Block(Role.PARAGRAPH, raw, joins=[len(raw) + 5]),
            Block(Role.TABLE, table=Table([[Cell(raw, span, span)]], 3)),
            Block(Role.IMAGE, image="media/x.png", image_width_mm=width if width == width else None),
        ],
    )
    admit_document(doc, "test")
    issue = Issue(year=2018, sections=[Section("s", [doc])])
    assert issue_from_bytes(issue_to_bytes(issue)) == issue
