"""Measure extraction against hand-annotated attributions (#3)."""
