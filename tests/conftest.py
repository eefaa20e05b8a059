import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# ---- the series (archive, annual index): six issues of 2018 and a throwaway PostgreSQL ----------


@pytest.fixture(scope="session")
def year_issues(tmp_path_factory):
    from tests.series_corpus import build_year

    return build_year(tmp_path_factory.mktemp("year2018"))


@pytest.fixture(scope="session")
def year_prepared(year_issues):
    from editor.archive import prepare

    return [prepare(p) for p in year_issues]


@pytest.fixture(scope="session")
def pg_server():
    from tests.pg_server import ThrowawayPostgres

    with ThrowawayPostgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def archive_db(request, tmp_path) -> str:
    """A fresh, empty archive of each back end: a SQLite path or a postgresql:// URL."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.sqlite")
    return request.getfixturevalue("pg_server").new_database()


# ---- the editor window ----------
@pytest.fixture
def window(qtbot, tmp_path):
    """A shown editor window with its own settings (tests/gui_window.py); modules may define their own."""
    from tests.gui_window import new_window

    w = new_window(qtbot, tmp_path / "settings")
    w.show()
    yield w
    w.shutdown()


# ---- what the layout engine lays out ---------------------------------------------------------


@pytest.fixture
def laid_out(monkeypatch) -> list[str]:
    """The ids of the documents the engine lays out (not taken from a cache) in this process,
    from any of its threads; a forked child's are not seen here."""
    import threading

    from layout import engine

    seen: list[str] = []
    lock = threading.Lock()
    real = engine.layout_flow
    me = os.getpid()

    def counting(flow, *args, **kwargs):
        if os.getpid() == me:
            with lock:
                seen.append(flow.id)
        return real(flow, *args, **kwargs)

    monkeypatch.setattr(engine, "layout_flow", counting)
    return seen
