"""Site configuration, read by Pelican and by the ``factcheck`` command alike."""

import os

from factcheck.packaged import THEME  # the theme that comes with the factcheck package

SITENAME = "Fact-check: Trump, Russia and the shared intelligence"
SITE_DESCRIPTION = (
    "Claims from the May 2017 reporting that President Trump shared classified intelligence "
    "with Russian officials, checked against archived copies of the sources."
)
# Production URL; a deploy preview sets SITEURL to its own address, local builds leave it empty.
SITEURL = os.environ.get("SITEURL", "")
DEFAULT_LANG = "en"
TIMEZONE = "UTC"

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["articles"]
STATIC_PATHS = []
OUTPUT_PATH = "output"
PLUGINS = ["factcheck.plugin"]
# The site's own look, without copying the theme: a template in themes/templates/ replaces the
# theme's template of the same name, a file in themes/static/ the theme's file at the same path
# (themes/static/css/site.css: the stylesheet). themes/README.md says more.
FACTCHECK_THEME_OVERRIDES = "themes"

# Claim pages, sources and the verdict scale (the one definition of the scale: claim pages,
# verdict pages, search filters, the methodology page and the claim schema read it). After
# changing it, run `factcheck schema` so that editors offer the new verdicts.
FACTCHECK_CLAIMS_PATH = "claims"
FACTCHECK_SOURCES_PATH = "content/sources"
FACTCHECK_VERDICTS = [
    {"id": "true", "label": "True", "meaning": "accurate, nothing significant missing", "rating": 6},
    {"id": "mostly-true", "label": "Mostly true", "meaning": "accurate but needs clarification or context", "rating": 5},
    {"id": "mixed", "label": "Mixed", "meaning": "partly accurate, partly not", "rating": 4},
    {"id": "misleading", "label": "Misleading", "meaning": "contains accurate parts but leaves a false impression", "rating": 3},
    {"id": "mostly-false", "label": "Mostly false", "meaning": "some element of truth, ignores critical facts", "rating": 2},
    {"id": "false", "label": "False", "meaning": "not accurate", "rating": 1},
    # No place on the numeric scale (ClaimReview's rating): "rating": None.
    {"id": "unverifiable", "label": "Unverifiable", "meaning": "the available evidence cannot settle it", "rating": None},
]
# Optional registries: people (names, roles, types, other spellings) and topics (labels).
FACTCHECK_PEOPLE_PATH = "content/people.yaml"
FACTCHECK_TOPICS_PATH = "content/topics.yaml"
# Entries per list page (all claims, per verdict, source, person and topic, and the indexes).
FACTCHECK_LIST_PAGE_SIZE = 50
# The organisation that publishes the fact-checks (footer, About page, structured data).
FACTCHECK_PUBLISHER = "the fact-check desk"
# The site's public address, for the places that need absolute URLs when SITEURL is empty
# (local builds): structured data, feed, sitemap, social cards. Set it to your domain;
# Netlify builds set SITEURL themselves. example.org is a reserved placeholder.
FACTCHECK_PUBLIC_URL = os.environ.get("URL", "https://factcheck.example.org")
# Social card images (1200x630 PNG per claim); drawings are cached between builds here.
FACTCHECK_SOCIAL_CARDS = True
FACTCHECK_CACHE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache")
# Where contributors send pull requests and issues. Netlify sets REPOSITORY_URL in its builds;
# set it here for other hosts. Empty: pages mention the repository without linking to it.
FACTCHECK_REPOSITORY_URL = os.environ.get("REPOSITORY_URL", "")
# The branch that "Edit this claim" links open the claim file on.
FACTCHECK_REPOSITORY_BRANCH = "main"

CLAIM_URL = "claims/{slug}/"
CLAIM_SAVE_AS = "claims/{slug}/index.html"
SOURCE_URL = "sources/{slug}/"
SOURCE_SAVE_AS = "sources/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"

# The plugin writes the index and list pages; Pelican's blog pages are not used.
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 100  # the plugin's /feed.xml: the latest claims, newest change first

# Contributors' text is escaped unless a template says otherwise.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
