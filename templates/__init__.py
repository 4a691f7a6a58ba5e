"""The bundled templates. This file makes the folder the package ``briefing.templates`` (see
pyproject.toml), so ``importlib.resources`` finds it alike in a checkout and in a wheel."""
