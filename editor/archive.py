"""The archive: every issue of a gazette in one library, searchable by title, number and text.

    python main.py archive add ISSUE.gazette… [--db DB]
    python main.py archive list [--db DB]
    python main.py archive search WORDS… [--year Y] [--section S] [--db DB]

DB is a SQLite file path or a postgresql:// URL; without it, a SQLite file in the user's data
folder ($XDG_DATA_HOME/gazette-press/archive.sqlite). Both back ends hold the same tables:

    issues     one row per (gazette, year, number); the issue file itself, so it can be reopened
    documents  one row per document: metadata, printed first/last folio, text, `search`
    pages      the text set on each printed page of a document (for the page of a hit)

`search` is the text as matched: title, number and body without the spaces that only mark
printed line breaks. SQLite indexes it with FTS5's trigram tokenizer, and, since trigrams cannot
match a two-character word (工匠, 节假), with a second FTS5 table holding each document's distinct
pairs of adjacent letters/digits as tokens; single characters and words with punctuation are
matched with LIKE (a scan). PostgreSQL uses a pg_trgm GIN index for ILIKE, which answers three
characters or more from the index and scans for shorter words. Every path is exact, so recall
stays complete. Which page a hit is on and
its snippet come from the page texts, by the same code for both back ends.

Adding is one transaction for all files named: each file is read and laid out first, so a
damaged file is refused before anything is written, and an issue added again replaces its rows.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .model import Issue
from .records import DocumentRecord, IssueInfo, searchable

SCHEMA_VERSION = "1"


def default_db() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "gazette-press" / "archive.sqlite"


@dataclass
class PreparedIssue:
    """An issue read and laid out, ready to store: nothing here touches the archive yet."""

    info: IssueInfo
    records: list[DocumentRecord]
    data: bytes  # the issue file
    source: str


@dataclass
class IssueRow:
    """One issue as the archive lists it."""

    id: int
    gazette: str
    year: int
    number: int
    cumulative: int
    date: str
    documents: int
    source: str

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期（总第{self.cumulative}期）"


@dataclass
class Hit:
    """One document the archive search found, with the issue it is in."""

    issue_id: int
    gazette: str
    year: int
    number: int
    cumulative: int
    doc_id: str
    section: str
    title: str
    doc_number: str
    issuer: str
    date: str
    first_page: int | None
    last_page: int | None
    page: int | None  # printed folio where the words are found
    snippet: str

    @property
    def issue_label(self) -> str:
        return f"{self.year}年第{self.number}期（总第{self.cumulative}期）"


def prepare(path: str | os.PathLike, *, template: str | None = None) -> PreparedIssue:
    """Read an issue (a .gazette, a recipe or a whole-issue text) and lay it out for its folios."""
    from .importing import load_input

    return prepare_issue(load_input(str(path)), str(path), template=template)


def prepare_issue(issue: Issue, source: str, *, template: str | None = None) -> PreparedIssue:
    """An issue in memory (the editor's) laid out and serialised, ready to store."""
    from .compose import build_book
    from .issue_file import issue_to_bytes
    from .records import issue_records

    if not issue.gazette.name:
        raise UserError(
            f"{source} 没有公报名称，无法归档。请在期刊属性中填写公报名称。",
            f"{source} has no gazette name and cannot be archived. Fill in the gazette's name in the issue properties.",
        )
    book = build_book(issue, template=template)
    return PreparedIssue(IssueInfo.of(issue), issue_records(issue, book), issue_to_bytes(issue), source)


def _terms(words: Iterable[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        for part in w.split():
            t = searchable(part).strip()
            if t and t.casefold() not in (x.casefold() for x in out):
                out.append(t)
    return out


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def snippet(text: str, term: str, width: int = 20) -> str:
    i = text.casefold().find(term.casefold())
    if i < 0:
        return text[: 2 * width].replace("\n", " ")
    start, end = max(0, i - width), min(len(text), i + len(term) + width)
    out = (
        ("…" if start else "")
        + text[start:i]
        + "【"
        + text[i : i + len(term)]
        + "】"
        + text[i + len(term) : end]
    )
    return (out + ("…" if end < len(text) else "")).replace("\n", " ").replace("\t", " ")


def bigrams(text: str) -> str:
    """The distinct pairs of adjacent letters/digits of a text (case-folded), as space-separated tokens."""
    t = text.casefold()
    pairs = {a + b for a, b in zip(t, t[1:], strict=False) if a.isalnum() and b.isalnum()}
    return " ".join(sorted(pairs))


class Archive:
    """What both back ends share: the SQL is written once with ? placeholders."""

    kind = ""
    placeholder = "?"
    blob = "BLOB"
    id_column = "INTEGER PRIMARY KEY"

    def __init__(self, conn, where: str) -> None:
        self.conn = conn
        self.where = where

    # ---- plumbing ---------------------------------------------------------------------
    def sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def execute(self, cur, text: str, params: Sequence = ()):
        cur.execute(self.sql(text), tuple(params))
        return cur

    def rows(self, text: str, params: Sequence = ()) -> list[tuple]:
        cur = self.conn.cursor()
        try:
            return list(self.execute(cur, text, params).fetchall())
        finally:
            cur.close()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- schema -----------------------------------------------------------------------
    def create_schema(self, cur) -> None:
        statements = [
            "CREATE TABLE IF NOT EXISTS archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            f"""CREATE TABLE IF NOT EXISTS issues (
                id {self.id_column}, gazette TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
                cumulative INTEGER NOT NULL, date TEXT NOT NULL, periodicity TEXT NOT NULL,
                source TEXT NOT NULL, added TEXT NOT NULL, data {self.blob} NOT NULL,
                UNIQUE (gazette, year, number))""",
            f"""CREATE TABLE IF NOT EXISTS documents (
                id {self.id_column}, issue_id INTEGER NOT NULL REFERENCES issues(id), seq INTEGER NOT NULL,
                doc_id TEXT NOT NULL, section TEXT NOT NULL, title TEXT NOT NULL, doc_number TEXT NOT NULL,
                issuer TEXT NOT NULL, date TEXT NOT NULL, first_page INTEGER, last_page INTEGER,
                body TEXT NOT NULL, search TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS documents_issue ON documents(issue_id)",
            """CREATE TABLE IF NOT EXISTS pages (
                document_id INTEGER NOT NULL REFERENCES documents(id), folio INTEGER NOT NULL, text TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS pages_document ON pages(document_id)",
        ]
        for s in statements + self.index_statements():
            self.execute(cur, s)
        got = self.execute(cur, "SELECT value FROM archive_meta WHERE key = 'schema'").fetchone()
        if got is None:
            self.execute(cur, "INSERT INTO archive_meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif got[0] != SCHEMA_VERSION:
            raise UserError(
                f"档案库 {self.where} 的版本（{got[0]}）与本程序（{SCHEMA_VERSION}）不符。请用相应版本的程序打开。",
                f"The archive {self.where} has version {got[0]}, this program reads {SCHEMA_VERSION}. Use the matching version.",
            )

    def index_statements(self) -> list[str]:
        return []

    # ---- back-end specific pieces -----------------------------------------------------
    def index_document(self, cur, doc_row: int, search: str) -> None:
        pass

    def unindex_documents(self, cur, issue_id: int) -> None:
        pass

    def term_condition(self, term: str) -> tuple[str, list]:
        raise NotImplementedError

    def insert_id(self, cur, text: str, params: Sequence) -> int:
        return self.execute(cur, text + " RETURNING id", params).fetchone()[0]

    def transaction(self):
        raise NotImplementedError

    # ---- adding -----------------------------------------------------------------------
    def add(self, prepared: Sequence[PreparedIssue]) -> list[tuple[PreparedIssue, bool]]:
        """Store issues in one transaction; an issue already there is replaced. Returns (issue, replaced)."""
        done = []
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        with self.transaction() as cur:
            for p in prepared:
                info = p.info
                old = self.execute(
                    cur,
                    "SELECT id FROM issues WHERE gazette = ? AND year = ? AND number = ?",
                    (info.gazette, info.year, info.number),
                ).fetchone()
                if old is not None:
                    self._delete_issue(cur, old[0])
                issue_id = self.insert_id(
                    cur,
                    "INSERT INTO issues (gazette, year, number, cumulative, date, periodicity, source, added, data)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        info.gazette,
                        info.year,
                        info.number,
                        info.cumulative,
                        info.date,
                        info.periodicity,
                        Path(p.source).name,
                        now,
                        p.data,
                    ),
                )
                for seq, r in enumerate(p.records):
                    search = searchable("\n".join((r.title, r.doc_number, r.text)))
                    doc_row = self.insert_id(
                        cur,
                        "INSERT INTO documents (issue_id, seq, doc_id, section, title, doc_number, issuer, date,"
                        " first_page, last_page, body, search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            issue_id,
                            seq,
                            r.doc_id,
                            r.section,
                            r.title,
                            r.doc_number,
                            r.issuer,
                            r.date,
                            r.first_page,
                            r.last_page,
                            r.text,
                            search,
                        ),
                    )
                    self.index_document(cur, doc_row, search)
                    for folio, text in r.page_texts:
                        self.execute(
                            cur,
                            "INSERT INTO pages (document_id, folio, text) VALUES (?, ?, ?)",
                            (doc_row, folio, searchable(text)),
                        )
                done.append((p, old is not None))
        return done

    def _delete_issue(self, cur, issue_id: int) -> None:
        self.unindex_documents(cur, issue_id)
        self.execute(
            cur,
            "DELETE FROM pages WHERE document_id IN (SELECT id FROM documents WHERE issue_id = ?)",
            (issue_id,),
        )
        self.execute(cur, "DELETE FROM documents WHERE issue_id = ?", (issue_id,))
        self.execute(cur, "DELETE FROM issues WHERE id = ?", (issue_id,))

    # ---- reading ----------------------------------------------------------------------
    def issues(self, year: int | None = None) -> list[IssueRow]:
        where, params = ("WHERE i.year = ?", [year]) if year is not None else ("", [])
        rows = self.rows(
            "SELECT i.id, i.gazette, i.year, i.number, i.cumulative, i.date, COUNT(d.id), i.source"
            f" FROM issues i LEFT JOIN documents d ON d.issue_id = i.id {where}"
            " GROUP BY i.id, i.gazette, i.year, i.number, i.cumulative, i.date, i.source"
            " ORDER BY i.gazette, i.year, i.number",
            params,
        )
        return [IssueRow(*r) for r in rows]

    def issue_data(self, issue_id: int) -> bytes:
        rows = self.rows("SELECT data FROM issues WHERE id = ?", (issue_id,))
        if not rows:
            raise UserError(f"档案库中没有第 {issue_id} 号期刊。", f"The archive holds no issue {issue_id}.")
        return bytes(rows[0][0])

    def documents(self, year: int | None = None, gazette: str | None = None) -> list[Hit]:
        """Every document (of a year, of a gazette) in series order, as hits on their first page."""
        conds: list[str] = []
        params: list[object] = []
        if year is not None:
            conds.append("i.year = ?")
            params.append(year)
        if gazette:
            conds.append("i.gazette = ?")
            params.append(gazette)
        return [self._hit(r, None, "") for r in self._select(conds, params)]

    def _select(self, conds: list[str], params: list) -> list[tuple]:
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        return self.rows(
            "SELECT d.id, i.id, i.gazette, i.year, i.number, i.cumulative, d.doc_id, d.section, d.title,"
            " d.doc_number, d.issuer, d.date, d.first_page, d.last_page, d.body"
            f" FROM documents d JOIN issues i ON i.id = d.issue_id {where}"
            " ORDER BY i.gazette, i.year, i.number, d.seq",
            params,
        )

    @staticmethod
    def _hit(r: tuple, page: int | None, snip: str) -> Hit:
        return Hit(
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            r[12],
            r[13],
            page if page is not None else r[12],
            snip,
        )

    def search(
        self, words: Iterable[str], *, year: int | None = None, section: str | None = None, limit: int = 200
    ) -> list[Hit]:
        """Documents containing every word (in title, number or text), with the page and a snippet."""
        terms = _terms(words)
        if not terms:
            return []
        conds: list[str] = []
        params: list[object] = []
        for t in terms:
            cond, ps = self.term_condition(t)
            conds.append(cond)
            params.extend(ps)
        if year is not None:
            conds.append("i.year = ?")
            params.append(year)
        if section:
            conds.append("d.section = ?")
            params.append(section)
        found_rows = self._select(conds, params)[:limit]
        pages_of: dict[int, list[tuple[int, str]]] = {r[0]: [] for r in found_rows}
        if found_rows:  # the page texts of every hit in one query
            marks = ", ".join("?" for _ in found_rows)
            for doc_row, folio, text in self.rows(
                f"SELECT document_id, folio, text FROM pages WHERE document_id IN ({marks})"
                " ORDER BY document_id, folio",
                [r[0] for r in found_rows],
            ):
                pages_of[doc_row].append((folio, text))
        hits = []
        first = terms[0].casefold()
        for r in found_rows:
            pages = pages_of[r[0]]
            found = next(((folio, text) for folio, text in pages if first in text.casefold()), None)
            if found is not None:
                hits.append(self._hit(r, found[0], snippet(found[1], terms[0])))
            else:  # in the title block or across a page break: the document's first page
                hits.append(self._hit(r, None, snippet(searchable(r[8] + "\n" + r[14]), terms[0])))
        return hits


class SQLiteArchive(Archive):
    kind = "sqlite"

    def __init__(self, path: str | os.PathLike) -> None:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as e:
            raise UserError(
                f"无法打开档案库 {path}：{e}。", f"Cannot open the archive {path}: {e}."
            ) from None
        super().__init__(conn, str(path))
        try:
            with self.transaction() as cur:
                self.create_schema(cur)
        except sqlite3.DatabaseError as e:
            conn.close()
            raise UserError(
                f"{path} 不是可用的档案库（{e}）。请指定另一个文件。",
                f"{path} is not a usable archive ({e}). Name another file.",
            ) from None

    def index_statements(self) -> list[str]:
        return [
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(search, tokenize='trigram')",
            # two-character words: each document's distinct letter/digit pairs as tokens
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_bigrams"
            " USING fts5(grams, tokenize='unicode61 remove_diacritics 0')",
        ]

    def create_schema(self, cur) -> None:
        super().create_schema(cur)
        # an archive written before the bigram index existed: fill it once from the stored text
        if self.execute(cur, "SELECT 1 FROM documents_bigrams LIMIT 1").fetchone() is None:
            for doc_row, search in self.execute(cur, "SELECT id, search FROM documents").fetchall():
                self._index_bigrams(cur, doc_row, search)

    def _index_bigrams(self, cur, doc_row: int, search: str) -> None:
        self.execute(
            cur, "INSERT INTO documents_bigrams (rowid, grams) VALUES (?, ?)", (doc_row, bigrams(search))
        )

    def index_document(self, cur, doc_row: int, search: str) -> None:
        self.execute(cur, "INSERT INTO documents_fts (rowid, search) VALUES (?, ?)", (doc_row, search))
        self._index_bigrams(cur, doc_row, search)

    def unindex_documents(self, cur, issue_id: int) -> None:
        for table in ("documents_fts", "documents_bigrams"):
            self.execute(
                cur,
                f"DELETE FROM {table} WHERE rowid IN (SELECT id FROM documents WHERE issue_id = ?)",
                (issue_id,),
            )

    def term_condition(self, term: str) -> tuple[str, list]:
        if len(term) >= 3:  # a phrase of trigrams, answered by the FTS index
            return "d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", [
                '"' + term.replace('"', '""') + '"'
            ]
        if len(term.casefold()) == 2 and term.isalnum():  # one token of the bigram index
            return "d.id IN (SELECT rowid FROM documents_bigrams WHERE documents_bigrams MATCH ?)", [
                '"' + term.casefold() + '"'
            ]
        return "d.search LIKE ? ESCAPE '\\'", [_like(term)]  # one character, or punctuation: a scan

    def transaction(self):
        return _SQLiteTransaction(self.conn)


class _SQLiteTransaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self):
        self.cur = self.conn.cursor()
        self.cur.execute("BEGIN IMMEDIATE")
        return self.cur

    def __exit__(self, kind, value, tb) -> None:
        self.cur.execute("COMMIT" if kind is None else "ROLLBACK")
        self.cur.close()


class PostgresArchive(Archive):
    kind = "postgresql"
    placeholder = "%s"
    blob = "BYTEA"
    id_column = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"

    def __init__(self, url: str) -> None:
        import psycopg

        shown = _redact(url)
        try:
            conn = psycopg.connect(url, connect_timeout=15)
        except psycopg.Error as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise UserError(
                f"无法连接档案库 {shown}：{first}。请检查地址、用户和服务器。",
                f"Cannot connect to the archive {shown}: {first}. Check the URL, the user and the server.",
            ) from None
        super().__init__(conn, shown)
        try:
            with self.transaction() as cur:
                self.execute(cur, "CREATE EXTENSION IF NOT EXISTS pg_trgm")
                self.create_schema(cur)
        except psycopg.Error as e:
            conn.close()
            first = str(e).strip().splitlines()[0]
            raise UserError(
                f"无法在 {shown} 建立档案库：{first}。需要 pg_trgm 扩展（由数据库管理员执行 CREATE EXTENSION pg_trgm）。",
                f"Cannot set up the archive in {shown}: {first}. It needs the pg_trgm extension "
                "(an administrator runs CREATE EXTENSION pg_trgm).",
            ) from None

    def index_statements(self) -> list[str]:
        return [
            "CREATE INDEX IF NOT EXISTS documents_search_trgm ON documents USING gin (search gin_trgm_ops)"
        ]

    def term_condition(self, term: str) -> tuple[str, list]:
        # pg_trgm's GIN index answers ILIKE for three characters or more; shorter words scan
        return "d.search ILIKE ? ESCAPE '\\'", [_like(term)]

    def sql(self, text: str) -> str:
        return text.replace("%", "%%").replace("?", "%s")

    def transaction(self):
        return _PgTransaction(self.conn)

    def rows(self, text: str, params: Sequence = ()) -> list[tuple]:
        with self.conn.cursor() as cur:
            rows = list(self.execute(cur, text, params).fetchall())
        self.conn.commit()
        return rows


class _PgTransaction:
    def __init__(self, conn) -> None:
        self.conn = conn

    def __enter__(self):
        self.cur = self.conn.cursor()
        return self.cur

    def __exit__(self, kind, value, tb) -> None:
        try:
            if kind is None:
                self.conn.commit()
            else:
                self.conn.rollback()
        finally:
            self.cur.close()


def _redact(url: str) -> str:
    """A URL as shown in messages: the password replaced."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def open_archive(db: str | os.PathLike | None = None) -> Archive:
    """A SQLite path, a postgresql:// URL, or None for the default SQLite file."""
    if db is None or str(db) == "":
        return SQLiteArchive(default_db())
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresArchive(text)
    return SQLiteArchive(text)
