"""Templates every site has, whether or not its templates folder holds them: the folder's own, if it has one of
the same name, comes first. They make pages for hosts and old links rather than for reading, so a site that
copied its templates before they existed still builds."""

from __future__ import annotations

BUILTIN_TEMPLATES = {
    # An article's old address: the reader, and a search engine, are sent on to its page (see site/redirects.py);
    # from the site's root, so that a preview on another host stays on it.
    "redirect.html": """<!doctype html>
<html lang="{{ site.language }}">
<head>
<meta charset="utf-8">
<title>{{ article.title }}</title>
<link rel="canonical" href="{{ target|absolute_url }}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{ target|url }}">
</head>
<body>
<p>This article has moved to <a href="{{ target|url }}">{{ article.title }}</a>.</p>
</body>
</html>
""",
    # The same redirects for hosts that read a list of them (Netlify, Cloudflare Pages): old new status.
    "_redirects.txt": """{% for old, new in redirects %}
{{ old|url|urlencode }} {{ new|url|urlencode }} 301
{% endfor %}
""",
    # The response headers for hosts that read a list of them (Netlify, Cloudflare Pages): see site/headers.py.
    "_headers.txt": """# This site's response headers, for Netlify and Cloudflare Pages (sitegen's README, Publishing).
{% for rule in rules %}
{{ rule.pattern }}
{% for name, value in rule.headers %}
  {{ name }}: {{ value }}
{% endfor %}
{% endfor %}
""",
}
