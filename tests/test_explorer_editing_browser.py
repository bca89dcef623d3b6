"""An editor merges two incidents in the page, in headless Chromium (npm playwright-core) against
a live server: logs in with a token, fills the incident page's merge form with a reason, and
the page's audit shows the merge and the reason. The login and editing pages stay clean under
axe-core (no serious or critical WCAG 2.1 AA violation) at 1400 px and 390 px, and nothing is
fetched from outside the server. Screenshots are kept as test artifacts."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
import pytest

from conftest import ROOT
from live_server import serving
from test_explorer_editing import store_file  # noqa: F401 (the two reports of one shelling, and the tokens)
from test_pages import CHROMIUM, FLAGS, NODE_MODULES, _browser_missing, browser_script

pytestmark = pytest.mark.slow

DRIVER = browser_script(r"""  const result = { outside, errors };
  await page.goto(base + '/incidents/' + keep);
  result.formsBefore = await page.locator('#merge-form').count();
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(base + '/incidents/' + keep, { timeout: 15000 });  // back where the editor was
  result.header = await page.locator('header').innerText();
  await page.getByLabel('Incident id to merge in').fill(absorb);
  await page.getByLabel('Reason').first().fill('one shelling, told twice');
  await page.screenshot({ path: shots + '/editing-merge-form.png', fullPage: true });
  await page.getByRole('button', { name: 'Merge' }).click();
  await page.waitForURL('**/incidents/' + keep + '#audit', { timeout: 15000 });
  result.audit = await page.locator('#audit').innerText();
  result.history = await page.locator('#history').innerText();
  await page.screenshot({ path: shots + '/editing-merged.png', fullPage: true });
  result.axe = [];
  result.widths = {};
  for (const width of [1400, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/incidents/' + keep, '/login', '/search?q=Aleppo']) {
      await page.goto(base + path);
      if (width === 390) result.widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
      result.axe.push(...await seriousViolations(path, width));
    }
  }
  console.log(JSON.stringify(result));
  await context.close();
})().catch(e => { console.error(e); process.exit(1); });
""", width=1400, arguments=("keep", "absorb", "token"))


def test_an_editor_merges_two_incidents_in_the_page(store_file, tmp_path):  # noqa: F811
    missing = _browser_missing()
    if missing:
        pytest.skip(missing)
    if not (NODE_MODULES / "axe-core").is_dir():
        pytest.skip(f"{NODE_MODULES / 'axe-core'} is absent: run make (npm ci in web/)")
    db, made = store_file
    with serving(db) as base:
        incidents = httpx.get(base + "/api/incidents").json()["items"]
        by_doc = {c["doc"]: i["id"] for i in incidents for c in i["claims"]}
        keep, absorb = by_doc["aleppo-shelling"], by_doc["aleppo-followup"]
        assert keep != absorb
        script = tmp_path / "drive.js"
        script.write_text(DRIVER, encoding="utf-8")
        shots = Path(os.environ.get("CORROBORATE_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["node", str(script), base, str(shots), str(tmp_path / "profile"), CHROMIUM,
                                 json.dumps(FLAGS), keep, absorb, made["editor"]],
                                capture_output=True, text=True, timeout=300,
                                env={**os.environ, "NODE_PATH": str(NODE_MODULES)})
        assert result.returncode == 0, result.stderr
        seen = json.loads(result.stdout.strip().splitlines()[-1])
        after = {i["id"] for i in httpx.get(base + "/api/incidents").json()["items"]}
    assert seen["outside"] == [] and seen["errors"] == []
    assert seen["formsBefore"] == 0  # nobody logged in: no forms
    assert "editor-person (editor)" in seen["header"]
    assert "merge" in seen["audit"] and "one shelling, told twice" in seen["audit"] and "editor-person" in seen["audit"]
    assert "merge" in seen["history"].lower()
    assert absorb not in after and keep in after
    assert {path: width for path, width in seen["widths"].items() if width > 390} == {}
    assert seen["axe"] == [], f"axe-core: serious or critical WCAG 2.1 AA violations: {seen['axe']}"
