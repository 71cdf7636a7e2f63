"""`neuvobot catalogue import-ptv --api`: the real process against a fake PTV API on
127.0.0.1 serving the real-shaped fixtures; no test touches the internet."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.fakes.ptv_api import FakePtvApi

FIXTURES = PROJECT / "tests" / "fixtures" / "ptv"
TODAY = "2026-11-30"


def neuvobot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "neuvobot", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=120,
    )


def import_ptv(*args: str) -> subprocess.CompletedProcess[str]:
    return neuvobot("catalogue", "import-ptv", *args, "--today", TODAY)


@pytest.fixture
def api():
    fake = FakePtvApi.from_files(FIXTURES / "services-page.json", FIXTURES / "channels.json")
    base = fake.start()
    yield fake, base
    fake.stop()


def yaml_files(root: Path) -> dict[str, list[str]]:
    """Each written YAML file without its comment lines (they name where it came from)."""
    return {
        p.relative_to(root).as_posix(): [
            line
            for line in p.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")
        ]
        for p in sorted(root.rglob("*.yaml"))
    }


def test_the_api_gives_the_same_catalogue_as_the_files(api, tmp_path):
    fake, base = api
    from_files = import_ptv(
        FIXTURES / "services-page.json", FIXTURES / "channels.json", "--out", tmp_path / "files"
    )
    assert from_files.returncode == 0, from_files.stderr
    from_api = import_ptv("--api", base, "--all", "--out", tmp_path / "api")
    assert from_api.returncode == 0, from_api.stderr
    assert "Traceback" not in from_api.stderr
    assert yaml_files(tmp_path / "api") == yaml_files(tmp_path / "files")
    assert yaml_files(tmp_path / "api")  # something was imported
    pages = [r for r in fake.requests if "/Service/list/" in r]
    assert all("includeWholeCountry=true" in r for r in pages)
    assert any("page=2" in r for r in pages), "a municipality with more than a page is paged"


def test_one_municipality_or_one_region(api, tmp_path):
    fake, base = api
    turku = import_ptv("--api", base, "--municipality", "turku", "--out", tmp_path / "turku")
    assert turku.returncode == 0, turku.stderr
    asked = {r.split("/code/")[1].split("?")[0] for r in fake.requests if "/code/" in r}
    assert asked == {"853"}
    region = import_ptv("--api", base, "--region", "keski-suomi", "--out", tmp_path / "ks")
    assert region.returncode == 0, region.stderr
    assert (tmp_path / "ks" / "keski-suomi").is_dir()


def test_429s_are_waited_out(api, tmp_path):
    fake, base = api
    fake.throttle = 3
    result = import_ptv("--api", base, "--municipality", "turku", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert len(fake.requests) > 3


def test_a_killed_run_resumes_where_it_stopped(api, tmp_path):
    fake, base = api
    fake.hang_after = 5
    args = ["--api", base, "--region", "varsinais-suomi", "--out", tmp_path / "out"]
    first = subprocess.Popen(
        [sys.executable, "-m", "neuvobot", "catalogue", "import-ptv", *map(str, args)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(fake.requests) <= 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.kill()  # SIGKILL mid-run, as a crash or a closed laptop would
    first.wait(10)
    done_before = set(fake.requests[:5])
    fake.hang_after = None
    fake.requests.clear()
    second = import_ptv(*args)
    assert second.returncode == 0, second.stderr
    assert not done_before & set(fake.requests), "what was fetched is not asked again"
    assert (tmp_path / "out" / "varsinais-suomi").is_dir()


def test_an_api_that_refuses_stops_with_one_sentence(api, tmp_path):
    fake, base = api
    fake.fail_after = 0
    result = import_ptv("--api", base, "--municipality", "turku", "--out", tmp_path / "out")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "400" in lines[0] and "--api BASE" in lines[0], result.stderr


def test_channels_are_asked_at_most_100_at_a_time(tmp_path):
    services = json.loads((FIXTURES / "services-page.json").read_text(encoding="utf-8"))
    channels = json.loads((FIXTURES / "channels.json").read_text(encoding="utf-8"))
    phone = next(c for c in channels if c["serviceChannelType"] == "Phone")
    many = []
    for i in range(150):
        clone = copy.deepcopy(phone)
        clone["id"] = f"d0000000-0000-4000-8000-{i:012d}"
        many.append(clone)
    turku = copy.deepcopy(next(s for s in services["itemList"] if s["id"].endswith("0001")))
    turku["serviceChannels"] = [{"serviceChannel": {"id": c["id"]}} for c in many]
    fake = FakePtvApi([turku], many)
    base = fake.start()
    try:
        result = import_ptv("--api", base, "--municipality", "turku", "--out", tmp_path / "out")
    finally:
        fake.stop()
    assert result.returncode == 0, result.stderr
    batches = [r for r in fake.requests if "ServiceChannel/list" in r]
    assert len(batches) == 2


def test_api_needs_exactly_one_of_municipality_region_all(tmp_path):
    result = import_ptv("--api", "http://127.0.0.1:9/api", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "--municipality" in result.stderr and "Traceback" not in result.stderr
