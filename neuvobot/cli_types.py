"""argparse types shared by the commands (`cli.py` and the feature commands it registers),
below all of them so that no command imports `cli.py` back."""

from __future__ import annotations

import argparse


def municipality_arg(slug: str) -> str:
    """argparse type for --municipality: a known slug, or an error with a hint."""
    from neuvobot.catalogue.municipalities import unknown_municipality
    from neuvobot.conversation.municipality_match import match_municipality

    # "Turku", "Åbo", "Kemiönsaari", "tku" as families and staff write them
    exact = [m for m in match_municipality(slug) if m.exact]
    if exact:
        return exact[0].slug
    problem = unknown_municipality(slug)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return slug
