"""The static website: every published brief with listings, actors, questions, feed and search."""

from briefgen.policy import is_publishable
from briefgen.render.build import FORMATS
from briefgen.site.build import build_site, parse_formats
from briefgen.site.collect import SiteModel, Withheld, collect_site
from briefgen.site.report import BuildReport

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
