"""Write imported entries as catalogue YAML files in the layout the loader expects.

One file per area, as in `catalogue/`: `national.yaml`, `<region>/region.yaml` and
`<region>/<municipality>.yaml`. An entry serving several municipalities of one region goes
to that region's file with its own `areas:`; one spanning regions goes to national.yaml.
Keys keep the editors' order; each entry starts with a comment saying where it came from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from neuvobot.catalogue.loader import NATIONAL
from neuvobot.catalogue.municipalities import MUNICIPALITIES, REGION_NAMES
from neuvobot.catalogue.ptv.convert import Entry


class OutputError(Exception):
    """The output directory cannot take the files; the message is one sentence."""


class _Flow(dict):
    """A short mapping written on one line, as editors write hours rules."""


class _FlowList(list):
    """A list of short words written on one line: `[fi, sv]`."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as the shipped catalogue files do.
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # editors should see every value where it applies, not &id001 / *id001


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # Descriptions with paragraphs read best as a literal block.
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(
    _FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)
_Dumper.add_representer(
    _Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)
)


def relative_path(area: str) -> Path:
    if area == NATIONAL:
        return Path("national.yaml")
    if area.startswith("region:"):
        return Path(area.removeprefix("region:")) / "region.yaml"
    return Path(MUNICIPALITIES[area].region_slug) / f"{area}.yaml"


def _area_title(area: str) -> str:
    if area == NATIONAL:
        return "National services"
    if area.startswith("region:"):
        return f"Region-wide services of {REGION_NAMES[area.removeprefix('region:')]}"
    return f"Services of {MUNICIPALITIES[area].fi}"


def _flow_rules(service: dict[str, Any]) -> dict[str, Any]:
    """The same entry with word lists and hours rules marked for one-line writing."""
    service = dict(service)
    for key in ("target_groups", "languages", "areas"):
        if key in service:
            service[key] = _FlowList(service[key])
    if "keywords" in service:
        service["keywords"] = {k: _FlowList(v) for k, v in service["keywords"].items()}
    channels = []
    for channel in service.get("channels", []):
        hours = channel.get("hours")
        if isinstance(hours, dict):
            hours = dict(hours)
            for key in ("weekly", "exceptions"):
                if key in hours:
                    hours[key] = [_Flow(rule) for rule in hours[key]]
            channel = {**channel, "hours": hours}
        channels.append(channel)
    return {**service, "channels": channels} if "channels" in service else service


def render(area: str, entries: list[Entry], source_names: list[str], today: dt.date) -> str:
    lines = [
        f"# {_area_title(area)}, imported from the national service catalogue",
        f"# (PTV) by `neuvobot catalogue import-ptv` on {today.isoformat()} from "
        f"{', '.join(source_names)}.",
        "# Every entry is `review: needed`: check the details, fill in what was left out,",
        "# then replace `review: needed` with `reviewed: YYYY-MM-DD`.",
        f"area: {area}",
        "services:",
    ]
    for number, entry in enumerate(entries):
        if number:
            lines.append("")
        body = dict(entry.service)
        if body.get("areas") == [area]:
            del body["areas"]  # the file's `area:` says it
        lines += [f"  # {comment}" for comment in entry.comments]
        text = yaml.dump(
            [_flow_rules(body)],
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=100,
            default_flow_style=False,
        )
        lines += [f"  {line}" if line.strip() else "" for line in text.rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def write_catalogue(
    out: Path, entries: list[Entry], source_names: list[str], today: dt.date
) -> list[Path]:
    """Write every file; refuse before writing anything if one of them already exists."""
    by_area: dict[str, list[Entry]] = {}
    for entry in entries:
        by_area.setdefault(entry.file_area, []).append(entry)
    targets = {area: out / relative_path(area) for area in sorted(by_area)}
    for path in targets.values():
        if path.exists():
            raise OutputError(
                f"{path} already exists: import into an empty directory and merge by hand."
            )
    written = []
    for area, path in targets.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(area, by_area[area], source_names, today), encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{path}: cannot be written ({exc.strerror}).") from exc
        written.append(path)
    return written
