"""Exports of flashdeck decks to other apps: the Anki package writer and its CLI."""
