"""The estimate on the web: a page drawing documented against estimated with intervals, and
/api/estimate, over lists imported and linked."""
import re

import pytest

from live_server import app_client
from victims import linked_store, people


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    return linked_store(tmp_path_factory.mktemp("web-estimate"), people(300, seed=2), [0.5, 0.45, 0.4], 20)


def test_the_page_draws_documented_against_estimated(linked):
    with app_client(linked) as client:
        found = client.get("/api/estimate").json()
        page = client.get("/estimate")
    assert page.status_code == 200
    html = page.text
    assert f"{found['estimate']:,}" in html and f"of whom the lists documented {found['observed']:,}" in html
    # one row per estimate drawn: the whole, and each threshold of the linkage sweep
    rows = 1 + len(found["linkage"]["across_thresholds"])
    assert len(re.findall(r'<rect class="documented"', html)) == rows
    assert len(re.findall(r'<circle class="estimate"', html)) == rows
    assert 'id="overlap"' in html and html.count("●") == sum(p["pattern"].count("1")
                                                              for p in found["overlap"]["patterns"])


def test_the_api_answers_by_stratum_and_refuses_bad_choices(linked):
    with app_client(linked) as client:
        by_sex = client.get("/api/estimate", params={"by": "sex"}).json()
        assert by_sex["by"] == "sex" and set(by_sex["strata"]) <= {"M", "F", "unknown"}
        assert client.get("/api/estimate", params={"method": "guess"}).status_code == 422
        assert client.get("/api/estimate", params={"lists": "A,Q"}).status_code == 422
        assert client.get("/estimate", params={"method": "guess"}).status_code == 422
        page = client.get("/estimate", params={"by": "sex"}).text
        assert 'id="strata"' in page


def test_without_lists_the_page_says_what_to_do(db):
    with app_client(db) as client:
        page = client.get("/estimate")
        assert page.status_code == 200 and "corroborate lists import" in page.text
        assert client.get("/api/estimate").status_code == 404


def test_a_person_page_shows_the_records_and_why_they_are_one(linked):
    from collections import Counter
    from urllib.parse import quote

    from corroborate import Store

    with Store(linked, read_only=True) as store:
        persons = store.persons()
    sizes = Counter(persons.values())
    person, size = max(sizes.items(), key=lambda item: (item[1], item[0]))
    assert size >= 2
    with app_client(linked) as client:
        page = client.get(f"/persons/{quote(person, safe='')}")
        assert page.status_code == 200
        assert page.text.count("<tr><td>") >= size  # one row per record at least
        for record in (r for r, p in persons.items() if p == person):
            assert f"<td>{record.partition(':')[2]}</td>" in page.text
        assert "match probability" in page.text and "date_of_death" in page.text
        assert client.get("/persons/nobody", headers={"accept": "text/html"}).status_code == 404
