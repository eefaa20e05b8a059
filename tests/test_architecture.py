"""The dependency rules of the design card, read from the source: layout/ never imports Qt
or editor/, and nothing outside editor/gui/ imports Qt."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "PySide2")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: resolve against the package
                pkg = path.relative_to(ROOT).parent.parts[
                    : len(path.relative_to(ROOT).parent.parts) - node.level + 1
                ]
                names.add(".".join((*pkg, node.module or "")).strip("."))
            else:
                names.add(node.module or "")
    return names


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_layout_imports_neither_qt_nor_editor():
    bad = {
        str(p.relative_to(ROOT)): sorted(
            n for n in imports_of(p) if n.split(".")[0] in (*QT, "editor", "main")
        )
        for p in modules("layout")
    }
    assert {k: v for k, v in bad.items() if v} == {}


def test_only_editor_gui_imports_qt():
    paths = [*modules("editor"), *modules("layout"), *modules("benchmarks"), ROOT / "main.py"]
    bad = {
        str(p.relative_to(ROOT)): sorted(n for n in imports_of(p) if n.split(".")[0] in QT)
        for p in paths
        if "gui" not in p.relative_to(ROOT).parts
    }
    assert {k: v for k, v in bad.items() if v} == {}


def test_the_rule_reader_sees_imports(tmp_path):
    """Guard against a reader that finds nothing, which would make the two tests above vacuous."""
    f = ROOT / "editor" / "compose.py"
    assert "layout.blocks" in imports_of(f)
    assert "editor.model" in imports_of(f)


# layout's modules in layers: a module imports only from lower layers. The cover (front) and
# the body paginator (pages) are siblings; what both need (line_runs, BASELINE) is in linebreak.
LAYOUT_LAYERS = [
    {"errors", "fonts.sfnt", "cachedir", "collector"},
    {"words", "ink"},  # the word dictionary and glyph ink boxes, kept in the cache folder
    {"linebreak"},
    {"colour"},  # inks and image conversion: what the template names and the print writer separates
    {"template"},
    {"display"},
    {"blocks", "fonts.cache"},
    {"fonts.catalog", "fonts.metrics"},
    {"fonts.book", "fonts.embed"},
    {"fonts"},
    {"front", "pages", "pdfx"},
    {"engine", "pdf"},
    {"binding", "impose"},  # print production on a finished Book / print PDF
]


def test_layout_modules_import_only_lower_layers():
    rank = {f"layout.{m}": i for i, layer in enumerate(LAYOUT_LAYERS) for m in layer}
    bad = []
    for p in modules("layout"):
        rel = p.relative_to(ROOT).with_suffix("")
        me = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        if me == "layout":
            continue
        assert me in rank, f"{me} has no layer in LAYOUT_LAYERS"
        bad += [f"{me} -> {n}" for n in imports_of(p) if n in rank and rank[n] >= rank[me] and n != me]
    assert bad == []
