"""Every rules file honours CORROBORATE_RULES: a file of the same name in that folder extends
the shipped one (lists grow, values are replaced), with no change to the code."""
from __future__ import annotations

import pytest

from corroborate import fold, profiles, rules
from corroborate.clean import plain
from corroborate.reconcile.rules import rules as reconcile_rules
from corroborate.resolve import geocoder

# (file, its extension, the loader whose cache holds it, what the extension must change)
EXTENSIONS = [
    ("chrome.toml", 'line = ["brought to you by zedland news"]', plain.chrome_rules,
     lambda: plain.chrome_rules()[1].fullmatch("brought to you by zedland news") is not None),
    ("fold.toml", 'articles = { latin = ["zz"] }', fold.rules,
     lambda: "zz" in fold.rules().articles and fold.fold("Zz Vale") == fold.fold("Vale")),
    ("geocoder.toml", 'aliases = { "Zedland Republic" = "Zedland" }', geocoder.settings,
     lambda: geocoder.settings().aliases.get(fold.fold("Zedland Republic")) == "Zedland"),
    ("rules.toml", 'night = { cues = ["in the small hours"] }', reconcile_rules,
     lambda: "in the small hours" in reconcile_rules().night),
    ("profiles.toml", 'acled = { vague = { "dozens" = 24 } }', profiles.acled_rules,
     lambda: 24 in profiles.acled_rules().vague.values()),
]


@pytest.fixture
def extending(tmp_path, monkeypatch):
    """Put a rules file in a CORROBORATE_RULES folder; the caches are emptied before and after."""
    loaders = [rules.load, fold.rules, *(loader for _, _, loader, _ in EXTENSIONS)]

    def clear():
        for loader in loaders:
            loader.cache_clear()

    def extend(name: str, text: str) -> None:
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
        monkeypatch.setenv(rules.EXTRA_RULES_ENV, str(tmp_path))
        clear()
    yield extend
    monkeypatch.delenv(rules.EXTRA_RULES_ENV, raising=False)
    clear()


@pytest.mark.parametrize("name, text, loader, changed", EXTENSIONS, ids=[e[0] for e in EXTENSIONS])
def test_each_rules_file_is_extended_by_corroborate_rules(extending, name, text, loader, changed):
    loader.cache_clear()
    assert not changed(), f"{name}: the shipped rules already say it; the test proves nothing"
    extending(name, text)
    assert changed()


def test_an_extended_folding_is_a_new_version_so_stored_keys_are_rebuilt(extending):
    shipped = fold.rules().version
    extending("fold.toml", 'articles = { latin = ["zz"] }')
    assert fold.rules().version != shipped
