"""Lists leaving the program as tables: the columns and the rows of each list, Qt-free.

Each source reads with exactly the scope and filter of its list (db/queries/*) and streams its
rows from SQL in chunks; documents/list_export.py writes them as XLSX or CSV.
"""
