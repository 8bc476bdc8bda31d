"""Bringing firms and a month's bills in from a spreadsheet: the import dialog (dry run, preview
with verdicts, decisions, the refused rows saved, then all or nothing) and `zonedesk import`."""
