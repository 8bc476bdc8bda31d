"""Zone Desk's Qt program: windows, panes, dialogs, Qt models, background work."""
