"""The pages in headless Chromium, driven by Playwright (npm playwright-core) against a live
server on the seeds: the map draws a marker per located incident with nothing fetched from
outside 127.0.0.1, a click opens the incident's page, and the timeline's chart draws its band.
Screenshots are kept in the test's tmp dir (pytest keeps the last three runs)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from conftest import ROOT
from live_server import seeded_store, serving

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("CORROBORATE_CHROMIUM", "/usr/bin/chromium")
NODE_MODULES = ROOT / "web" / "node_modules"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The browser's side: a fresh profile, every request outside the server refused and counted,
# the page's errors kept. {arguments}: the names of the command line's values after `flags`.
OPENING = r"""
const { chromium } = require('playwright-core');
const [base, shots, profile, chromiumPath, flags{arguments}] = process.argv.slice(2);
(async () => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: JSON.parse(flags), viewport: { width: {width}, height: 900 } });
  const outside = [];
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  // WCAG 2.1 AA by axe-core (npm) on the page as it is, run through the driver (the pages'
  // policy admits no injected script): the serious and critical violations, named by path and width
  let axeSource = null;
  async function seriousViolations(path, width) {
    axeSource = axeSource || require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const found = await page.evaluate(() => axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    return found.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({ path, width, rule: v.id, nodes: v.nodes.length, first: v.nodes[0].target.join(' ') }));
  }
"""


def browser_script(steps: str, width: int, arguments: tuple[str, ...] = ()) -> str:
    """A playwright-core script that opens the browser as OPENING says, then takes `steps`."""
    return OPENING.replace("{arguments}", "".join(f", {a}" for a in arguments)).replace("{width}", str(width)) + steps


DRIVER = browser_script(r"""  const result = { outside, errors };
  await page.goto(base + '/');
  await page.waitForFunction(() => document.getElementById('map').dataset.markers !== undefined
                                 && document.getElementById('map').dataset.outlineLoaded === 'true',
                             null, { timeout: 30000 });
  result.markers = await page.locator('path.incident-marker').count();
  result.areas = await page.locator('path.incident-marker.area').count();
  result.countries = await page.locator('path.country').count();
  await page.screenshot({ path: shots + '/map.png' });
  const target = process.env.CLICK_INCIDENT;
  await page.locator('path.incident-' + target).click({ force: true });
  await page.waitForURL('**/incidents/' + target, { timeout: 15000 });
  result.incidentTitle = await page.locator('h1').innerText();
  result.incidentClaims = await page.locator('#claims tbody tr').count();
  result.highlighted = await page.locator('#claims mark').count();
  await page.screenshot({ path: shots + '/incident.png', fullPage: true });
  await page.goto(base + '/timeline');
  // the band is drawn by uPlot (npm) on a canvas: its size, and how many of its pixels are painted
  await page.waitForSelector('#brush canvas', { timeout: 15000 });
  const box = await page.locator('#brush canvas').boundingBox();
  const painted = await page.evaluate(() => {
    const canvas = document.querySelector('#brush canvas');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
    return n;
  });
  result.band = box && { width: box.width, height: box.height, painted };
  await page.screenshot({ path: shots + '/timeline.png' });
  console.log(JSON.stringify(result));
  await context.close();
})().catch(e => { console.error(e); process.exit(1); });
""", width=1280)


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is absent: apt-get install -y chromium (.ci/run does)"
    if not shutil.which("node"):
        return "node is absent: the page tests drive Chromium with npm's playwright-core"
    if not (NODE_MODULES / "playwright-core").is_dir():
        return f"{NODE_MODULES / 'playwright-core'} is absent: run make (npm ci in web/)"
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = seeded_store(tmp_path_factory.mktemp("pages") / "seeds.duckdb")
    with serving(db) as base:
        yield base


def test_the_map_page_lists_incidents_without_the_browser(site):
    """What a browser without JavaScript, or a machine without npm, still gets."""
    page = httpx.get(site + "/").text
    incidents = httpx.get(site + "/api/incidents", params={"kind": "incident"}).json()["items"]
    for incident in incidents:
        assert f'href="/incidents/{incident["id"]}"' in page
    assert "cdn" not in page.lower() and "https://" not in page


def test_a_place_is_shown_with_its_precision_and_a_centroid_never_as_a_site(site):
    items = httpx.get(site + "/api/incidents").json()["items"]
    assert all(i["precision"] and i["country"] == "SY" for i in items if i["place"])
    listing = httpx.get(site + "/").text
    ambush = next(i for i in items if i["date_start"] == "2025-03-06" and i["kind"] == "incident")
    assert ambush["precision"] == "governorate/province"  # "Latakia province" in the report
    said = f"somewhere in {ambush['place']}"
    assert said in listing and said in (page := httpx.get(site + f"/incidents/{ambush['id']}").text)
    assert "a centroid" in page and 'id="country">Syria (SY)<' in page
    unknown = next(i for i in items if i["precision"] == "unresolved")  # the coast's two governorates, as written
    page = httpx.get(site + f"/incidents/{unknown['id']}").text
    assert f"{unknown['place']} (unresolved)" in page and "not on the map" in page and unknown["latitude"] is None


def test_without_npm_the_map_page_still_lists_incidents(tmp_path):
    db = tmp_path / "empty.duckdb"
    with serving(db, env={"CORROBORATE_WEB_ASSETS": str(tmp_path / "no-node-modules")}) as base:
        page = httpx.get(base + "/").text
        assert 'id="no-map"' in page and "/vendor/" not in page
        assert httpx.get(base + "/vendor/leaflet/leaflet.js").status_code == 404


def test_a_document_page_shows_its_hash_and_highlights_its_claims(site):
    doc = httpx.get(site + "/api/documents", params={"limit": 1}).json()["items"][0]
    record = httpx.get(site + f"/api/documents/{doc['doc_id']}").json()
    page = httpx.get(site + f"/documents/{doc['doc_id']}").text
    assert doc["sha256"] in page
    sentences = {(c["start"], c["end"]) for c in record["claims"]}
    assert page.count('<mark id="claim-') == len(sentences) > 0
    assert f'href="/documents/{doc["doc_id"]}/original"' in page


def test_search_finds_documents_by_their_words_offline(site):
    page = httpx.get(site + "/search", params={"q": "Alawite"}).text
    assert "<mark>Alawite</mark>" in page and "2 documents" in page
    assert "0 documents" in httpx.get(site + "/search", params={"q": "zzyzx"}).text


def test_the_browser_sees_markers_opens_an_incident_and_draws_the_timeline(site, tmp_path):
    missing = _browser_missing()
    if missing:
        pytest.skip(missing)
    incidents = httpx.get(site + "/api/incidents", params={"kind": "incident"}).json()["items"]
    located = [i for i in incidents if i["latitude"] is not None]
    ambush = next(i for i in located if i["date_start"] == "2025-03-06")
    script = tmp_path / "drive.js"
    script.write_text(DRIVER, encoding="utf-8")
    # kept after the run as test artifacts (CI can collect the folder); git ignores it
    shots = Path(os.environ.get("CORROBORATE_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["node", str(script), site, str(shots), str(tmp_path / "profile"), CHROMIUM,
                             json.dumps(FLAGS)], capture_output=True, text=True, timeout=180,
                            env={**os.environ, "NODE_PATH": str(NODE_MODULES), "CLICK_INCIDENT": ambush["id"]})
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["outside"] == [], "the map must not fetch anything from outside our server"
    assert seen["errors"] == []
    assert seen["markers"] == len(located) >= 4
    # the ambush is placed only at its governorate: a dashed ring, never a site
    assert seen["areas"] == sum(i["precision"] == "governorate/province" for i in located) >= 1
    assert seen["countries"] > 100  # the world's outlines, Syria's among them
    assert "2025-03-06" in seen["incidentTitle"] and ambush["place"] in seen["incidentTitle"]
    held = len(ambush["claims"]) + len(ambush["outliers"])  # each claim a row, its sentence marked
    assert seen["incidentClaims"] == held >= 1 and seen["highlighted"] == held
    assert seen["band"]["width"] > 100 and seen["band"]["height"] > 10 and seen["band"]["painted"] > 1000
    for name in ("map.png", "incident.png", "timeline.png"):
        assert (shots / name).stat().st_size > 10_000
    print(f"screenshots: {shots}")
