"""The stable command-line contracts editors and benchmarks rely on."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.catalogue.test_loader import VALID
from tests.conftest import PROJECT


def neuvobot(*args: str, cwd=PROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "neuvobot", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_check_lists_every_problem_and_exits_1(make_catalogue):
    root = make_catalogue(
        {
            "a.yaml": VALID.replace("library_family_services", "nope"),
            "b.yaml": VALID.replace("turku-library", "b-lib").replace('"+358 2 262 0624"', '"12"'),
        }
    )
    result = neuvobot("catalogue", "check", str(root))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(
        "a.yaml:4: turku-library.type: unknown service type 'nope': "
        "use an id from service-types.yaml"
    )
    assert "b.yaml:10: b-lib.channels[0].phone:" in lines[1]
    assert "2 problem(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_summarises_a_good_catalogue(make_catalogue):
    root = make_catalogue({"varsinais-suomi/turku.yaml": VALID})
    result = neuvobot("catalogue", "check", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 1 services")
    assert "library_family_services" in result.stdout
    assert "Entries marked `review: needed`: 1" in result.stdout


def test_export_json_shape(make_catalogue):
    text = VALID.replace(
        "    review: needed", "    areas: [region:keski-suomi]\n    review: needed"
    )
    root = make_catalogue({"t.yaml": text})
    result = neuvobot("catalogue", "export", "--json", "--dir", str(root))
    assert result.returncode == 0, result.stderr
    [service] = json.loads(result.stdout)
    assert service["id"] == "turku-library"
    assert service["type"] == "library_family_services"
    assert service["name"] == {"fi": "Turun kaupunginkirjasto", "sv": "Åbo stadsbibliotek"}
    assert service["summary"]["fi"] == "Satutunnit ja lastenkirjat."
    assert service["provider"]["kind"] == "municipality"
    assert len(service["serves"]) == 22 and "jyvaskyla" in service["serves"]
    phone = service["channels"][0]
    assert phone["kind"] == "phone" and phone["phone"] == "+358 2 262 0624"
    assert phone["hours"]["weekly"][0]["days"] == "mon-fri"


def test_unknown_command_is_a_usage_message_not_a_traceback():
    result = neuvobot("catalogue", "frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "usage" in result.stderr


def test_pipes_devices_and_outside_links_are_not_read(make_catalogue, tmp_path):
    """Issue 15, items 7 and 8: a FIFO named *.yaml hung start-up, a link to /dev/zero ate
    memory, and a link out of the folder put another file's contents in the output."""
    import os

    root = make_catalogue({"varsinais-suomi/turku.yaml": VALID})
    os.mkfifo(root / "varsinais-suomi" / "pipe.yaml")
    (root / "varsinais-suomi" / "zero.yaml").symlink_to("/dev/zero")
    outside = tmp_path / "private.yaml"
    outside.write_text("services:\n  - id: x\n    name: salaista-tekstia-ulkopuolelta\n")
    (root / "varsinais-suomi" / "outside.yaml").symlink_to(outside)
    result = neuvobot("catalogue", "check", str(root))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any("pipe.yaml:1:" in line and "not a regular file" in line for line in lines)
    assert any("zero.yaml:1:" in line and "not a regular file" in line for line in lines)
    assert any("outside.yaml:1:" in line and "outside the catalogue" in line for line in lines)
    assert "salaista-tekstia" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_yaml_alias_bomb_is_one_problem_line_not_gigabytes(make_catalogue):
    """Issue 15, item 5: 600 bytes of nested aliases in `keywords` reached 6.4 GB."""
    bomb = ["services:", "  - id: bomb", "    type: library_family_services", "    keywords:"]
    bomb.append('      fi: &a0 ["x","x","x","x","x","x","x","x","x"]')
    for n in range(1, 10):
        bomb.append(f"      k{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]")
    root = make_catalogue({"varsinais-suomi/turku.yaml": VALID, "bomb.yaml": "\n".join(bomb)})
    result = neuvobot("catalogue", "check", str(root))
    assert result.returncode == 1
    problem = [line for line in result.stdout.splitlines() if "bomb.yaml" in line]
    assert len(problem) == 1 and "aliases" in problem[0] and len(problem[0]) < 300
    assert "Traceback" not in result.stderr
