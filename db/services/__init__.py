"""Every write of Zone Desk: check role and zone, validate, write, audit — one transaction."""
