"""`neuvobot catalogue diff`: what an editor reviews before merging an import."""

from __future__ import annotations

import subprocess
import sys

import yaml

from tests.conftest import PROJECT

SERVICE = """
  - id: {id}
    type: library_family_services
    name: {{fi: {name}}}
    summary: {{fi: Satutunnit.}}
    areas: [turku]
    provider: {{kind: municipality, name: {{fi: Turun kaupunki}}}}
    channels:
      - kind: phone
        phone: "{phone}"
    review: needed
"""


def folder(tmp_path, name: str, files: dict[str, list[dict]]):
    root = tmp_path / name
    for file, services in files.items():
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(SERVICE.format(**s) for s in services)
        path.write_text("area: turku\nservices:" + body, encoding="utf-8")
    return root


def diff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "neuvobot", "catalogue", "diff", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
    )


A = {"id": "turku-library", "name": "Kirjasto", "phone": "02 262 0000"}
B = {"id": "turku-playgroup", "name": "Leikkipuisto", "phone": "02 262 1111"}
C = {"id": "turku-club", "name": "Kerho", "phone": "02 262 2222"}


def test_same_folders_exit_0(tmp_path):
    old = folder(tmp_path, "old", {"varsinais-suomi/turku.yaml": [A, B]})
    result = diff(old, old)
    assert result.returncode == 0
    assert "Ei muutoksia" in result.stdout


def test_added_removed_moved_and_a_changed_phone(tmp_path):
    old = folder(tmp_path, "old", {"turku.yaml": [A, B], "other.yaml": [C]})
    new_a = {**A, "phone": "02 262 9999"}
    new = folder(tmp_path, "new", {"turku.yaml": [new_a, C], "other.yaml": []})
    result = diff(old, new)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "turku-library: channels[0].phone: 02 262 0000 → 02 262 9999" in out
    assert "- poistunut palvelu turku-playgroup (Leikkipuisto)" in out
    assert "→ turku-club siirtyi tiedostosta other.yaml" in out
    assert "0 uutta, 1 poistunutta, 1 siirtynyttä ja 1 muuttunutta" in out
    added = folder(tmp_path, "added", {"turku.yaml": [A, B, {**C, "id": "turku-new"}]})
    assert (
        "+ uusi palvelu turku-new (Kerho)"
        in diff(folder(tmp_path, "o2", {"turku.yaml": [A, B]}), added).stdout
    )


def test_in_swedish_and_english(tmp_path):
    old = folder(tmp_path, "old", {"turku.yaml": [A]})
    new = folder(tmp_path, "new", {"turku.yaml": [A, B]})
    assert "+ ny tjänst turku-playgroup" in diff(old, new, "--lang", "sv").stdout
    assert "+ new service turku-playgroup" in diff(old, new, "--lang", "en").stdout


def test_a_broken_file_is_one_sentence_with_file_and_line(tmp_path):
    old = folder(tmp_path, "old", {"turku.yaml": [A]})
    new = folder(tmp_path, "new", {"turku.yaml": [A]})
    (new / "turku.yaml").write_text("area: turku\nservices:\n  - id: [unclosed\n", encoding="utf-8")
    result = diff(old, new)
    assert result.returncode == 2
    assert "turku.yaml" in result.stdout and "rivi" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert diff(old, tmp_path / "missing").returncode == 2


def test_editor_texts_have_the_same_keys_in_every_language():
    texts = PROJECT / "neuvobot" / "catalogue" / "texts"
    keys = [
        set(yaml.safe_load((texts / f"{lang}.yaml").read_text("utf-8")))
        for lang in ("fi", "sv", "en")
    ]
    assert keys[0] == keys[1] == keys[2]
