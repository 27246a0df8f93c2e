"""The static website: every published brief with listings, actors, questions, feed and search."""

from briefgen.site.build import FORMATS, BuildReport, build_site, parse_formats
from briefgen.site.collect import SiteModel, Withheld, collect_site, is_publishable

__all__ = [
    "FORMATS",
    "BuildReport",
    "SiteModel",
    "Withheld",
    "build_site",
    "collect_site",
    "is_publishable",
    "parse_formats",
]
