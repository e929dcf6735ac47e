"""The README's module table names every module of sitegen, so a newcomer finds each from it."""

from __future__ import annotations

from tests.conftest import REPO


def test_the_module_table_names_every_module() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## How it works") : readme.index("## Publishing")]
    package = REPO / "sitegen"
    modules = sorted(path.relative_to(package).as_posix() for path in package.rglob("*.py"))
    missing = []
    for module in modules:
        folder, _, name = module.rpartition("/")
        named = f"`{module}`" in table or (f"`{name}`" in table and f"`{folder}/`" in table)
        if name != "__init__.py" and not named:
            missing.append(module)
    assert missing == []
