"""The built-in gazetteer's country cues are read once and kept beside it (resolve/focus.py,
_kept_cues): what a process loads is what it would read, and a change of the rules files (the
user's too) is read anew, not answered from what was kept."""
from pathlib import Path

from corroborate import rules
from corroborate.resolve import focus
from corroborate.resolve import gazetteer as gz


def kept_files() -> set[Path]:
    return set(gz.builtin_path().parent.glob(f"{gz.builtin_path().stem}-cues-*.pickle"))


def test_the_kept_cues_are_those_read(monkeypatch, tmp_path):
    first = focus.cues(gz.from_file(None))  # read, or loaded from what an earlier process kept
    [kept] = kept_files()
    assert first == focus._read_cues(gz.from_file(None))
    assert focus.cues(gz.from_file(None)) == first  # a new gazetteer (a new process's): loaded from the file

    (tmp_path / "focus.toml").write_text('[actors]\n"Frobnian Front" = "ML"\n', encoding="utf-8")
    monkeypatch.setenv("CORROBORATE_RULES", str(tmp_path))
    rules.load.cache_clear()
    focus.settings.cache_clear()
    try:
        extended = focus.cues(gz.from_file(None))
        assert extended.names["frobnian front"] == ("ML", "actor")
        assert kept_files() != {kept}  # kept under another name; the old one is let go
        assert focus.cues(gz.from_file(None)) == extended
    finally:
        monkeypatch.delenv("CORROBORATE_RULES")
        rules.load.cache_clear()
        focus.settings.cache_clear()
    again = focus.cues(gz.from_file(None))
    assert "frobnian front" not in again.names and again == first
