"""Search by what people type: documents by the folded keys of their words (search_texts),
places by their folded names (the gazetteer's keys), incidents by their places. Ranked:
the words as typed, then the folded words in a row (the phrase), then all of them, then some;
ties by how dense the words are in the text, then the most recent. DuckDB's full-text
extension would rank by BM25, but it is downloaded on first use and the store works offline."""
from __future__ import annotations

import duckdb

from corroborate.fold import fold, in_arabic, keys, rules, sound
from corroborate.store import incidents as incident_rows
from corroborate.store.db import insert
from corroborate.store.queries import SUBJECTS

INDEX_BATCH = 500  # documents folded and written at a time when an older store catches up


def folded(title: str | None, text: str) -> str:
    """" key key … ": the keys of a document's words, spaced at both ends so that a word is
    found as " key " and a phrase as " key key "."""
    return " " + " ".join(keys(f"{title or ''}\n{text}")) + " "


def row(doc_id: str, version: int, title: str | None, text: str) -> tuple:
    """A document version's keys, as a row of search_texts (written with its text, as one of
    the derived rows records.write_document drops before a version is read again)."""
    return (doc_id, version, folded(title, text), rules().version)


STALE = ("FROM current_documents d JOIN texts t USING (doc_id, version) LEFT JOIN search_texts s "
         "USING (doc_id, version) WHERE s.fold_version IS DISTINCT FROM ?")


def stale(con: duckdb.DuckDBPyConnection) -> int:
    """Current documents without keys, or with keys folded under other rules."""
    [(count,)] = con.execute(f"SELECT count(*) {STALE}", [rules().version]).fetchall()
    return count


def catch_up(con: duckdb.DuckDBPyConnection) -> int:
    """Fold the documents `stale` counts (stored before search_texts, or under older rules)."""
    rows = con.execute(f"SELECT d.doc_id, d.version, d.title, t.text {STALE}", [rules().version]).fetchall()
    for start in range(0, len(rows), INDEX_BATCH):
        batch = rows[start:start + INDEX_BATCH]
        con.execute("DELETE FROM search_texts WHERE list_contains(?, doc_id || ':' || version)",
                    [[f"{doc_id}:{version}" for doc_id, version, _, _ in batch]])
        insert(con, "search_texts", [row(doc_id, version, title, text) for doc_id, version, title, text in batch])
    return len(rows)


def _typed(q: str) -> str:
    """An ILIKE pattern for the query as typed, anywhere in the text."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


DOCUMENT_FIELDS = ("doc_id", "title", "outlet", "published", "url", "typed", "phrase", "words")


def documents(con: duckdb.DuckDBPyConnection, q: str, keys: list[str], limit: int, offset: int
              ) -> tuple[int, list[dict]]:
    """(total, a page of documents) with the query as typed, or any of its folded `keys`, best first."""
    spaced = [f" {k} " for k in keys]
    # found first (any word, or the query as typed), then only those scored; the total comes with the page
    found = ("SELECT d.doc_id, d.title, d.outlet, d.published, d.url, s.folded, "
             "(coalesce(d.title, '') || ' ' || t.text) ILIKE ? ESCAPE '\\' AS typed "
             "FROM current_documents d JOIN texts t USING (doc_id, version) "
             "JOIN search_texts s USING (doc_id, version) "
             "WHERE typed OR list_bool_or([contains(s.folded, w) for w in ?])")
    scored = ("SELECT *, contains(folded, ?) AS phrase, list_sum([contains(folded, w)::INT for w in ?]) AS words, "
              # the words' occurrences per word of the text: a short report on the place before a long one naming it
              "list_sum([(length(folded) - length(replace(folded, w, ''))) // length(w) for w in ?]) "
              f"/ (length(folded) - length(replace(folded, ' ', ''))) AS density FROM ({found})")
    rows = con.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)}, count(*) OVER () FROM ({scored}) "
                       "ORDER BY typed DESC, phrase DESC, words DESC, density DESC, published DESC NULLS LAST, doc_id "
                       "LIMIT ? OFFSET ?",
                       [" " + " ".join(keys) + " ", spaced, spaced, _typed(q), spaced, limit, offset]).fetchall()
    if not rows and offset:  # past the last page: the total is still told
        [(total,)] = con.execute(f"SELECT count(*) FROM ({found})", [_typed(q), spaced]).fetchall()
        return total, []
    return (rows[0][-1] if rows else 0), [dict(zip(DOCUMENT_FIELDS, row[:-1], strict=True)) for row in rows]


PLACE_FIELDS = ("place_id", "name", "kind", "country", "admin1_name", "latitude", "longitude", "exact", "incidents")


def places(con: duckdb.DuckDBPyConnection, key: str, sound: str | None, limit: int, offset: int
           ) -> tuple[int, list[dict]]:
    """(total, a page of) the store's gazetteer places with a name folded to `key`, or (an
    Arabic query, whose short vowels are not written) sounding as `sound`: those with that very
    key first, then those holding the most incidents, then the most populous."""
    found = ("SELECT p.place_id, p.name, p.kind, p.country, p.admin1_name, p.latitude, p.longitude, "
             "bool_or(n.key = ?) AS exact, "
             "(SELECT count(*) FROM incidents i WHERE i.place_id = p.place_id) AS incidents, p.population "
             "FROM gazetteer_names n JOIN gazetteer_places p USING (place_id) "
             "WHERE n.key = ? OR n.sound = ? GROUP BY ALL")
    params = [key, key, sound or ""]
    [(total,)] = con.execute(f"SELECT count(*) FROM ({found})", params).fetchall()
    rows = con.execute(f"SELECT {', '.join(PLACE_FIELDS)} FROM ({found}) ORDER BY exact DESC, incidents DESC, "
                       "population DESC NULLS LAST, place_id LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return total, [dict(zip(PLACE_FIELDS, row, strict=True)) for row in rows]


def place_ids(con: duckdb.DuckDBPyConnection, key: str, sound: str | None) -> list[str]:
    """Every place `places` finds, unpaged: the incidents placed there are found too."""
    return [pid for (pid,) in con.execute("SELECT DISTINCT place_id FROM gazetteer_names WHERE key = ? OR sound = ?",
                                          [key, sound or ""]).fetchall()]


def incident_places(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The place names incidents hold, each once: what a query's folded words are matched against."""
    return [p for (p,) in con.execute("SELECT DISTINCT place FROM incidents WHERE place IS NOT NULL").fetchall()]


def incidents(con: duckdb.DuckDBPyConnection, q: str, named: list[str], partly: list[str], at: list[str],
              limit: int, offset: int) -> tuple[int, list[dict]]:
    """(total, a page of) incidents whose place is `named` (its name folds to the query) or is
    one of the places `at`; then those whose place holds all the query's words (`partly`) or
    whose place, country or types hold the query as typed. The most recent first within each."""
    subject = SUBJECTS["incidents"]
    where = ("WHERE list_contains(?::VARCHAR[], i.place) OR list_contains(?::VARCHAR[], i.place) "
             f"OR list_contains(?::VARCHAR[], i.place_id) OR {subject.text} ILIKE ? ESCAPE '\\'")
    params = [named, partly, at, _typed(q)]
    exact = "(list_contains(?::VARCHAR[], i.place) OR list_contains(?::VARCHAR[], i.place_id))"
    [(total,)] = con.execute(f"SELECT count(*) FROM incidents i {where}", params).fetchall()
    ids = [i for (i,) in con.execute(f"SELECT i.id FROM incidents i {where} ORDER BY {exact} DESC, {subject.newest} "
                                     "LIMIT ? OFFSET ?", [*params, named, at, limit, offset]).fetchall()]
    return total, list(incident_rows.exchanges(con, ids))


def find(con: duckdb.DuckDBPyConnection, q: str, limits: dict[str, tuple[int, int]]) -> dict:
    """The query's places, incidents and documents: for each kind in `limits` (limit, offset),
    {"total", "items"}; under "keys", the folded words the query was searched by."""
    key = fold(q)
    keys = list(dict.fromkeys(key.split()))
    # Arabic leaves short vowels out: its names meet their romanisations by sound (the gazetteer's way)
    heard = sound(key) if in_arabic(q) else None
    found: dict = {"keys": keys}
    if "places" in limits:
        total, items = places(con, key, heard, *limits["places"])
        found["places"] = {"total": total, "items": items}
    if "incidents" in limits:
        named, partly = [], []
        for place in incident_places(con):
            place_key = fold(place)
            if place_key == key or (heard and sound(place_key) == heard):
                named.append(place)
            elif keys and set(keys) <= set(place_key.split()):
                partly.append(place)
        total, items = incidents(con, q, named, partly, place_ids(con, key, heard), *limits["incidents"])
        found["incidents"] = {"total": total, "items": items}
    if "documents" in limits:
        total, items = documents(con, q, keys, *limits["documents"])
        found["documents"] = {"total": total, "items": items}
    return found
