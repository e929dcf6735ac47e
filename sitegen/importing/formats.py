"""The raw formats `sitegen import` reads, apart from their readers (sitegen.importers), which take a moment to
load: the command line offers these names to every command it parses, a build among them."""

FORMATS = ("text", "markdown", "html", "rst")
