"""The spec stage: the claims file as typed models, read with every key's position, edited in
place, described by its JSON Schema, scaffolded for a new project and pinned to its sources."""
