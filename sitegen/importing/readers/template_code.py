"""Template code in Markdown posts (Liquid in Jekyll, shortcodes in Hugo and Zola), turned into what it showed.

The generator ran this code before the Markdown; sitegen shows a post's text as it is, where `{{ site.url }}`
or `{{< figure >}}` would be read as text. Where the code stands for plain content it becomes that content:

- Liquid's `{% raw %}` and `{% endraw %}` go, their text kept as written, in code blocks too; a
  `{% comment %}` goes whole, as it never showed;
  `{% highlight go %}` becomes a fenced code block; `{{ site.url }}` and `{{ site.baseurl }}` become nothing, so
  that a link written with them is a link from the site's root (made absolute later, see links.py);
  `{% post_url 2019-05-15-name %}` and `{% link _posts/... %}` become a link to that post's file, which the
  build leads to its article (see site/redirects.py).
- Hugo's `figure`, `image` and `img`, and Zola's `image()` and `figure()`, become a Markdown image with its
  caption; `youtube`, `vimeo`, `tweet`/`x` and `gist` a link to what they embedded, `link` its link;
  `highlight` a code block; `ref` and `relref` a link to the post's file. Escaped shortcodes (`{{</* x */>}}`,
  `{{/* x() */}}`) are shown as the code they escape.

Any other template code is removed, keeping the text a paired tag encloses, with a warning naming it. Outside
raw and highlight, code blocks are left alone: there template code is usually what a post explains.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

from sitegen.content.markdown_code import outside_code

# {% raw %}...{% endraw %}: text kept; {% highlight lang %}...{% endhighlight %}: a code block.
_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)  # never shown: goes whole
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_HIGHLIGHT = re.compile(
    r"(?:\{%-?\s*highlight\s+(\w[\w+-]*)[^%]*%\}|\{\{<\s*highlight\s+(\w[\w+-]*)[^>]*>\}\})\n?(.*?)\n?"
    r"(?:\{%-?\s*endhighlight\s*-?%\}|\{\{<\s*/highlight\s*>\}\})",
    re.S,
)
_ESCAPED = re.compile(r"\{\{([<%])/\*\s*(.*?)\s*\*/([>%])\}\}|\{\{/\*\s*(.*?)\s*\*/\}\}|\{%/\*\s*(.*?)\s*\*/%\}", re.S)
_HUGO = re.compile(r"\{\{([<%])\s*(/?)\s*([\w.-]+)(.*?)\s*/?\s*[>%]\}\}", re.S)
_ZOLA_CALL = re.compile(r"\{\{\s*([a-z_]\w*)\((.*?)\)\s*\}\}", re.S)
_ZOLA_BLOCK = re.compile(r"\{%\s*([a-z_]\w*)\((.*?)\)\s*%\}(.*?)\{%\s*end\s*%\}", re.S)
_SITE_ADDRESS = re.compile(r"\{\{-?\s*(?:site\.(?:url|baseurl)|base_url|base_path)\s*(?:\|[^}]*)?-?\}\}")
_POST_LINK = re.compile(r"\{%-?\s*(post_url|link)\s+(\S+?)\s*-?%\}")
_LIQUID_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+).*?-?%\}", re.S)


def without_template_code(body: str) -> tuple[str, list[str]]:
    """The body with its template code turned into Markdown (see the module's docstring), and a warning for
    each kind of code removed."""
    removed: set[str] = set()
    body = _COMMENT.sub("", body)
    body = _RAW.sub(lambda match: _protect(match.group(1)), body)  # Liquid never reads raw text: nor do we
    body = _HIGHLIGHT.sub(_code_block, body)
    body = _ESCAPED.sub(_escaped, body)
    body = outside_code(body, lambda text: _code_removed(text, removed)).replace("\x01", "")
    warnings = [f"the template code {code} was removed (the text between a pair is kept)" for code in sorted(removed)]
    return body, warnings


def _code_removed(text: str, removed: set[str]) -> str:
    """Text outside code blocks with its shortcodes made content and the rest of its template code removed."""
    text = _ZOLA_BLOCK.sub(lambda match: _zola_block(match, removed), text)
    text = _ZOLA_CALL.sub(lambda match: _shortcode(match.group(1), _arguments(match.group(2)), removed), text)
    text = _HUGO.sub(lambda match: _hugo(match, removed), text)
    text = _SITE_ADDRESS.sub("", text)
    text = _POST_LINK.sub(lambda match: _post_file(match.group(1), match.group(2)), text)
    text = _LIQUID_OUTPUT.sub(lambda match: _removed(f"{{{{ {match.group(1)} }}}}", removed), text)
    text = _LIQUID_TAG.sub(lambda match: _removed(f"{{% {match.group(1)} %}}", removed), text)
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)  # the blank lines left where code stood


def _protect(text: str) -> str:
    """Text shown as written: its braces marked so that no later pattern takes them for code."""
    return text.replace("{", "{\x01").replace("}", "\x01}")


def _code_block(match: re.Match[str]) -> str:
    language = match.group(1) or match.group(2)
    return f"```{language}\n{_protect(match.group(3))}\n```"


def _escaped(match: re.Match[str]) -> str:
    if match.group(1):
        return _protect(f"{{{{{match.group(1)} {match.group(2)} {match.group(3)}}}}}")
    if match.group(4) is not None:
        return _protect(f"{{{{ {match.group(4)} }}}}")
    return _protect(f"{{% {match.group(5)} %}}")


def _removed(code: str, removed: set[str]) -> str:
    if code.startswith("{% end"):
        return ""  # a pair's end: its opening is named already
    removed.add(" ".join(code.split()[:2]) + (" }}" if code.startswith("{{") else " %}"))
    return ""


def _arguments(text: str) -> dict[str, str]:
    """Named arguments (`src="a.jpg" alt='A'`, `src="a.jpg", alt="A"`) and positional ones (by number)."""
    try:
        words = shlex.split(text.replace(",", " "))
    except ValueError:
        return {}
    arguments: dict[str, str] = {}
    for position, word in enumerate(words):
        key, equals, value = word.partition("=")
        arguments[key.strip() if equals else str(position)] = value.strip() if equals else word
    return arguments


def _hugo(match: re.Match[str], removed: set[str]) -> str:
    delimiter, closing, name, rest = match.groups()
    if closing:
        return ""  # a paired shortcode's end: its opening was removed with a warning, or made into content
    end = ">" if delimiter == "<" else "%"
    return _shortcode(name, _arguments(rest), removed, f"{{{{{delimiter} {name} {end}}}}}")


def _zola_block(match: re.Match[str], removed: set[str]) -> str:
    removed.add(f"{{% {match.group(1)}() %}}")
    return match.group(3).strip("\n")


def _shortcode(name: str, arguments: dict[str, str], removed: set[str], shown: str | None = None) -> str:
    """The Markdown for one shortcode (see the module's docstring), or nothing with a warning."""
    make = _SHORTCODES.get(name.lower())
    content = make(arguments) if make else None
    if content is None:
        removed.add(shown or f"{{{{ {name}() }}}}")
        return ""
    return content


def _image(arguments: dict[str, str]) -> str | None:
    source = arguments.get("src") or arguments.get("path") or arguments.get("url") or arguments.get("0")
    if not source:
        return None
    alt = arguments.get("alt") or arguments.get("title") or arguments.get("caption") or ""
    caption = arguments.get("caption") or arguments.get("title")
    image = f"![{alt}]({source.replace(' ', '%20')})"
    return f"\n\n{image}\n\n*{caption}*\n\n" if caption and caption != alt else f"\n\n{image}\n\n"


def _link(address: Callable[[str], str], key: str = "id") -> Callable[[dict[str, str]], str | None]:
    def make(arguments: dict[str, str]) -> str | None:
        value = arguments.get(key) or arguments.get("0")
        return f"<{address(value)}>" if value else None

    return make


def _tweet(arguments: dict[str, str]) -> str | None:
    user, status = arguments.get("user"), arguments.get("id") or arguments.get("0")
    return f"<https://twitter.com/{user or 'i/web'}/status/{status}>" if status else None


def _gist(arguments: dict[str, str]) -> str | None:
    user, gist = arguments.get("user") or arguments.get("0"), arguments.get("id") or arguments.get("1")
    return f"<https://gist.github.com/{user}/{gist}>" if user and gist else None


def _hyperlink(arguments: dict[str, str]) -> str | None:
    """A theme's link shortcode: `{{< link "https://..." "text" >}}` or with href= and content=."""
    address = arguments.get("href") or arguments.get("0")
    text = arguments.get("content") or arguments.get("1")
    if not address:
        return None
    return f"[{text}]({address})" if text else f"<{address}>"


def _post_file(kind: str, target: str) -> str:
    """Where Jekyll's post_url and link lead: the post's file, by its path."""
    target = target.strip("\"'")
    return f"{target.lstrip('/')}.md" if kind == "post_url" else "/" + target.lstrip("/")


def _ref(arguments: dict[str, str]) -> str | None:
    target = arguments.get("0") or arguments.get("path")
    return target.strip("\"'") if target else None


_SHORTCODES: dict[str, Callable[[dict[str, str]], str | None]] = {
    "figure": _image,
    "image": _image,
    "img": _image,
    "resize_image": _image,
    "youtube": _link(lambda video: f"https://www.youtube.com/watch?v={video}"),
    "vimeo": _link(lambda video: f"https://vimeo.com/{video}"),
    "tweet": _tweet,
    "x": _tweet,
    "gist": _gist,
    "link": _hyperlink,
    "ref": _ref,
    "relref": _ref,
}
