"""The archive, both back ends through the same tests: SQLite (FTS5 trigram) and a real
PostgreSQL server started for the session (pg_trgm). Six issues of 2018 go in; searches must
find exactly the documents whose text holds the words, on the printed page where they stand."""

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from editor.archive import open_archive
from editor.records import searchable

ROOT = Path(__file__).resolve().parent.parent
EXPECT = json.loads((ROOT.parent / "shared" / "seed" / "hld-2018-02.expect.json").read_text(encoding="utf-8"))


def truth(prepared, term, year=None, section=None):
    """Documents holding the term, by brute force over the records (the ground truth)."""
    out = set()
    for p in prepared:
        for r in p.records:
            text = searchable("\n".join((r.title, r.doc_number, r.text))).casefold()
            if term.casefold() in text and (year in (None, p.info.year)) and section in (None, r.section):
                out.add((p.info.number, r.doc_id))
    return out


def test_six_issues_of_2018_in_the_archive(archive_db, year_prepared):
    with open_archive(archive_db) as arc:
        arc.add(year_prepared)
        rows = arc.issues()
        assert [(r.year, r.number, r.cumulative) for r in rows] == [(2018, n, 49 + n) for n in range(1, 7)]
        assert sum(r.documents for r in rows) == sum(len(p.records) for p in year_prepared)

        hits = arc.search(["土壤污染"])
        ref = [h for h in hits if h.number == 2]
        assert {h.doc_id for h in hits if h.number == 2} == {
            d for n, d in truth(year_prepared, "土壤污染") if n == 2
        }
        d1 = next(h for h in ref if h.doc_id == "d1")
        assert d1.first_page == EXPECT["sections"][0]["entries"][0]["printed_page"] == 2
        assert d1.page == 2 and "【土壤污染】" in d1.snippet
        pages = {r.doc_id: dict(r.page_texts) for r in year_prepared[1].records}
        for h in ref:  # the page named is a printed page of the document and holds the words
            assert h.first_page <= h.page <= h.last_page
            assert "土壤污染" in searchable(pages[h.doc_id][h.page])


# 2-4 character Chinese words (the trigram index cannot match two), Latin in either case, one
# character, and pairs with punctuation or digits: each path of the search, against the brute force
QUERIES = [
    "工匠",
    "节假",
    "图书",
    "补助",
    "土壤",
    "供水",
    "三级",
    "绩效考核",
    "无废城市",
    "个人所得税",
    "消防救援",
]
QUERIES += ["PPP", "ppp", "pp", "Pp", "年2", "〔2", "中", "税", "。一"]


def test_queries_find_every_document_that_holds_the_words_and_nothing_else(archive_db, year_prepared):
    with open_archive(archive_db) as arc:
        arc.add(year_prepared)
        wrong = {}
        for query in QUERIES:
            got = {(h.number, h.doc_id) for h in arc.search([query])}
            want = truth(year_prepared, query)
            assert want, query  # every query has something to find
            if got != want:
                wrong[query] = (sorted(want - got), sorted(got - want))
    assert wrong == {}  # recall 1 and precision 1 for every query


def test_several_words_year_and_section_narrow_the_hits(archive_db, year_prepared):
    with open_archive(archive_db) as arc:
        arc.add(year_prepared)
        both = {(h.number, h.doc_id) for h in arc.search(["土壤", "工匠"])}
        assert both == truth(year_prepared, "土壤") & truth(year_prepared, "工匠")
        sec = arc.search(["通知"], section="国务院文件")
        assert sec and {h.section for h in sec} == {"国务院文件"}
        assert {(h.number, h.doc_id) for h in sec} == truth(year_prepared, "通知", section="国务院文件")
        assert arc.search(["通知"], year=2019) == []
        assert len(arc.search(["通知"], year=2018)) == len(truth(year_prepared, "通知"))
        assert arc.search(["葫政发〔2018〕5号"])[0].title.startswith("葫芦岛市人民政府关于明确环境保护税")
        assert arc.search(["   "]) == []
        for wildcard in ("%", "_", "9_%"):  # LIKE's wildcards are matched as the characters they are
            assert {(h.number, h.doc_id) for h in arc.search([wildcard])} == truth(year_prepared, wildcard)


def test_adding_again_updates_and_a_failed_add_changes_nothing(archive_db, year_prepared):
    ref = year_prepared[1]
    with open_archive(archive_db) as arc:
        arc.add(year_prepared[:2])
        before = arc.issues()
        # the same issue again, now with one document less: replaced, not doubled
        smaller = replace(ref, records=ref.records[:-1])
        ((_, replaced),) = arc.add([smaller])
        assert replaced
        after = arc.issues()
        assert [(r.number, r.documents) for r in after] == [
            (1, before[0].documents),
            (2, len(ref.records) - 1),
        ]
        assert not arc.search(["政务信息"], year=2018, section="市政府办公室文件") or all(
            h.doc_id != ref.records[-1].doc_id for h in arc.search(["政务信息"])
        )
        # a batch whose second issue cannot be stored: the first is not stored either
        broken = replace(year_prepared[2], records=[replace(year_prepared[2].records[0], title=None)])
        with pytest.raises(Exception):  # noqa: B017 - the database's own integrity error
            arc.add([year_prepared[3], broken])
        assert [(r.number, r.documents) for r in arc.issues()] == [(r.number, r.documents) for r in after]
        assert arc.search(["个人所得税"]) == []
    with open_archive(archive_db) as arc:  # and it is all still there when opened again
        assert [r.number for r in arc.issues()] == [1, 2]


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "GAZETTE_LANG": "en", **(env or {})},
    )


def test_cli_add_list_search_and_a_corrupt_file_is_refused(year_issues, tmp_path, pg_server):
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    ref, fifth = year_issues[1], year_issues[4]
    r = run("archive", "add", ref, fifth, env=env)
    assert r.returncode == 0, r.stderr
    db = tmp_path / "data" / "gazette-press" / "archive.sqlite"
    assert db.exists() and str(db) in r.stdout  # the default: the user's data folder
    hits = json.loads(run("archive", "search", "土壤污染", "--json", env=env).stdout)
    assert [(h["number"], h["doc_id"], h["page"]) for h in hits][:2] == [(2, "d1", 2), (2, "d3", 13)]
    text = run("archive", "search", "节假", "--year", "2018", env=env).stdout
    assert "2018年第5期（总第54期）" in text and "国办发明电〔2018〕15号" in text

    bad = tmp_path / "broken.gazette"
    bad.write_bytes(b"PK\x03\x04 this is not an issue file")
    listed = run("archive", "list", "--json", env=env).stdout
    r = run("archive", "add", year_issues[0], bad, env=env)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "broken.gazette" in r.stderr
    assert run("archive", "list", "--json", env=env).stdout == listed  # nothing added, not even the good one

    url = pg_server.new_database()
    r = run("archive", "add", fifth, "--db", url)
    assert r.returncode == 0, r.stderr
    out = run("archive", "search", "节假", "--db", url).stdout
    assert "国办发明电〔2018〕15号" in out
    r = run("archive", "list", "--db", "postgresql://nobody@/none?host=/nonexistent")
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
