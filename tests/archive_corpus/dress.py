#!/usr/bin/env python3
"""Builds the archiving test corpus: archived news texts (texts/, copies of the reference
site's sources as they were when the corpus was made, so that editing the reference content
leaves the corpus alone) dressed as five kinds of real web page, each with the paragraphs
that must be kept and boilerplate that must not.

    .venv/bin/python tests/archive_corpus/dress.py     # rewrites the .html and .json files

Each page ``<kind>.html`` has a ``<kind>.json`` beside it: ``keep`` (article paragraphs, as in
the archived text), ``boilerplate`` (phrases from the page's chrome that must not be kept),
``metadata`` (what the page states) and, for the served copy, ``content_type``. The pages
are committed; a test checks they match this script.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = Path(__file__).resolve().parent / "texts"


def body_lines(source_id: str) -> list[str]:
    """The archived text's non-empty lines, white space as a browser would render it."""
    text = (TEXTS / f"{source_id}.txt").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return [" ".join(line.split()) for line in body.split("\n") if line.strip()]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def dress_inline(text: str, n: int) -> str:
    """Escape a paragraph and give it the inline markup real pages have: links that end
    inside a word ("the <a>Post</a>'s") and emphasis, which must join without spaces."""
    out = esc(text)
    for name in ("The Washington Post", "the Post", "Trump", "Russia", "Walsh"):
        match = re.search(rf"\b{re.escape(name)}(?=’s\b)", out) or re.search(rf"\b{re.escape(name)}\b", out)
        if match:
            tag = ("a", ' href="https://example.org/' + str(n) + '"') if n % 2 == 0 else ("em", "")
            out = out[: match.start()] + f"<{tag[0]}{tag[1]}>{match.group(0)}</{tag[0]}>" + out[match.end():]
            break
    return out


def is_heading(line: str) -> bool:
    return len(line.split()) < 10 and not line.endswith((".", ":", "”", "!"))


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
{head}
</head>
<body class="{body_class}">
{body}
</body>
</html>
"""


def write(kind: str, page: str, expected: dict, encoding: str = "utf-8") -> None:
    data = page.encode(encoding, errors="xmlcharrefreplace")
    (HERE / f"{kind}.html").write_bytes(data)
    (HERE / f"{kind}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def wordpress() -> None:
    """A WordPress post with a menu, share bar, author box, related posts, comments and a cookie banner."""
    lines = body_lines("libertarian-institute")
    title = lines[0]
    end = next(i for i, line in enumerate(lines) if line.startswith("It’s a pretty low bar"))
    article = lines[2 : end + 1]
    paragraphs = "\n".join(f"<h2>{esc(line)}</h2>" if is_heading(line) else f"<p>{dress_inline(line, n)}</p>"
                           for n, line in enumerate(article))
    head = f"""<title>{esc(title)} - The Libertarian Institute</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="The Libertarian Institute">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2017-05-17T14:03:11+00:00">
<meta name="author" content="Eric Schuler">
<link rel="canonical" href="https://libertarianinstitute.example/articles/trump-shares-isis-intel/">
<link rel="stylesheet" href="/wp-content/themes/Divi/style.css">
<script src="/wp-includes/js/jquery/jquery.min.js"></script>"""
    body = f"""<div id="cookie-notice" role="dialog"><p>We use cookies to ensure that we give you the best experience on our website. If you continue to use this site we will assume that you are happy with it.</p><a class="button">Ok</a></div>
<header id="main-header"><div class="logo"><a href="/">The Libertarian Institute</a></div>
<nav id="top-menu-nav"><ul><li><a href="/">Home</a></li><li><a href="/articles/">Articles</a></li><li><a href="/books/">Books</a></li><li><a href="/podcasts/">Podcast Network</a></li><li><a href="/donate/">Donate</a></li></ul></nav></header>
<div id="main-content"><div class="container"><div id="content-area" class="clearfix"><div id="left-area">
<article id="post-4411" class="et_pb_post post-4411 post type-post status-publish">
<div class="et_post_meta_wrapper"><h1 class="entry-title">{esc(title)}</h1>
<p class="post-meta">by <span class="author vcard"><a href="/author/eric/" rel="author">Eric Schuler</a></span> | <span class="published">May 17, 2017</span></p></div>
<div class="entry-content">
{paragraphs}
</div>
<div class="et_social_inline et_social_inline_bottom"><div class="et_social_networks"><ul><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on Twitter</a></li><li><a href="#">Pin It on Pinterest</a></li></ul></div></div>
<div class="et_pb_author_box"><h3>Eric Schuler</h3><p>Eric Schuler is a contributor to The Libertarian Institute, with a focus on economics and US foreign policy. Follow his work here and on Twitter.</p><a href="/author/eric/">View all posts</a></div>
<section class="related-posts"><h3>Related Articles</h3>
<article class="related"><h4><a href="/a/1">New Book Is A Must Read For Iraq War 2 Enthusiasts</a></h4><p>Iraq War 2 is ancient history, like Athens’ defeat at Aegospotami or the NATO-Russia Founding Act. But for some of us, it seems like only yesterday that the invasion began.</p><a href="/a/1">read more</a></article>
<article class="related"><h4><a href="/a/2">It’s a Crazy World</a></h4><p>What's to be said about people who grieve over the deaths of children in faraway wars while cheering the policies that cause them, asks this week's column in some detail.</p><a href="/a/2">read more</a></article>
</section>
<section id="comment-wrap"><h1 id="comments" class="page_title">4 Comments</h1>
<ol class="commentlist clearfix">
<li class="comment"><article id="comment-101" class="comment-body"><div class="comment_postinfo"><span class="fn">Harold K.</span><span class="comment_date">on May 17, 2017 at 9:14 pm</span></div><div class="comment_area"><div class="comment-content"><p>Finally somebody says it plainly: both governments are fighting the same enemy, and the outrage machine does not want anyone to notice that inconvenient fact at all.</p></div><a class="comment-reply-link" href="#">Reply</a></div></article></li>
<li class="comment"><article id="comment-102" class="comment-body"><div class="comment_postinfo"><span class="fn">Marta</span><span class="comment_date">on May 18, 2017 at 7:02 am</span></div><div class="comment_area"><div class="comment-content"><p>I am not so sure the ally in question would agree with this relaxed reading of the episode, and I would like to hear from someone who has actually worked with shared intelligence.</p></div></div></article></li>
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form action="/wp-comments-post.php" method="post" id="commentform"><p class="comment-notes">Your email address will not be published. Required fields are marked with an asterisk and will be checked before your comment appears on the site.</p><textarea name="comment"></textarea><input type="submit" value="Submit Comment"></form></div>
</section>
</article>
</div>
<div id="sidebar"><div class="et_pb_widget widget_search"><form><input type="search"></form></div>
<div class="et_pb_widget"><h4 class="widgettitle">Our Books</h4><a href="/books/"><img src="/books.jpg" alt="libertarian inst books"></a><p>Every title from our press is available in paperback and as an e-book from the institute's own bookshop, with free shipping on orders over thirty dollars.</p></div>
<div class="et_pb_widget widget_newsletter"><h4 class="widgettitle">Newsletter</h4><p>Subscribe to our weekly newsletter and get the latest articles, podcasts and book announcements delivered straight to your inbox every Friday morning.</p></div></div>
</div></div></div>
<footer id="main-footer"><div id="footer-bottom"><p>Copyright © 2017 The Libertarian Institute. All rights reserved. Designed by Elegant Themes and powered by WordPress software for independent publishers.</p></div></footer>
<script>jQuery(function($){{ $('#cookie-notice').show(); }});</script>"""
    page = PAGE.format(charset="UTF-8", head=head, body=body, body_class="post-template-default single single-post")
    write("wordpress", page, {
        "source": "libertarian-institute",
        "kind": "WordPress post with comments, related posts, author box, share bar, sidebar and cookie banner",
        "content_type": "text/html; charset=UTF-8",
        "keep": article,
        "boilerplate": ["We use cookies", "Podcast Network", "Share on Facebook", "Pin It on Pinterest",
                        "Eric Schuler is a contributor", "View all posts", "Related Articles", "Iraq War 2 is ancient history",
                        "It’s a Crazy World", "read more", "4 Comments", "Finally somebody says it plainly",
                        "I am not so sure the ally", "Leave a Reply", "Your email address will not be published",
                        "Our Books", "Every title from our press", "Subscribe to our weekly newsletter", "Copyright ©"],
        "metadata": {"title": title, "publisher": "The Libertarian Institute", "author": "Eric Schuler",
                     "published": "2017-05-17", "url": "https://libertarianinstitute.example/articles/trump-shares-isis-intel/"},
    })


def blogger() -> None:
    """A Blogger post in windows-1252, paragraphs separated only by <br><br>, with a sidebar and comments."""
    lines = body_lines("why-share-intelligence")
    post = "<br />\n<br />\n".join(
        # Consecutive bullet lines are separated by a single <br>, as Blogger's editor writes them.
        esc(line) for line in lines)
    post = re.sub(r"<br />\n<br />\n(?=•)", "<br />\n", post)
    post = post.replace("Slobodan", "<i>Slobodan</i>")
    post = post.replace("the RUSSIANS!", "the <b>RUSSIANS</b>!")
    head = """<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Diplomat's Notebook: Why share intelligence?</title>
<meta name="description" content="A former diplomat on sharing intelligence with rivals">
<link rel="alternate" type="application/atom+xml" title="Diplomat's Notebook - Atom" href="/feeds/posts/default">"""
    body = f"""<div class="navbar section" id="navbar"><div class="widget Navbar"><a href="https://www.blogger.example/">Blogger</a> <a href="#">Create Blog</a> <a href="#">Sign In</a></div></div>
<div id="outer-wrapper"><div id="header-wrapper"><div class="header section"><h1 class="title"><a href="/">Diplomat's Notebook</a></h1><p class="description">Notes on diplomacy, negotiation and the news</p></div></div>
<div id="main-wrapper"><div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<h2 class="date-header"><span>Tuesday, May 16, 2017</span></h2>
<div class="post-outer"><div class="post hentry">
<a name="1234567890"></a>
<h3 class="post-title entry-title">Why share intelligence?</h3>
<div class="post-header"></div>
<div class="post-body entry-content" id="post-body-1234567890">
{post}
<div style="clear: both;"></div>
</div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn">Diplomat</span></span> <span class="post-timestamp">at <a class="timestamp-link" href="#"><abbr class="published" title="2017-05-16T09:41:00+01:00">9:41 AM</abbr></a></span> <span class="post-comment-link"><a class="comment-link" href="#">12 comments</a></span></div>
<div class="post-share-buttons"><a class="share-button" href="#">Email This</a><a class="share-button" href="#">BlogThis!</a><a class="share-button" href="#">Share to Twitter</a><a class="share-button" href="#">Share to Facebook</a></div>
<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: <a href="#">Intelligence</a>, <a href="#">Russia</a>, <a href="#">Trump</a></span></div></div>
</div>
<div class="comments" id="comments"><a name="comments"></a><h4>12 comments:</h4><div id="Blog1_comments-block-wrapper"><dl class="avatar-comment-indent" id="comments-block">
<dt class="comment-author"><a name="c1"></a>Anonymous said...</dt><dd class="comment-body"><p>An excellent and very level-headed analysis of what has been made into a huge drama by people who should know better about how this business actually works.</p></dd><dd class="comment-footer"><span class="comment-timestamp">16 May 2017 at 11:02</span></dd>
<dt class="comment-author"><a name="c2"></a>Gerald said...</dt><dd class="comment-body"><p>With respect, the point about the partner's consent matters more than you allow, since a service that loses confidence in its partner simply stops sending the good material.</p></dd><dd class="comment-footer"><span class="comment-timestamp">16 May 2017 at 14:37</span></dd>
</dl></div><p class="comment-footer"><a href="#">Post a Comment</a></p></div>
</div></div>
<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="#">Newer Post</a></span> <span id="blog-pager-older-link"><a class="blog-pager-older-link" href="#">Older Post</a></span> <a class="home-link" href="/">Home</a></div>
<div class="post-feeds"><div class="feed-links">Subscribe to: <a class="feed-link" href="#">Post Comments (Atom)</a></div></div>
</div></div></div>
<div id="sidebar-wrapper"><div class="sidebar section" id="sidebar"><div class="widget Profile"><h2>About Me</h2><dl class="profile-datablock"><dd class="profile-textblock">A former British diplomat who served in Moscow, Belgrade and elsewhere, now writing about negotiation, diplomacy and why governments so often talk past one another.</dd></dl><a class="profile-link" href="#">View my complete profile</a></div>
<div class="widget BlogArchive"><h2>Blog Archive</h2><ul class="hierarchy"><li>▼ 2017 (41)<ul><li>▼ May (6)<ul class="posts"><li><a href="#">Why share intelligence?</a></li><li><a href="#">Negotiating with Brussels: the first round of talks</a></li></ul></li></ul></li><li>► 2016 (58)</li></ul></div></div></div>
<div id="footer-wrapper"><div class="footer section"><div class="widget Attribution">Powered by Blogger. Simple theme. Theme images by a stock photographer, licensed for this blog under the usual terms.</div></div></div>
</div>"""
    page = PAGE.format(charset="windows-1252", head=head, body=body, body_class="loading").replace(
        '<meta charset="windows-1252">\n', "")
    write("blogger", page, {
        "source": "why-share-intelligence",
        "kind": "Blogger post in windows-1252 with <br> paragraphs, sidebar, share buttons and comments",
        "content_type": "text/html; charset=windows-1252",
        "keep": lines,
        "boilerplate": ["Create Blog", "Notes on diplomacy, negotiation", "Posted by", "Email This", "Share to Twitter",
                        "Labels:", "12 comments", "Anonymous said", "An excellent and very level-headed",
                        "the point about the partner's consent", "Post a Comment", "Newer Post", "Post Comments (Atom)",
                        "About Me", "A former British diplomat who served", "Blog Archive", "Negotiating with Brussels",
                        "Powered by Blogger"],
        "metadata": {"title": "Why share intelligence?", "publisher": None, "author": None,
                     "published": None, "url": None},
    }, encoding="cp1252")


def magazine() -> None:
    """A magazine interview with JSON-LD, a dek, a photo credit and inline promos between paragraphs."""
    lines = body_lines("the-atlantic")
    title, dek, credit = lines[0], lines[1], lines[2]
    article = lines[3:]
    promos = {
        3: '<aside class="c-recirculation-link" data-event-module="inline recirculation"><a href="/r/1"><span class="kicker">Read:</span> The intelligence community’s worst week, and what it will take for the agencies to trust the White House again</a></aside>',
        8: '<div class="c-newsletter-signup" data-module="inline newsletter"><h3>The Atlantic Daily</h3><p>Get our guide to the day’s biggest news and ideas, delivered to your inbox every weekday and Sunday mornings.</p><form><input type="email"><button>Sign Up</button></form></div>',
        14: '<aside class="c-recirculation-link"><a href="/r/2"><span class="kicker">Related:</span> How the president’s tweets became a national security problem that allies now plan around</a></aside>',
    }
    parts = []
    for n, line in enumerate(article):
        parts.append(f"<p>{dress_inline(line, n)}</p>")
        if n in promos:
            parts.append(promos[n])
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
        "description": dek, "datePublished": "2017-05-16T17:21:00Z",
        "author": [{"@type": "Person", "name": "Priscilla Alvarez"}],
        "publisher": {"@type": "Organization", "name": "The Atlantic"},
        "mainEntityOfPage": "https://magazine.example/politics/archive/2017/05/risks-of-sharing-intelligence/526888/",
    }
    head = f"""<title>The Risks of Sharing Intelligence - The Atlantic</title>
<meta name="description" content="{html.escape(dek)}">
<link rel="canonical" href="https://magazine.example/politics/archive/2017/05/risks-of-sharing-intelligence/526888/">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[]}}</script>"""
    body = f"""<a class="skip-link" href="#main-content">Skip to content</a>
<header class="c-nav"><a class="logo" href="/">The Atlantic</a><nav><ul><li><a href="/politics/">Politics</a></li><li><a href="/ideas/">Ideas</a></li><li><a href="/magazine/">Magazine</a></li></ul></nav><a class="subscribe" href="/subscribe/">Subscribe</a></header>
<main id="main-content"><article class="article">
<header class="article-header"><p class="category"><a href="/politics/">Politics</a></p><h1 class="c-article-header__hed">{esc(title)}</h1>
<p class="c-dek">{esc(dek)}</p>
<div class="c-byline">By <a href="/author/priscilla-alvarez/" rel="author">Priscilla Alvarez</a> <time datetime="2017-05-16T17:21:00Z">May 16, 2017</time></div></header>
<figure class="lead-image"><img src="/lead.jpg" alt="President Trump in the Oval Office"><figcaption><span class="credit">{esc(credit)}</span></figcaption></figure>
<section class="article-body" itemprop="articleBody">
{chr(10).join(parts)}
</section>
<div class="article-share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email this story</a></div>
</article>
<section class="c-recirculation-most-popular"><h2>Most Popular</h2><ol><li><a href="/p/1">Why the Russia investigation keeps growing, explained by the people who have been following it since the beginning</a></li><li><a href="/p/2">What the new census data reveals about where Americans are moving, and why</a></li></ol></section>
</main>
<footer class="c-footer"><p>About Us · Contact · Privacy Policy · Your Privacy Choices · Terms Conditions · Responsible Disclosure · Site Map</p><p>TheAtlantic.example. Copyright (c) 2017 by The Atlantic Monthly Group. All Rights Reserved.</p></footer>"""
    page = PAGE.format(charset="utf-8", head=head, body=body, body_class="article-page")
    write("magazine", page, {
        "source": "the-atlantic",
        "kind": "magazine interview with JSON-LD, dek, photo credit, inline recirculation promos and a newsletter box",
        "content_type": "text/html; charset=utf-8",
        "keep": article,
        "boilerplate": ["Skip to content", "The intelligence community’s worst week", "The Atlantic Daily",
                        "Get our guide to the day’s biggest news", "How the president’s tweets became", "Share on Facebook",
                        "Email this story", "Most Popular", "Why the Russia investigation keeps growing",
                        "What the new census data reveals", "Privacy Policy", "All Rights Reserved"],
        "metadata": {"title": title, "publisher": "The Atlantic", "author": "Priscilla Alvarez", "published": "2017-05-16",
                     "url": "https://magazine.example/politics/archive/2017/05/risks-of-sharing-intelligence/526888/"},
    })


def newspaper() -> None:
    """A newspaper report with ad slots between paragraphs, a hidden paywall overlay and an app-state script."""
    lines = body_lines("washington-post")
    title = "Trump revealed highly classified information to Russian foreign minister and ambassador"
    parts = []
    for n, line in enumerate(lines):
        parts.append(f'<p class="font--body font-copy" data-el="text">{dress_inline(line, n)}</p>')
        if n in (2, 9, 20, 30):
            parts.append(f'<div class="ad-slot" id="slug_inline_{n}" data-ad-type="inline"><span class="ad-label">Advertisement</span><div class="ad-container"></div></div>')
        if n == 5:
            parts.append('<div class="interstitial-link"><p><a href="/s/1">Story continues below advertisement</a></p></div>')
        if n == 12:
            parts.append('<p class="interstitial-link"><em>[<a href="/s/2">Read the latest on the investigation into Russia’s interference in the election, updated through the day</a>]</em></p>')
    state = {"article": {"headline": title, "body": lines[:3], "paywall": {"message": "Subscribe to keep reading this story and every other story for less than a dollar a week."}},
             "user": {"loggedIn": False}, "ads": {"targeting": "national-security politics russia"}}
    head = f"""<title>Trump revealed highly classified information to Russian foreign minister and ambassador - The Washington Post</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Washington Post">
<meta property="og:url" content="https://newspaper.example/world/national-security/trump-revealed-highly-classified-information/2017/05/15/">
<meta property="article:published_time" content="2017-05-15T17:04:00-04:00">
<meta name="author" content="Greg Miller, Greg Jaffe">
<link rel="canonical" href="https://newspaper.example/world/national-security/trump-revealed-highly-classified-information/2017/05/15/">
<style>.paywall-overlay{{position:fixed}} .ad-slot{{min-height:250px}}</style>"""
    body = f"""<div class="ad-slot ad-leaderboard" id="slug_leaderboard"><span class="ad-label">Advertisement</span></div>
<header class="site-header"><nav aria-label="Sections"><a href="/">Sections</a> <a href="/politics/">Politics</a> <a href="/opinions/">Opinions</a> <a href="/world/">World</a> <a href="/sign-in/">Sign in</a> <a href="/subscribe/">Subscribe</a></nav></header>
<main><article>
<div class="headline-kicker"><a href="/national-security/">National Security</a></div>
<h1 data-qa="headline">{esc(title)}</h1>
<div class="byline">By <a href="/people/greg-miller/" rel="author">Greg Miller</a> and <a href="/people/greg-jaffe/">Greg Jaffe</a></div>
<div class="display-date"><time datetime="2017-05-15T17:04:00-04:00">May 15, 2017 at 5:04 p.m. EDT</time></div>
<div class="article-share"><button>Share</button><button>Comment</button><button>Gift Article</button></div>
<div class="article-body">
{chr(10).join(parts)}
</div>
<div class="paywall-overlay" hidden><h2>Subscribe to keep reading</h2><p>Subscribe to keep reading this story and every other story for less than a dollar a week. Cancel anytime.</p></div>
<div class="paywall-teaser" style="display: none"><p>You have read your last free article this month; subscribers get unlimited access to award-winning journalism on every device.</p></div>
<div class="comments-link"><a href="#comments">Comments</a></div>
</article>
<aside class="right-rail"><div class="ad-slot ad-bigbox" id="slug_bigbox"><span class="ad-label">Advertisement</span></div>
<section class="most-read"><h2>Most Read</h2><ol><li><a href="/m/1">The 11 questions every investor is asking after the latest jobs report, answered</a></li><li><a href="/m/2">Analysis: The president’s disastrous week, day by day, and what it means for his agenda</a></li></ol></section></aside>
</main>
<footer><p>The Washington Post. Terms of Use · Privacy Policy · Print Products Terms of Sale · Digital Products Terms of Sale · Submissions and Discussion Policy · RSS Terms of Service · Ad Choices</p></footer>
<script>window.__APP_STATE__ = {json.dumps(state, ensure_ascii=False)};</script>
<script>(function(){{var s=document.createElement("script");s.src="/ads.js";document.body.appendChild(s);}})();</script>
<noscript><img src="/pixel.gif" alt="">Please enable JavaScript to view the comments and the most-read stories.</noscript>"""
    page = PAGE.format(charset="utf-8", head=head, body=body, body_class="article-layout")
    write("newspaper", page, {
        "source": "washington-post",
        "kind": "newspaper report with ad slots, a hidden paywall overlay, an app-state <script> and a right rail",
        "content_type": "text/html; charset=utf-8",
        "keep": lines,
        "boilerplate": ["Advertisement", "Sign in", "Gift Article", "Story continues below advertisement",
                        "Read the latest on the investigation", "Subscribe to keep reading", "You have read your last free article",
                        "Most Read", "The 11 questions every investor", "The president’s disastrous week", "Terms of Use",
                        "__APP_STATE__", "loggedIn", "Please enable JavaScript", "national-security politics russia"],
        "metadata": {"title": title, "publisher": "Washington Post", "author": "Greg Miller, Greg Jaffe", "published": "2017-05-15",
                     "url": "https://newspaper.example/world/national-security/trump-revealed-highly-classified-information/2017/05/15/"},
    })


def newsblog() -> None:
    """A news-blog post with timestamped updates, a block quote, a photo caption and a recirculation block."""
    lines = body_lines("slate")
    kicker, title, alt, caption, credit = lines[:5]
    rest = lines[5:]
    parts = []
    i = 0
    while i < len(rest):
        line = rest[i]
        if line.startswith(("Thomas P. Bossert", "One of Bossert")):
            parts.append(f"<blockquote><p>{dress_inline(line, i)}</p></blockquote>")
        elif re.fullmatch(r"Update .*[AP]M:", line):  # a timestamp alone, then its text after a <br>
            parts.append(f"<p><strong>{esc(line)}</strong><br>\n{dress_inline(rest[i + 1], i)}</p>")
            i += 1
        elif line.startswith("Update "):
            stamp, text = line.split(": ", 1)
            parts.append(f"<p><strong>{esc(stamp)}:</strong> {dress_inline(text, i)}</p>")
        else:
            parts.append(f"<p>{dress_inline(line, i)}</p>")
        i += 1
    head = f"""<title>Report: Trump Leaked Highly Classified Information to Russian Officials</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Slate Magazine">
<link rel="canonical" href="https://slate.example/news-and-politics/2017/05/report-trump-leaked-classified-information.html">"""
    body = f"""<header class="site-header"><a href="/">Slate</a><nav><a href="/news-and-politics">News &amp; Politics</a> <a href="/culture">Culture</a> <a href="/technology">Technology</a> <a href="/podcasts">Podcasts</a></nav><a class="sign-in" href="/signin">Sign In</a></header>
<main><article class="article">
<header class="article__header"><div class="article__rubric"><a href="/news-and-politics/slatest">{esc(kicker)}</a></div>
<h1 class="article__hed">{esc(title)}</h1>
<div class="article__byline">By Slatest staff</div>
<div class="article__dateline"><time datetime="2017-05-15T19:35:00-04:00" class="article__date">May 15, 2017 7:35 PM</time></div></header>
<div class="social-share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a> <a href="#">Comment</a></div>
<figure class="article__image"><img src="/lead.jpg" alt="{html.escape(alt)}"><figcaption><span class="caption">{esc(caption)}</span> <span class="credit">{esc(credit)}</span></figcaption></figure>
<div class="article__content">
{chr(10).join(parts)}
</div>
<div class="in-article-recirc"><h2>Slate Plus members get an ad-free experience, bonus podcasts, and members-only articles and newsletters every single week.</h2><a href="/plus">Try it free</a></div>
</article>
<section class="recirc recirc--more-from"><h2>More From Slate</h2>
<ul><li><a href="/r/1"><span class="recirc__title">The Senate Intelligence Committee just subpoenaed Michael Flynn’s records, and the White House is not happy about it</span></a></li>
<li><a href="/r/2"><span class="recirc__title">Here is the one chart that explains why the president’s approval rating keeps sinking this spring</span></a></li>
<li><a href="/r/3"><span class="recirc__title">A new poll shows most voters want an independent prosecutor for the Russia investigation now</span></a></li></ul></section>
</main>
<footer class="site-footer"><p>Slate is published by The Slate Group, a Graham Holdings Company. All contents © 2017 The Slate Group LLC. All rights reserved.</p></footer>"""
    page = PAGE.format(charset="utf-8", head=head, body=body, body_class="slatest")
    write("newsblog", page, {
        "source": "slate",
        "kind": "news-blog post with timestamped updates, a block quote, a photo caption and a recirculation block",
        "content_type": "text/html; charset=utf-8",
        "keep": rest,
        "boilerplate": ["News & Politics", "Sign In", "By Slatest staff", "Slate Plus members", "Try it free",
                        "More From Slate", "The Senate Intelligence Committee just subpoenaed", "the one chart that explains",
                        "A new poll shows most voters", "The Slate Group LLC"],
        "metadata": {"title": title, "publisher": "Slate Magazine", "author": None, "published": "2017-05-15",
                     "url": "https://slate.example/news-and-politics/2017/05/report-trump-leaked-classified-information.html"},
    })


KINDS = {"wordpress": wordpress, "blogger": blogger, "magazine": magazine, "newspaper": newspaper, "newsblog": newsblog}


def main() -> int:
    for build in KINDS.values():
        build()
    print(f"wrote {len(KINDS)} pages to {HERE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
