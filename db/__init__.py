"""Zone Desk's data layer: models, rules, queries and migrations.

Usable on its own (a script, a test, another front end). Never imports Qt or desktop/.
"""
