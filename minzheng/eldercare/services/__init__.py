"""Elderly-care operations, one module per area; every state change is atomic, checked and audited."""
