"""The explorer (issue 14) answered by the app in this process, on the large store (the seeds,
the demo corpus and generated reports: over 2,000 incidents from 2012 to 2025). Nothing is cut
silently (a count, pages, the most recent first), one filter state in the URL drives the list,
the timeline and the exports, figures read as spec/incidents.md writes them, every claim has
its anchor, every incident can be cited, and the app is polished offline (favicon, HTML errors,
gzip, cache headers, API docs)."""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
from datetime import date
from html import unescape
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from corroborate.publish import formats
from corroborate.publish.formats import reads
from corroborate.web import words
from generated import ODD_ID
from live_server import app_client

pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def app(large_store_file):
    with app_client(large_store_file) as client:
        yield client


HTML = {"accept": "text/html"}


def _api_all(app, **filters) -> list[dict]:
    items, offset = [], 0
    while True:
        page = app.get("/api/incidents", params={**filters, "limit": 1000, "offset": offset}).json()
        items += page["items"]
        offset += 1000
        if offset >= page["total"]:
            return items


def _listed(html: str) -> list[str]:
    """The incident ids the list of a page links to, in order."""
    body = html.split('id="incident-list"', 1)[1].split("</table>", 1)[0]
    return [unquote(unescape(i)) for i in re.findall(r'href="/incidents/([^"]+)"', body)]


def _count(html: str) -> int:
    found = re.search(r'id="count"[^>]*><strong>([\d,]+)</strong>', html)
    return int(found.group(1).replace(",", "")) if found else 0


def test_the_list_is_counted_paged_and_the_most_recent_first(app):
    everything = _api_all(app)
    assert len(everything) > 2000
    first = app.get("/").text
    assert _count(first) == len(everything)
    ids = _listed(first)
    assert len(ids) == 100
    dated = sorted((i for i in everything if i["date_start"]), key=lambda i: i["date_start"], reverse=True)
    assert ids[0] in {i["id"] for i in dated if i["date_start"] == dated[0]["date_start"]}
    assert dated[0]["date_start"].startswith("2025")  # the seeds' Syria 2025, not 1946 or 2010
    assert 'rel="next" href="/?page=2"' in first and 'rel="prev"' not in first
    # every incident is reachable page by page, each once: nothing cut at a thousand
    pages = -(-len(everything) // 100)
    seen = []
    for n in range(1, pages + 1):
        seen += _listed(app.get("/", params={"page": n}).text)
    assert sorted(seen) == sorted(i["id"] for i in everything)
    assert "aggregate" in {i["kind"] for i in everything if i["id"] in seen}


def test_a_filter_lives_in_the_url_and_drives_list_timeline_and_exports(app):
    page = app.get("/", params={"start": "2025-01-01"}).text
    wanted = _api_all(app, start="2025-01-01")
    assert 0 < len(wanted) < 50 and _count(page) == len(wanted)
    assert sorted(_listed(page)) == sorted(i["id"] for i in wanted)
    assert 'value="2025-01-01"' in page  # the form says what is filtered
    exports = re.findall(r'class="export" href="([^"]+)"', page)
    assert len(exports) == 4 and all("start=2025-01-01" in unescape(e) for e in exports)
    assert 'href="/timeline?start=2025-01-01"' in page
    timeline = app.get("/timeline", params={"start": "2025-01-01"}).text
    periods = re.findall(r'class="period" href="([^"]+)"', timeline)
    assert periods and all(parse_qs(urlsplit(unescape(p)).query)["start"][0] >= "2025-01-01" for p in periods)
    # the whole span is told by year, with the year in every tick
    whole = app.get("/timeline").text
    ticks = re.findall(r'class="label tick"[^>]*>([^<]+)<', whole)
    assert "Deaths per month" in whole and ticks and all(re.match(r"(19|20)\d\d", t) for t in ticks)
    assert 'id="log-scale"' in whole and app.get("/timeline", params={"scale": "log"}).status_code == 200
    # zoom: a year's link gives its months, a month's its days
    year = unescape(re.findall(r'class="zoom" href="([^"]+)"', whole)[0])
    months = app.get(year).text
    assert "Deaths per day" in months or "Deaths per month" in months
    assert all(t.startswith(parse_qs(urlsplit(year).query)["start"][0][:4])
               for t in re.findall(r'class="label tick"[^>]*>([^<]+)<', months))


@pytest.mark.parametrize("filters", [
    {"grade": "contested"}, {"kind": "aggregate"}, {"country": "IQ"}, {"cause": "indirect"},
    {"victim_type": "security_forces"}, {"q": "Kirkuk"},
    {"start": "2012-01-01", "end": "2012-12-31", "grade": "weak"},
    {"event_type": "Battles", "country": "YE"}, {"bbox": "43,30,46,35"}])
def test_each_filter_lists_exactly_what_the_api_lists(app, filters):
    wanted = _api_all(app, **filters)
    assert wanted, filters
    for k, v in filters.items():
        if k in ("grade", "kind", "country", "victim_type", "event_type"):
            assert all(i[k] == v for i in wanted)
    if "cause" in filters:
        assert all(i["indirect"] for i in wanted)
    page = app.get("/", params=filters).text
    assert _count(page) == len(wanted)
    assert set(_listed(page)) <= {i["id"] for i in wanted} and len(_listed(page)) == min(100, len(wanted))


def test_a_bad_filter_is_refused_not_ignored(app):
    assert app.get("/", params={"start": "2025-13-01"}, headers=HTML).status_code == 422
    assert app.get("/api/incidents", params={"end": "soon"}).status_code == 422


@pytest.mark.parametrize("fmt", ["csv", "geojson", "jsonl", "acled-csv"])
def test_an_export_holds_exactly_the_filtered_incidents(app, fmt):
    filters = {"country": "SY", "start": "2014-01-01", "end": "2016-12-31"}
    wanted = sorted(i["id"] for i in _api_all(app, **filters))
    answer = app.get("/api/export/incidents", params={**filters, "format": fmt})
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    if fmt == "csv":
        got = [r["id"] for r in csv.DictReader(io.StringIO(answer.text))]
    elif fmt == "acled-csv":
        got = [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(answer.text))]
        assert len(got) == len(wanted) and all(r for r in got)
        return
    elif fmt == "geojson":
        got = [f["properties"]["id"] for f in answer.json()["features"]]
    else:
        got = [json.loads(line)["id"] for line in answer.text.splitlines()]
    assert sorted(got) == wanted and len(wanted) > 50


@pytest.mark.parametrize("low, high, open_high, approx, said", [
    (27, None, False, False, "≥ 27"), (595, 1300, True, False, "595 – 1,300+"), (50, 50, False, True, "~50"),
    (77, 77, True, False, "≥ 77"), (31, 31, True, False, "≥ 31"), (13, 16, False, False, "13 – 16"),
    (4, 4, False, False, "4"), (None, 9, False, False, "≤ 9"), (None, None, False, False, "—")])
def test_a_range_reads_as_the_spec_writes_it(low, high, open_high, approx, said):
    assert reads(low, high, open_high, approx) == said


def test_the_pages_never_show_a_broken_range_or_a_raw_code(app):
    for n in (1, 2, 12):
        page = app.get("/", params={"page": n}).text
        cells = re.findall(r'<td class="figure">([^<]*)</td>', page)
        assert cells and not [c for c in cells if re.search(r"\d–\s*$|–\d[\d,]*\+$|^\d[\d,]*–\d", c)], cells
        assert ">security_forces<" not in page and ">civilian<" not in page
    page = app.get("/", params={"victim_type": "security_forces"}).text
    assert words.word("victims", "security_forces") in page
    open_one = next(i for i in _api_all(app, country="IQ") if i["killed_high"] is None)
    assert f"≥ {open_one['killed_low']}" in app.get(f"/incidents/{quote(open_one['id'], safe='')}").text


def test_the_seeds_coastal_total_and_its_outlier_read_right(app):
    """spec/incidents.md: the coastal aggregate's civilian range 595–1,300, the 9,000 boast kept as an outlier."""
    coast = [i for i in _api_all(app, start="2025-01-01", kind="aggregate") if i["outliers"]]
    assert coast
    for record in coast:
        page = app.get(f"/incidents/{quote(record['id'], safe='')}").text
        outliers = page.split('id="outliers"', 1)[1].split("</ul>", 1)[0]
        assert "None" not in outliers and not re.search(r"\d–\s", outliers)
    assert any(re.search(r'id="range">595 – 1,300\+?<', app.get(f"/incidents/{quote(r['id'], safe='')}").text)
               for r in coast), [(r["killed_low"], r["killed_high"]) for r in coast]


def test_an_incident_page_tells_place_history_and_how_to_cite_it(app):
    seeds = [i for i in _api_all(app, start="2025-01-01") if i["kind"] == "incident" and len(i["claims"]) >= 2]
    record = seeds[0]
    page = app.get(f"/incidents/{record['id']}").text
    assert 'id="country">Syria (SY)<' in page and 'id="precision">' in page
    history = page.split('id="history"', 1)[1].split("</ol>", 1)[0]
    assert "created" in history and "claims:" in history and "{" not in history and "<pre>" not in history
    permalink = f"http://testserver/incidents/{record['id']}"
    assert f'id="permalink" href="{permalink}"' in page
    citation = unescape(re.search(r'id="citation"[^>]*>([^<]+)<', page).group(1))
    assert permalink in citation and f"(accessed {date.today().isoformat()})" in citation
    csl = app.get(f"/incidents/{record['id']}/cite.json").json()
    assert csl[0]["URL"] == permalink and csl[0]["type"] == "dataset"
    assert csl[0]["accessed"]["date-parts"][0] == list(date.today().timetuple()[:3])


def test_every_link_from_an_incident_to_a_claim_lands_on_its_anchor(app):
    checked = 0
    pages: dict[str, str] = {}
    for record in _api_all(app, start="2025-01-01"):
        page = app.get(f"/incidents/{quote(record['id'], safe='')}").text
        for doc, n in re.findall(r'href="/documents/([^"#]+)#claim-(\d+)"', page):
            pages.setdefault(doc, app.get(f"/documents/{doc}").text)
            assert pages[doc].count(f'id="claim-{n}"') == 1, (doc, n)
            checked += 1
    assert checked >= 10
    # and every claim of a document has one anchor, however many share a sentence
    for doc, page in pages.items():
        claims = app.get(f"/api/documents/{doc}").json()["claims"]
        assert all(page.count(f'id="claim-{c["n"]}"') == 1 for c in claims)


def test_an_odd_id_is_linked_url_encoded(app):
    """A document id with "?", "#", "%" and a space: its incident links to it encoded, and the link leads to it."""
    held = next(i for i in _api_all(app, start="2012-01-01", end="2024-12-31")
                if any(c["doc"] == ODD_ID for c in i["claims"]))
    page = app.get(f"/incidents/{quote(held['id'], safe='')}").text
    assert f'href="/documents/{quote(ODD_ID, safe="")}#claim-' in page
    document = app.get(f"/documents/{quote(ODD_ID, safe='')}")
    assert document.status_code == 200 and f'href="/incidents/{quote(held["id"], safe="")}"' in document.text


def test_the_polish_favicon_html_errors_gzip_and_caching(app):
    icon = app.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon"
    assert icon.content[:4] == b"\0\0\1\0"
    missing = app.get("/incidents/no-such-thing", headers=HTML)
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "no-such-thing" in missing.text and "<h1>Not found</h1>" in missing.text
    assert app.get("/api/incidents/no-such-thing", headers=HTML).json()["detail"]
    assert app.get("/incidents/no-such-thing").headers["content-type"] == "application/json"  # a program asking
    raw = app.get("/", headers={"accept-encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    style = app.get("/static/style.css")
    assert "max-age" in style.headers["cache-control"] and style.headers.get("etag")
    assert "max-age" in app.get("/vendor/leaflet/leaflet.js").headers["cache-control"]
    assert len(gzip.compress(raw.content)) < len(raw.content)


def test_the_api_docs_are_served_from_here_under_the_pages_policy(app):
    docs = app.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert '<script src="/vendor/swagger-ui/swagger-ui-bundle.js">' in docs.text
    assert app.get("/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert "'unsafe-inline'" not in docs.headers["content-security-policy"].split("script-src", 1)[1].split(";")[0]


def test_a_page_asked_again_is_the_same_until_the_store_changes(app):
    """Answers are kept while the store is unchanged (web/answers.py): a write shows at once."""
    record = next(i for i in _api_all(app, start="2012-01-01", end="2012-03-31") if i["kind"] == "incident")
    claim = record["claims"][0]
    url = f"/incidents/{quote(record['id'], safe='')}"
    first = app.get(url)
    assert app.get(url).text == first.text and f'data-label="status">{claim["status"]}<' in first.text
    points = app.get("/api/points", params={"start": "2012-01-01", "end": "2012-03-31"}).json()
    store = app.app.state.store
    store.set_status(claim["doc"], claim["n"], "verified")
    try:
        again = app.get(url).text
        assert again != first.text and 'data-label="status">verified<' in again
        assert app.get("/api/incidents/" + quote(record["id"], safe="")).json()["claims"][0]["status"] == "verified"
    finally:
        store.set_status(claim["doc"], claim["n"], claim["status"])
    assert 'data-label="status">verified<' not in app.get(url).text
    assert app.get("/api/points", params={"start": "2012-01-01", "end": "2012-03-31"}).json() == points
    # a reader with a token is never sent another's answer, nor kept
    assert app.get(url, headers={"authorization": "Bearer nonsense"}).status_code in (200, 401)


def test_the_map_points_are_every_filtered_incident_with_its_label(app):
    filters = {"country": "IQ", "kind": "incident"}
    wanted = _api_all(app, **filters)
    got, offset = [], 0
    while offset < len(wanted):
        page = app.get("/api/points", params={**filters, "offset": offset}).json()
        assert page["total"] == len(wanted)
        got += page["items"]
        offset += page["limit"]
    assert [p["id"] for p in got] == [i["id"] for i in wanted]
    by_id = {i["id"]: i for i in wanted}
    for p in got:
        record = by_id[p["id"]]
        assert p["label"].endswith(f"{formats.incident_range(record)} killed (grade: {record['grade']})")
        assert (p["lat"] is None) == (record["latitude"] is None or record["precision"] == "unresolved")
    assert len(json.dumps(got)) * 5 < len(json.dumps(wanted))  # a fifth of the records' weight, or less
