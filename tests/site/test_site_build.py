"""Building the site: contents, publication policy, links, feed, sitemap, incremental builds."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from site_helpers import MARKER, TODAY, all_bytes, build, config_for, make_project

from briefgen.site import build_site
from briefgen.site.search import shard_of

PAGES = {
    "index.html",
    "404.html",
    "topics/index.html",
    "topics/baltic/index.html",
    "topics/china/index.html",
    "topics/north-korea/index.html",
    "topics/russia-ukraine-war/index.html",
    "actors/index.html",
    "questions/index.html",
    "briefs/dprk-troops-kursk/index.html",
    "briefs/baltic-cables/index.html",
}
LINK = re.compile(r'(?:href|src)="([^"]*)"')


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_site_has_every_kind_of_page(built_site: Path) -> None:
    made = {p.relative_to(built_site).as_posix() for p in html_pages(built_site)}
    assert made >= PAGES
    assert "actors/united-states/index.html" in made
    for name in ("feed.xml", "sitemap.xml", "robots.txt", "assets/site.css", "assets/brief.css"):
        assert (built_site / name).is_file(), name
    folder = built_site / "briefs" / "dprk-troops-kursk"
    assert (folder / "dprk-troops-kursk.md").is_file()
    assert (folder / "dprk-troops-kursk.json").is_file()
    assert not (folder / "dprk-troops-kursk.pdf").exists()  # not asked for
    shards = json.loads((built_site / "pagefind" / "shards.json").read_text())
    assert shards == sorted({shard_of("baltic-cables"), shard_of("dprk-troops-kursk")})
    assert all((built_site / "pagefind" / name / "pagefind.js").is_file() for name in shards)


def test_home_lists_briefs_newest_first_with_stale_badge(built_site: Path) -> None:
    home = (built_site / "index.html").read_text()
    baltic = home.index("Damaged cables in the Baltic Sea")
    kursk = home.index("North Korean troops in Russia")
    assert baltic < kursk
    assert home.count("badge-stale") == 1
    assert home.index("badge-stale") > baltic
    assert "TLP:CLEAR" in home
    assert "Bottom" not in home and "[@" not in home  # BLUF without raw citation marks
    assert "nearly 8,000" in home


def test_brief_page_uses_site_layout_and_links_downloads(built_site: Path) -> None:
    page = (built_site / "briefs/dprk-troops-kursk/index.html").read_text()
    assert 'id="search-input"' in page
    assert 'href="dprk-troops-kursk.md"' in page
    assert 'href="dprk-troops-kursk.json"' in page
    assert "dprk-troops-kursk.pdf" not in page
    assert 'href="../../assets/brief.css"' in page
    assert "data-pagefind-body" in page


def test_actor_page_shows_positions_of_affiliated_people(built_site: Path) -> None:
    page = (built_site / "actors/united-states/index.html").read_text()
    assert "legitimate military targets" in page
    assert "Washington is following the investigation closely." in page
    assert page.index("Damaged cables") < page.index("North Korean troops")
    assert "../../briefs/dprk-troops-kursk/index.html#position-blinken-more-aid" in page


def test_questions_board_lists_open_and_resolved(built_site: Path) -> None:
    page = (built_site / "questions/index.html").read_text()
    open_part, resolved_part = page.split('id="resolved-title"')
    assert "Will North Korean troops fight" in open_part
    assert "Roughly even chance" in open_part
    assert "Anchor drag marks" in open_part
    assert "Was the first cable repaired?" in resolved_part


def test_every_internal_link_is_relative_and_resolves(built_site: Path) -> None:
    for page in html_pages(built_site):
        for target in LINK.findall(page.read_text()):
            if target.startswith(("https://", "http://", "mailto:", "#", "data:")):
                continue
            assert not target.startswith("/"), f"{page}: absolute link {target}"
            path = target.split("#")[0]
            resolved = (page.parent / path).resolve()
            assert resolved.exists(), f"{page.relative_to(built_site)}: broken link {target}"


def test_no_restricted_marker_anywhere_in_output(built_site: Path) -> None:
    hits = []
    files = [p for p in built_site.rglob("*") if p.is_file()]
    assert any("pf_fragment" in p.name for p in files)
    for path in files:
        data = all_bytes(path)
        if MARKER.encode() in data or MARKER.lower().encode() in data or b"secret-amber" in data:
            hits.append(path)
    assert hits == []


def test_search_index_holds_public_briefs(built_site: Path) -> None:
    fragments = b"".join(all_bytes(p) for p in (built_site / "pagefind").rglob("*.pf_fragment"))
    assert b"Baltic" in fragments
    assert b"Kursk" in fragments


def test_include_restricted_marks_every_page_that_shows_it(project: Path) -> None:
    report = build(project, include_restricted=True)
    assert report.withheld == []
    site = project / "site"
    page = (site / "briefs/secret-amber/index.html").read_text()
    assert MARKER in page
    assert 'class="site-marking marking-amber"' in page
    assert f"Hideout {MARKER}" in (site / "map/index.html").read_text()
    for shown in (
        "index.html",
        "topics/china/index.html",
        "actors/china/index.html",
        "map/index.html",
    ):
        assert "site-marking marking-amber" in (site / shown).read_text(), shown
    assert "site-marking" not in (site / "topics/baltic/index.html").read_text()
    assert "Disallow: /" in (site / "robots.txt").read_text()
    assert "[TLP:AMBER]" in (site / "feed.xml").read_text()
    # Back to a public build: every restricted file disappears.
    build(project)
    assert not (site / "briefs/secret-amber").exists()
    assert not any(MARKER.encode() in all_bytes(p) for p in site.rglob("*") if p.is_file())


def test_feed_is_valid_atom_with_absolute_urls(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    links = [entry.link for entry in feed.entries]
    assert links == [
        "https://example.org/briefs/briefs/baltic-cables/",
        "https://example.org/briefs/briefs/dprk-troops-kursk/",
    ]
    assert feed.entries[0].updated == "2024-11-19T00:00:00Z"
    assert "Bulk" not in feed.entries[0].summary and "[@" not in feed.entries[0].summary


def test_sitemap_lists_exactly_the_published_pages(built_site: Path) -> None:
    tree = ET.parse(built_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {el.text or "" for el in tree.getroot().findall("s:url/s:loc", ns)}
    base = "https://example.org/briefs/"
    expected = set()
    for page in html_pages(built_site):
        rel = page.relative_to(built_site).as_posix()
        if rel != "404.html":
            expected.add(base + ("" if rel == "index.html" else rel))
    assert locs == expected


def test_output_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        make_project(folder)
        build(folder, search=False)
    names = sorted(
        p.relative_to(first / "site") for p in (first / "site").rglob("*") if p.is_file()
    )
    for name in names:
        assert (first / "site" / name).read_bytes() == (second / "site" / name).read_bytes(), name


def test_second_build_renders_nothing(project: Path) -> None:
    build(project)
    again = build(project)
    assert again.rendered == []
    assert again.indexed is None  # search index kept


def test_changed_brief_rerenders_its_page_and_listings(project: Path) -> None:
    build(project)
    path = project / "briefs" / "baltic-cables.yaml"
    path.write_text(path.read_text().replace("Two data cables", "Three data cables"))
    report = build(project)
    rendered = set(report.rendered)
    assert "briefs/baltic-cables/index.html" in rendered
    assert "briefs/baltic-cables/baltic-cables.md" in rendered
    assert {"index.html", "topics/baltic/index.html", "topics/china/index.html"} <= rendered
    assert "briefs/dprk-troops-kursk/index.html" not in rendered
    assert "topics/north-korea/index.html" not in rendered
    assert "actors/ukraine/index.html" not in rendered
    same_shard = shard_of("baltic-cables") == shard_of("dprk-troops-kursk")
    assert report.indexed == (2 if same_shard else 1)  # only the changed brief's shard
    assert "Three data cables" in (project / "site/index.html").read_text()


def test_removed_output_file_is_rebuilt(project: Path) -> None:
    build(project)
    page = project / "site" / "actors" / "china" / "index.html"
    page.unlink()
    report = build(project)
    assert report.rendered == ["actors/china/index.html"]
    assert page.is_file()


def test_deleted_brief_disappears(project: Path) -> None:
    build(project)
    (project / "briefs" / "baltic-cables.yaml").unlink()
    report = build(project)
    site = project / "site"
    assert not (site / "briefs/baltic-cables").exists()
    assert not (site / "topics/baltic").exists()
    assert "briefs/baltic-cables/index.html" in report.deleted
    assert "Baltic" not in (site / "index.html").read_text()


def test_template_change_rerenders_pages(project: Path) -> None:
    build(project)
    overrides = project / "templates"
    (overrides / "site").mkdir(parents=True)
    card = Path(__file__).resolve().parents[2] / "templates/site/_card.html.j2"
    (overrides / "site/_card.html.j2").write_text(card.read_text() + "<!-- custom card -->\n")
    toml = project / "briefgen.toml"
    toml.write_text(toml.read_text() + 'templates = "templates"\n')
    report = build(project)
    assert "index.html" in report.rendered
    assert "<!-- custom card -->" in (project / "site/index.html").read_text()


def test_clean_rebuilds_everything_and_keeps_files_it_did_not_write(project: Path) -> None:
    build(project)
    stray = project / "site" / "old.html"
    stray.write_text("old")
    made = project / "site" / "briefs" / "baltic-cables" / "index.html"
    (project / "briefs" / "baltic-cables.yaml").unlink()
    report = build(project, clean=True)
    assert "index.html" in report.rendered
    assert stray.read_text() == "old"  # not in the manifest: not briefgen's to delete
    assert not made.exists()  # briefgen wrote it, and no brief makes it any more


def test_invalid_brief_is_reported_and_others_build(project: Path) -> None:
    (project / "briefs" / "broken.yaml").write_text("schema: 1\ntitle: Broken\n")
    report = build(project)
    assert not report.ok
    assert any("broken.yaml" in f.file for f in report.errors)
    assert (project / "site/briefs/baltic-cables/index.html").is_file()


@pytest.mark.slow
def test_pdfs_build_in_parallel_and_one_failure_is_reported(project: Path) -> None:
    """A template override breaks the PDF of one brief; the others still build."""
    builtin = Path(__file__).resolve().parents[2] / "templates/brief.html.j2"
    overrides = project / "templates"
    overrides.mkdir()
    text = builtin.read_text()
    (overrides / "brief.html.j2").write_text(
        '{% if brief.id == "baltic-cables" %}{{ no_such_name }}{% endif %}\n' + text
    )
    toml = project / "briefgen.toml"
    toml.write_text(toml.read_text() + 'templates = "templates"\n')
    report = build_site(
        project / "briefs",
        project / "site",
        config=config_for(project),
        today=TODAY,
        formats=("html", "pdf"),
        jobs=2,
    )
    assert [f.output for f in report.failures] == ["briefs/baltic-cables/baltic-cables.pdf"]
    assert "baltic-cables.yaml" in report.failures[0].source
    pdf = project / "site/briefs/dprk-troops-kursk/dprk-troops-kursk.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    # The failed PDF is retried on the next build; the good one is not rebuilt.
    shutil.copy(builtin, overrides / "brief.html.j2")
    again = build_site(
        project / "briefs",
        project / "site",
        config=config_for(project),
        today=TODAY,
        formats=("html", "pdf"),
        jobs=2,
    )
    assert again.failures == []
    assert "briefs/baltic-cables/baltic-cables.pdf" in again.rendered


def test_worker_processes_give_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big builds validate and render in worker processes; the output must not change."""
    from site_helpers import GREEN_QUIET

    monkeypatch.setattr("briefgen.site.engine.pool.MIN_PARALLEL", 48)
    sites = []
    for jobs in (1, 2):
        folder = tmp_path / f"jobs{jobs}"
        make_project(folder, amber=False)
        for i in range(60):
            text = GREEN_QUIET.replace("id: baltic-cables", f"id: baltic-{i:02d}")
            (folder / "briefs" / f"baltic-{i:02d}.yaml").write_text(text)
        (folder / "briefs" / "broken.yaml").write_text("schema: 1\ntitle: Broken\n")
        monkeypatch.chdir(folder)  # relative paths, as the command line passes them
        report = build_site(
            Path("briefs"),
            Path("site"),
            config=config_for(folder),
            today=TODAY,
            formats=("html", "md", "json"),
            jobs=jobs,
            search=False,
        )
        assert report.validated == 62
        assert [f.file for f in report.errors] == ["briefs/broken.yaml"] * len(report.errors)
        assert len(report.rendered) > 200
        sites.append(folder / "site")
    first, second = sites
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_cached_snippets_render_like_fresh_ones(project: Path) -> None:
    build(project)
    path = project / "briefs" / "dprk-troops-kursk.yaml"
    path.write_text(path.read_text().replace("title: North Korean", "title: Northern Korean"))
    assert "index.html" in build(project).rendered  # re-rendered with cached snippets
    incremental = {
        p: (project / "site" / p).read_bytes()
        for p in ("index.html", "actors/united-states/index.html", "questions/index.html")
    }
    build(project, clean=True)
    for page, data in incremental.items():
        assert (project / "site" / page).read_bytes() == data, page


def test_duplicate_brief_id_is_an_error(project: Path) -> None:
    copy = project / "briefs" / "baltic-again.yaml"
    copy.write_text((project / "briefs" / "baltic-cables.yaml").read_text())
    report = build(project)
    assert not report.ok
    duplicate = [f for f in report.errors if "already used by" in f.message]
    assert [f.file.rsplit("/", 1)[-1] for f in duplicate] == ["baltic-cables.yaml"]
    assert "baltic-again.yaml" in duplicate[0].message
