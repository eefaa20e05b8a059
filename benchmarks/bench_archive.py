"""Archive speed and search quality on 6 and on 60 issues, with SQLite and with PostgreSQL.

    python benchmarks/bench_archive.py [--json] [--no-postgres]

The six issues of 2018 from tests/series_corpus.py (the reference issue and five built from the
corpus) are read and laid out once (`prepare_s_per_issue`, what `archive add` spends before it
touches the database); 60 issues are those six stored again as ten years (2009-2018). Per back
end (SQLite file; PostgreSQL: a throwaway server started here, unix socket, fsync off):
  add_6_s, add_60_s        storing the prepared issues in one transaction, fresh archive
  search_6_ms, search_60_ms median time of one search, over QUERIES (2-4 character words)
  recall, precision        hits compared with a brute-force scan of the texts, over QUERIES, on 60
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "工匠",
    "节假",
    "土壤",
    "补助",
    "供水",
    "图书馆",
    "三级",
    "无废城市",
    "消防救援",
    "土壤污染",
    "绩效考核",
    "个人所得税",
]


def ten_years(prepared):
    out = []
    for year in range(2009, 2019):
        for p in prepared:
            info = replace(p.info, year=year, cumulative=p.info.cumulative - 6 * (2018 - year))
            out.append(replace(p, info=info))
    assert len({(p.info.year, p.info.number) for p in out}) == len(out)
    return out


def truth(prepared, term):
    from editor.records import searchable

    return {
        (p.info.year, p.info.number, r.doc_id)
        for p in prepared
        for r in p.records
        if term.casefold() in searchable("\n".join((r.title, r.doc_number, r.text))).casefold()
    }


def measure(fresh_db, prepared, many) -> dict:
    """fresh_db(label) names an empty archive (a SQLite path or a postgresql:// URL)."""
    from editor.archive import open_archive

    out = {}
    for label, batch in (("6", prepared), ("60", many)):
        with open_archive(fresh_db(label)) as arc:
            t = time.perf_counter()
            arc.add(batch)
            out[f"add_{label}_s"] = round(time.perf_counter() - t, 3)
            times, found, wanted, right = [], 0, 0, 0
            for q in QUERIES:
                t = time.perf_counter()
                hits = arc.search([q])
                times.append(time.perf_counter() - t)
                got = {(h.year, h.number, h.doc_id) for h in hits}
                want = truth(batch, q)
                found += len(got & want)
                wanted += len(want)
                right += len(got)
            out[f"search_{label}_ms"] = round(1000 * statistics.median(times), 2)
            out[f"documents_{label}"] = sum(r.documents for r in arc.issues())
            if label == "60":
                out["recall"] = round(found / wanted, 4) if wanted else None
                out["precision"] = round(found / right, 4) if right else None
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-postgres", action="store_true", help="SQLite only")
    a = ap.parse_args()

    from editor.archive import prepare
    from tests.series_corpus import build_year

    result: dict = {"queries": QUERIES}
    with tempfile.TemporaryDirectory() as tmp:
        files = build_year(Path(tmp) / "year")
        t = time.perf_counter()
        prepared = [prepare(p) for p in files]
        result["prepare_s_per_issue"] = round((time.perf_counter() - t) / len(files), 3)
        many = ten_years(prepared)
        result["sqlite"] = measure(lambda label: str(Path(tmp) / f"archive-{label}.sqlite"), prepared, many)
        if not a.no_postgres:
            from tests.pg_server import ThrowawayPostgres

            with ThrowawayPostgres() as pg:
                result["postgresql"] = measure(lambda label: pg.new_database(), prepared, many)
    if a.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
