"""The explorer in headless Chromium (npm playwright-core) on the large store (the seeds, the
demo corpus and generated reports: over 2,000 incidents from 2012 to 2025): a permalink's
filters drive the map and survive a reload, every located incident reaches the map (more than
a thousand, in clusters that say how many they hold and open by keyboard), a marker opens by keyboard,
a period of the timeline filters the list, the map's view becomes a filter, the API docs
draw offline under the pages' policy, no page scrolls sideways on a 390 px phone, and axe-core
finds no serious or critical WCAG 2.1 AA violation at 1400 px or 390 px.
Nothing is fetched from outside the server. Screenshots are kept as test artifacts."""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from conftest import ROOT
from live_server import serving
from test_pages import CHROMIUM, FLAGS, NODE_MODULES, _browser_missing, browser_script

pytestmark = pytest.mark.slow

DRIVER = browser_script(r"""  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  const result = { outside, errors };
  const markers = async () => {
    await page.waitForFunction(() => document.getElementById('map').dataset.markers !== undefined, null,
                               { timeout: 60000 });
    return Number(await page.locator('#map').getAttribute('data-markers'));
  };
  await page.goto(base + '/?country=SY&start=2025-01-01');
  result.filtered = { markers: await markers(), count: await page.locator('#count strong').innerText(),
                      rows: await page.locator('#incident-list tbody tr').count() };
  await page.reload();
  result.reloaded = { markers: await markers(), url: page.url(),
                      rows: await page.locator('#incident-list tbody tr').count() };
  await page.screenshot({ path: shots + '/explorer-filtered.png' });
  // a marker by keyboard: focused, then Enter
  await page.locator('path.incident-marker').first().focus();
  result.focusedLabel = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  await page.keyboard.press('Enter');
  await page.waitForURL('**/incidents/**', { timeout: 15000 });
  result.openedByKeyboard = page.url();
  // everything, unfiltered: more than a thousand on the map
  await page.goto(base + '/');
  result.all = await markers();
  result.mapCount = await page.locator('#map-count').innerText();
  await page.waitForSelector('.marker-cluster', { timeout: 30000 });
  await page.screenshot({ path: shots + '/explorer-all.png' });
  // clusters say what they hold; Enter on one zooms in (or, when all it holds share one point, spreads
  // them out), until single markers show, each with its name
  const zoom = async () => Number(await page.locator('#map').getAttribute('data-zoom'));
  result.clusters = { clustered: await page.locator('#map').getAttribute('data-clustered'),
                      label: await page.locator('.marker-cluster').first().getAttribute('aria-label'),
                      zooms: [await zoom()] };
  for (let k = 0; k < 10 && await page.locator('path.incident-marker').count() === 0; k++) {
    const before = await zoom();
    await page.locator('.marker-cluster').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(z => Number(document.getElementById('map').dataset.zoom) > z
                                    || document.querySelector('path.incident-marker') !== null, before,
                               { timeout: 15000 });
    await page.waitForTimeout(700);  // the clusters' own animation (300 ms), whose old icons go last
    result.clusters.zooms.push(await zoom());
  }
  result.clusters.markerLabel = await page.locator('path.incident-marker').first().getAttribute('aria-label');
  await page.screenshot({ path: shots + '/explorer-cluster-opened.png' });
  await page.goto(base + '/');
  await markers();
  await page.locator('#filter-to-view').click();
  await page.waitForURL('**bbox=**', { timeout: 15000 });
  result.boxed = { url: page.url(), markers: await markers() };
  // the timeline's chart (uPlot, from npm): a drag across it zooms into that period
  await page.goto(base + '/timeline?country=IQ');
  await page.waitForSelector('#brush .u-over', { timeout: 15000 });
  await page.screenshot({ path: shots + '/explorer-timeline.png' });
  let over = await page.locator('#brush .u-over').boundingBox();
  await page.mouse.move(over.x + over.width * 0.05, over.y + over.height / 2);
  await page.mouse.down();
  await page.mouse.move(over.x + over.width * 0.95, over.y + over.height / 2, { steps: 10 });
  await page.mouse.up();
  await page.waitForURL(u => String(u).includes('/timeline?') && String(u).includes('start='), { timeout: 15000 });
  result.brushed = page.url();
  // and a period clicked lists its incidents
  await page.waitForSelector('#brush .u-over', { timeout: 15000 });
  over = await page.locator('#brush .u-over').boundingBox();
  await page.mouse.click(over.x + over.width / 2, over.y + over.height / 2);
  await page.waitForURL(u => !String(u).includes('/timeline') && String(u).includes('start='), { timeout: 15000 });
  result.period = { url: page.url(), rows: await page.locator('#incident-list tbody tr').count(),
                    markers: await markers() };
  // the API docs, offline
  await page.goto(base + '/docs');
  await page.waitForSelector('.opblock', { timeout: 30000 });
  result.operations = await page.locator('.opblock').count();
  await page.screenshot({ path: shots + '/explorer-docs.png' });
  // a phone
  await page.setViewportSize({ width: 390, height: 844 });
  result.widths = {};
  for (const path of ['/', '/timeline', '/search?q=killed', '/docs', '/incidents/' + incident, '/documents/' + doc]) {
    await page.goto(base + path);
    if (path === '/') await markers();
    result.widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.screenshot({ path: shots + '/phone' + path.replace(/[^a-z0-9]+/gi, '-') + '.png', fullPage: true });
  }
  result.axe = [];
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/', '/timeline', '/search?q=killed', '/incidents/' + incident, '/documents/' + doc]) {
      await page.goto(base + path);
      if (path === '/') await markers();
      result.axe.push(...await seriousViolations(path, width));
    }
  }
  console.log(JSON.stringify(result));
  await context.close();
})().catch(e => { console.error(e); process.exit(1); });
""", width=1400, arguments=("incident", "doc"))


def test_the_explorer_in_the_browser(large_store_file, tmp_path):
    missing = _browser_missing()
    if missing:
        pytest.skip(missing)
    for package in ("swagger-ui-dist", "axe-core"):
        if not (NODE_MODULES / package).is_dir():
            pytest.skip(f"{NODE_MODULES / package} is absent: run make (npm ci in web/)")
    with serving(large_store_file, env={"CORROBORATE_WEB_ASSETS": str(NODE_MODULES)}) as base:
        def every(**filters) -> list[dict]:
            items: list[dict] = []
            while True:
                page = httpx.get(base + "/api/incidents",
                                 params={**filters, "limit": 1000, "offset": len(items)}).json()
                items += page["items"]
                if len(items) >= page["total"] or not page["items"]:
                    return items

        def located(items):
            return [i for i in items if i["latitude"] is not None and i["precision"] != "unresolved"]

        recent = every(country="SY", start="2025-01-01", kind="incident")
        seeds = next(i for i in recent if len(i["claims"]) >= 2)
        script = tmp_path / "drive.js"
        script.write_text(DRIVER, encoding="utf-8")
        shots = Path(os.environ.get("CORROBORATE_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["node", str(script), base, str(shots), str(tmp_path / "profile"), CHROMIUM,
                                 json.dumps(FLAGS), seeds["id"], seeds["claims"][0]["doc"]],
                                capture_output=True, text=True, timeout=600,
                                env={**os.environ, "NODE_PATH": str(NODE_MODULES)})
        assert result.returncode == 0, result.stderr
        seen = json.loads(result.stdout.strip().splitlines()[-1])
        assert seen["outside"] == [] and seen["errors"] == []
        wanted = every(country="SY", start="2025-01-01")
        assert seen["filtered"]["markers"] == len(located(recent)) >= 4
        assert int(seen["filtered"]["count"].replace(",", "")) == len(wanted) == seen["filtered"]["rows"]
        assert seen["reloaded"]["markers"] == seen["filtered"]["markers"]
        assert "country=SY" in seen["reloaded"]["url"] and seen["reloaded"]["rows"] == seen["filtered"]["rows"]
        assert "killed" in seen["focusedLabel"] and "grade" in seen["focusedLabel"]
        assert "/incidents/" in seen["openedByKeyboard"]
        assert seen["all"] == len(located(every(kind="incident"))) > 1000
        assert f"{seen['all']:,} of" in seen["mapCount"]
        clusters = seen["clusters"]
        assert clusters["clustered"] == "true" and re.fullmatch(r"[\d,]+ incidents here: press Enter to zoom in",
                                                                clusters["label"])
        assert clusters["zooms"] == sorted(clusters["zooms"]) and len(clusters["zooms"]) >= 2
        assert clusters["zooms"][1] > clusters["zooms"][0]  # a country's cluster holds many towns: Enter zooms in
        assert "killed" in clusters["markerLabel"] and "grade" in clusters["markerLabel"]
        assert "bbox=" in seen["boxed"]["url"] and 0 < seen["boxed"]["markers"] <= seen["all"]
        assert "country=IQ" in seen["brushed"] and "end=" in seen["brushed"]
        assert "country=IQ" in seen["period"]["url"] and seen["period"]["rows"] >= 1
        assert seen["period"]["markers"] >= 1
        assert seen["operations"] >= 10
        too_wide = {path: width for path, width in seen["widths"].items() if width > 390}
        assert too_wide == {}
        assert seen["axe"] == [], f"axe-core: serious or critical WCAG 2.1 AA violations: {seen['axe']}"
