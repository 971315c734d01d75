"""A minimal Wagtail project on SQLite for the plugin's tests: one page type, the admin."""
