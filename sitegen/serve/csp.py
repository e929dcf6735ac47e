"""The Content-Security-Policy sitegen recommends for a built site, which `sitegen serve` also sends.

Everything the site loads comes from the site itself, but for photographs an article gives by address (an
imported page's lead image, shown as it is and never fetched by the build), hence https: for images, which
cannot run code. Pagefind's search runs WebAssembly, hence
'wasm-unsafe-eval', and its UI sets style attributes, hence 'unsafe-inline' for styles (styles cannot run
code); no inline script is needed anywhere. The browser tests load every page kind under this policy.
"""

RECOMMENDED_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
