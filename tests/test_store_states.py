"""Random interleavings of the Store's writes (ingest, re-ingest, merge, split, status
changes) keep the store's invariants after every step."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from corroborate import Refused, Store
from corroborate.document import Document

# Reports of two attacks in two villages on two days, each told by several outlets, with
# counts that differ: enough for incidents to form, merge, split and regrade.
PLACES = ("Baniyas", "Jableh")
DAYS = ("6 March 2025", "7 March 2025")
COUNTS = (7, 9, 12)
STATUSES = ("reported", "verified", "unverified", "alleged")


def report(place: str, day: str, killed: int, outlet: int) -> Document:
    text = (f"Gunmen killed {killed} civilians in {place} on {day}, a medic told outlet {outlet}. "
            f"Residents said the attackers came at night.")
    return Document(f"r-{place}-{day[0]}-{outlet}", text.encode(), "text/plain", "test",
                    {"published": "2025-03-08", "outlet": f"Outlet {outlet}"})


class Interleavings(RuleBasedStateMachine):
    @initialize()
    def open_store(self):
        self.store = Store(self.path())

    path = None  # set per test, below

    @rule(place=st.sampled_from(PLACES), day=st.sampled_from(DAYS), killed=st.sampled_from(COUNTS),
          outlet=st.integers(0, 2))
    def ingest(self, place, day, killed, outlet):
        self.store.ingest([report(place, day, killed, outlet)])

    @rule(data=st.data())
    def merge(self, data):
        incidents = [i["id"] for i in self.store.incidents() if i["kind"] == "incident"]
        if len(incidents) >= 2:
            keep, absorb = data.draw(st.permutations(incidents))[:2]
            self.store.merge(keep, absorb)

    @rule(data=st.data())
    def split(self, data):
        splittable = [i for i in self.store.incidents() if i["kind"] == "incident" and len(i["claims"]) >= 2]
        if splittable:
            incident = data.draw(st.sampled_from(splittable))
            keys = [f"{c['doc']}:{c['n']}" for c in incident["claims"]]
            try:
                self.store.split(incident["id"], keys[:data.draw(st.integers(1, len(keys) - 1))])
            except Refused:
                pass  # an outlier's key is not a member's: refusing is right

    @rule(data=st.data(), status=st.sampled_from(STATUSES))
    def set_status(self, data, status):
        claims = self.store.claims()
        if claims:
            claim = data.draw(st.sampled_from(claims))
            self.store.set_status(claim.doc, claim.n, status)

    @invariant()
    def invariants_hold(self):
        if not hasattr(self, "store"):
            return
        self.store.catch_up()
        assert self.store.check()[1] == []  # every invariant of `corroborate check`

    def teardown(self):
        if hasattr(self, "store"):
            self.store.close()


@pytest.mark.slow
def test_interleaved_writes_keep_the_invariants(tmp_path):
    counter = itertools.count()
    Interleavings.path = lambda self: tmp_path / f"store-{next(counter)}.duckdb"
    run = Interleavings.TestCase
    run.settings = settings(max_examples=12, stateful_step_count=15, deadline=None,
                            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    run().runTest()


def test_a_new_version_telling_the_same_range_is_held_in_its_incident(tmp_path):
    """Found by the machine above: a document's new version whose claim leaves the incident's
    range as it was must still be the version the incident holds."""
    with Store(tmp_path / "store.duckdb") as store:
        store.ingest([report("Jableh", DAYS[1], 7, 0), report("Jableh", DAYS[1], 7, 2),
                      report("Jableh", DAYS[1], 12, 1)])
        store.ingest([report("Jableh", DAYS[1], 12, 0)])  # r-Jableh-7-0, version 2: still 7 to 12
        assert store.document("r-Jableh-7-0")["version"] == 2
        assert store.check()[1] == []
        [incident] = [i for i in store.incidents() if i["kind"] == "incident"]
        assert sorted(c["low"] for c in incident["claims"]) == [7, 12, 12]
