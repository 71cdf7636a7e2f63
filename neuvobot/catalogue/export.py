"""The catalogue as JSON: one object per service, with the municipalities it serves."""

from __future__ import annotations

from typing import Any

from neuvobot.catalogue.loader import Catalogue
from neuvobot.catalogue.model import LANGS, Service


def _texts(text: Any) -> dict[str, str]:
    if text is None:
        return {}
    return {lang: value for lang, value in text.items()}


def export_service(catalogue: Catalogue, service: Service) -> dict[str, Any]:
    return {
        "id": service.id,
        "type": service.type,
        "name": _texts(service.name),
        "summary": _texts(service.summary),
        "description": _texts(service.description),
        "keywords": {
            lang: service.keywords.get(lang) for lang in LANGS if service.keywords.get(lang)
        },
        "target_groups": [g.value for g in service.target_groups],
        "languages": service.languages,
        "cost": service.cost.value if service.cost else None,
        "provider": {"kind": service.provider.kind.value, "name": _texts(service.provider.name)},
        "areas": service.areas,
        "serves": sorted(catalogue.serves(service)),
        "channels": [
            channel.model_dump(mode="json", exclude_none=True, by_alias=True)
            for channel in service.channels
        ],
        "source": service.source,
        "reviewed": service.reviewed.isoformat() if service.reviewed else None,
        "review_needed": service.needs_review,
    }


def export_services(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [export_service(catalogue, s) for s in catalogue.services]
