"""One module per subcommand: each adds its parser and runs it. ``briefing.cli`` wires them up."""

from briefing.commands import add, audit, build, check, find, fix, init, lock, schema, sources, watch

COMMANDS = [check, build, audit, find, fix, sources, add, lock, schema, init, watch]
