"""The HTTP API (the app in this process) on the seed articles: lists, filters, pages, CSV, the
OpenAPI document, one incident and one document."""
from __future__ import annotations

import csv
import io

import pytest

from live_server import app_client, seeded_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    db = seeded_store(tmp_path_factory.mktemp("api") / "seeds.duckdb")
    with app_client(db) as client:
        yield client


def _get(api, path, **params):
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_openapi_document_lists_the_api(api):
    paths = _get(api, "/openapi.json")["paths"]
    for path in ("/api/documents", "/api/claims", "/api/events", "/api/incidents", "/api/incidents/{incident_id}"):
        assert "get" in paths[path]
    assert "post" in paths["/api/documents"] and "patch" in paths["/api/claims/{doc_id}/{n}"]


def test_an_incident_is_listed_and_shown_whole(api):
    page = _get(api, "/api/incidents")
    assert page["total"] == len(page["items"]) >= 5
    listed = next(i for i in page["items"] if i["kind"] == "incident" and len(i["claims"]) >= 2)
    one = _get(api, f"/api/incidents/{listed['id']}")
    assert one["history"][0]["change"] == "created" and one["claims"] == listed["claims"]
    assert (one["killed_low"], one["killed_high"]) == (listed["killed_low"], listed["killed_high"])


def test_pages_do_not_overlap_and_keep_the_total(api):
    everything = _get(api, "/api/incidents")
    first, second = _get(api, "/api/incidents", limit=2), _get(api, "/api/incidents", limit=2, offset=2)
    assert first["total"] == second["total"] == everything["total"]
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in everything["items"][:4]]


def test_filters_by_date_grade_box_and_kind(api):
    day = _get(api, "/api/incidents", start="2025-03-07", end="2025-03-07", kind="incident")["items"]
    assert day and all(i["date_start"] == "2025-03-07" for i in day)
    for grade in ("weak", "confirmed"):
        graded = _get(api, "/api/incidents", grade=grade)["items"]
        assert graded and {i["grade"] for i in graded} == {grade}
    everything = _get(api, "/api/incidents")["items"]
    lattakia = next(i for i in everything if i["place"] == "Lattakia")
    lon, lat = lattakia["longitude"], lattakia["latitude"]
    boxed = _get(api, "/api/incidents", bbox=f"{lon - 0.05},{lat - 0.05},{lon + 0.05},{lat + 0.05}")["items"]
    assert lattakia["id"] in [i["id"] for i in boxed]
    assert all(abs(i["longitude"] - lon) <= 0.05 and abs(i["latitude"] - lat) <= 0.05 for i in boxed)
    assert len(boxed) < len(everything)


def test_a_bad_box_is_refused_with_the_reason(api):
    response = api.get("/api/incidents", params={"bbox": "north-ish"})
    assert response.status_code == 422 and "west,south,east,north" in response.text


def test_claims_by_source_and_documents_by_words(api):
    reuters = _get(api, "/api/claims", source="reuters")["items"]
    assert reuters and all("reuters" in c["source"].lower() for c in reuters)
    found = _get(api, "/api/documents", q="Alawite")
    assert found["total"] >= 1 and all(len(d["sha256"]) == 64 for d in found["items"])
    assert _get(api, "/api/documents", q="no such words anywhere")["total"] == 0


def test_csv_has_one_row_per_record(api):
    for what in ("claims", "events", "incidents", "documents"):
        response = api.get(f"/api/{what}", params={"format": "csv", "limit": 1000})
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len(rows) == _get(api, f"/api/{what}", limit=1000)["total"]


def test_a_document_carries_its_hash_text_and_claims(api):
    doc = _get(api, "/api/documents", limit=1)["items"][0]
    one = _get(api, f"/api/documents/{doc['doc_id']}")
    assert one["sha256"] == doc["sha256"] and one["claims"]
    assert one["focus"] == "SY"  # the country it was read as being about, recorded at ingest
    for claim in one["claims"]:
        assert one["text"][claim["start"]:claim["end"]] == claim["evidence"]
    original = api.get(f"/documents/{doc['doc_id']}/original")
    assert original.status_code == 200 and "sandbox" in original.headers["content-security-policy"]


def test_unknown_records_are_404(api):
    assert api.get("/api/incidents/Inope").status_code == 404
    assert api.get("/api/documents/nope").status_code == 404
    assert api.get("/incidents/Inope").status_code == 404
