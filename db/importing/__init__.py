"""Bringing an office's firms and monthly bills in from Excel/WPS workbooks and CSV files.

fields.py names the columns; reading the file is workbook.py (XLSX, XLS) and csv_text.py (CSV
in its encoding), headers.py finds the columns by their header text, cells.py reads each cell as
offices type it. firms.py and bills.py run every row through the services' own code (dry run
rolled back, or committed all at once), with the verdicts of verdicts.py.
"""
