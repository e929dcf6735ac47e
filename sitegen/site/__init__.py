"""The site stage: every route, every page and what each shows (charts, calendars, structured data)."""
