"""The dependency rules of the design card, read from the source: layout/ never imports Qt
or editor/, nothing outside editor/gui/ imports Qt, no import cycles (function-level imports
included), no import upward (main -> editor.cli -> editor.gui -> editor -> layout), and the
lists an Issue owns change only through its own methods."""

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
    {"errors", "fonts.sfnt", "fonts.cff", "cachedir", "collector", "lazyre", "lazymod", "digest", "beside"},
    # what is kept in the cache folder: the word dictionary, glyph ink boxes, the code of our
    # dataclasses' methods, our regular expressions' programs
    {"words", "ink", "dataclass_code", "pattern_code"},
    {"linebreak"},
    {"colour"},  # inks and image conversion: what the template names and the print writer separates
    {"template"},
    {"display"},
    {"blocks", "fonts.cache"},
    {"fonts.catalog", "fonts.metrics"},
    {"fonts.book", "fonts.embed"},
    {"fonts"},
    {"front", "pages", "pdfx", "pdffile"},
    {"pdfpage"},  # a page's content stream
    {"pdfcanvas"},  # the file around the pages, through reportlab
    {"engine", "pdf"},
    {"binding", "impose"},  # print production on a finished Book / print PDF
    {"keptbuild"},  # the engine's and the PDF writer's caches, kept between processes
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


# ---- the import graph: every import, function-level ones included ----------------------------

PACKAGES = ("layout", "editor")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graph() -> dict[str, set[str]]:
    """Our module -> our modules it imports (a name imported from a package counts as its module)."""
    paths = [p for folder in PACKAGES for p in modules(folder)] + [ROOT / "main.py"]
    names = {module_name(p) for p in paths}
    edges: dict[str, set[str]] = {}
    for p in paths:
        found: set[str] = set()
        tree = ast.parse(p.read_text(encoding="utf-8"))
        package = module_name(p).split(".") if p.name == "__init__.py" else module_name(p).split(".")[:-1]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            else:
                continue
            for t in targets:
                while t and t not in names:  # layout.fonts.catalog.X -> layout.fonts.catalog
                    t = t.rpartition(".")[0]
                if t and t != module_name(p):
                    found.add(t)
        edges[module_name(p)] = found
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def tier(module: str) -> int:
    """main (3) -> editor.cli (2) -> editor.gui (1) -> the rest of editor (0) -> layout (-1)."""
    if module == "main":
        return 3
    if module == "editor.cli":
        return 2
    if module.startswith("editor.gui"):
        return 1
    return 0 if module.startswith("editor") else -1


# The CLI starts the GUI (`main.py ISSUE`): the one sanctioned edge upward, through a function.
LAUNCHERS = {("editor.cli", "editor.gui.app")}


def test_no_import_cycles_even_through_function_level_imports():
    assert cycles(graph()) == []


def test_no_upward_imports():
    upward = sorted(
        (a, b) for a, bs in graph().items() for b in bs if tier(b) > tier(a) and (a, b) not in LAUNCHERS
    )
    assert upward == []


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    edges = graph()
    assert "editor.model" in edges["editor.findings"] and "layout.display" in edges["editor.checks"]


# ---- the model owns its lists ---------------------------------------------------------------

ISSUE_LISTS = {"sections", "ignored", "proofs", "files", "notes"}
MUTATORS = {
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "sort",
    "reverse",
    "update",
    "setdefault",
    "popitem",
}
# the model itself, and the file loader that builds an Issue from XML
OWNERS = {"editor/model.py", "editor/issue_file.py"}


def _issue_list(node: ast.AST) -> bool:
    """`issue.files`, `self.issue.notes`, `session.issue.proofs`: an Issue's list attribute."""
    if not (isinstance(node, ast.Attribute) and node.attr in ISSUE_LISTS):
        return False
    owner = node.value
    name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else ""
    return "issue" in name.lower()


def issue_list_mutations(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        elif (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS
        ):
            targets = [node.func.value]
        for t in targets:
            if isinstance(t, ast.Subscript):
                t = t.value
            if _issue_list(t):
                lines.append(node.lineno)
    return sorted(lines)


def test_issue_lists_change_only_through_the_model():
    found = {}
    for p in [*modules("editor"), ROOT / "main.py"]:
        rel = str(p.relative_to(ROOT))
        if rel not in OWNERS and (hit := issue_list_mutations(p.read_text(encoding="utf-8"))):
            found[rel] = hit
    assert found == {}


def test_the_mutation_finder_sees_mutations():
    src = (
        "issue.notes.append(x)\nself.issue.proofs = []\nsession.issue.files.update(f)\n"
        "issue.files[k] = v\ndel issue.ignored[0]\nissue.sections += [s]\n"
        "front.sections.append(x)\nissue.add_files(f)\nx = issue.notes[0]\n"
    )
    assert issue_list_mutations(src) == [1, 2, 3, 4, 5, 6]


def test_undo_commands_live_in_gui_commands():
    elsewhere = sorted(
        f"{p.relative_to(ROOT)}:{node.name}"
        for p in modules("editor")
        if p.relative_to(ROOT).as_posix() != "editor/gui/commands.py"
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and any(
            getattr(b, "id", getattr(b, "attr", "")) in ("IssueCommand", "QUndoCommand") for b in node.bases
        )
    )
    assert elsewhere == []


def test_no_test_skips_because_our_own_module_failed_to_import():
    ours = ("layout", "editor", "main")
    found = []
    for p in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "importorskip"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and str(node.args[0].value).split(".")[0] in ours
            ):
                found.append(f"{p.name}:{node.lineno}")
    assert found == []


def test_our_modules_are_imported_without_fallbacks():
    """An `except ImportError` around an import of our own turns an integration bug into a missing feature."""
    found = []
    for p in [*modules("editor"), *modules("layout")]:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            names = {
                n.module or ""
                for n in ast.walk(ast.Module(body=node.body, type_ignores=[]))
                if isinstance(n, ast.ImportFrom)
            }
            relative = any(
                isinstance(n, ast.ImportFrom) and n.level
                for n in ast.walk(ast.Module(body=node.body, type_ignores=[]))
            )
            handles = {getattr(h.type, "id", "") for h in node.handlers}
            if "ImportError" in handles and (
                relative or any(m.split(".")[0] in ("layout", "editor") for m in names)
            ):
                found.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def _is_dataclass_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return (isinstance(target, ast.Name) and target.id == "dataclass") or (
        isinstance(target, ast.Attribute) and target.attr == "dataclass"
    )


def test_every_dataclass_of_ours_has_a_docstring():
    """`dataclasses` gives a class without a docstring one from `inspect.signature`, and loading
    `inspect` (with ast, dis and tokenize) is ≈ 10 ms of a command-line start that defers it
    (layout/lazymod.py): a class of ours says what it is instead."""
    missing = []
    for folder in ("layout", "editor"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef) and any(map(_is_dataclass_decorator, node.decorator_list)):
                    if ast.get_docstring(node) is None:
                        missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert missing == []
