"""Domain-free building blocks: base models, scoping, services, generic views, API and tests."""
