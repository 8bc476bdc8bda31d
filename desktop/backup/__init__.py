"""Backups in the program: the File menu's entries for administrators (backup_menu.py, with
the restore dialog, restore_dialog.py), the automatic backups at the first start of a day and at
quitting (automatic.py), the restore done between two log-ins (reopening.py), and
`zonedesk backup` / `zonedesk restore` (command.py)."""
