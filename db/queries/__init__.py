"""Read-only questions the program asks: scoped to the actor's zones, never committing.

Each returns plain values (dataclasses, tuples), so that nothing ORM leaves the unit of work or
crosses a thread.
"""
