"""Backups of a database file, made with SQLite's backup API and checked before they count.

- naming.py: the backup's file name (date, time in Shanghai, schema revision) and its pattern;
- making.py: a checked copy, put in place whole or not at all (`make_backup`);
- checking.py: what a backup file holds and whether it checks out (`inspect_backup`);
- rotation.py: which backups are kept (today's and yesterday's, then one a day, a week, a month);
- folder.py: where the automatic backups go (a setting in the database, administrators only);
- schedule.py: whether a backup is due (the first start of a day, a quit after changes);
- restoring.py: a checked backup put back in place of the database (`restore`).

No Qt here: the desktop (desktop/backup/) and the command line (desktop/backup_command.py)
call these functions.
"""
