"""The terminal chat, driven through stdin like a person typing, over the real core and database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

from tests.conftest import SHIPPED_CATALOGUE


def run(args: list[str], stdin: str, tmp_path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEUVOBOT_DB": str(tmp_path / "console.sqlite3"),
        "NEUVOBOT_CATALOGUE": str(SHIPPED_CATALOGUE),
    }
    return subprocess.run(
        [sys.executable, "-m", "neuvobot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=180,
    )


def test_console_chat_from_greeting_to_cards(tmp_path):
    result = run(["console"], "jyväskylässä\nperheneuvola jonottaa\n1\n/photo\n", tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Missä kunnassa asut?" in out
    assert "Jyväskylä" in out
    assert "[1] Lisää tuloksia" in out  # buttons as numbered choices
    assert "Lisää vaihtoehtoja" in out or "Muita sopivia palveluja ei löytynyt" in out
    assert "Ymmärrän vain tekstiä" in out
    assert "Traceback" not in result.stderr


def test_console_keeps_the_conversation_in_the_database(tmp_path):
    run(["console", "--municipality", "turku", "--lang", "en"], "help with day care\n", tmp_path)
    db = sqlite3.connect(tmp_path / "console.sqlite3")
    texts = [row[0] for row in db.execute("SELECT text FROM messages WHERE direction = 'in'")]
    assert "help with day care" in texts
    assert db.execute("SELECT municipality, lang FROM users").fetchall() == [("turku", "en")]


def test_console_rejects_unknown_municipality_clearly(tmp_path):
    result = run(["console", "--municipality", "turkku"], "", tmp_path)
    assert result.returncode == 2
    assert "Did you mean 'turku'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_ask_json_contract(tmp_path):
    result = run(["ask", "--municipality", "salo", "--json", "lapsi ei hengitä"], "", tmp_path)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"urgent", "services", "offers_nurse", "text"}
    assert answer["urgent"] is True
    assert answer["text"].splitlines()[0].find("112") >= 0


def test_ask_batch_one_line_out_per_line_in_with_errors_in_place(tmp_path):
    lines = [
        {"municipality": "turku", "q": "päiväkotipaikka", "lang": "fi"},
        "not json",
        {"municipality": "atlantis", "q": "x"},
        {"municipality": "laukaa", "q": "divorce help for kids", "lang": "en"},
    ]
    stdin = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    result = run(["ask", "--batch", "-"], stdin, tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["services"] and out[0]["urgent"] is False
    assert "error" in out[1] and "error" in out[2] and "atlantis" in out[2]["error"]
    assert out[3]["services"]


def test_nurse_without_a_config_says_where_teams_come_from(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "neuvobot", "nurse", "--team", "varha"],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # no config.yaml here
        timeout=60,
    )
    assert result.returncode == 2
    assert "nurse_teams" in result.stderr and "--config" in result.stderr
    assert "Traceback" not in result.stderr


def test_municipality_option_takes_names_as_people_write_them():
    for written, shown in (("Åbo", "Turku"), ("Kemiönsaari", "Kemiönsaari"), ("jkl", "Jyväskylä")):
        result = subprocess.run(
            [sys.executable, "-m", "neuvobot", "ask", "--municipality", written, "neuvola"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert shown in result.stdout
