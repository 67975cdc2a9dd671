// Package messages owns the words of every message code the core (package
// app) emits, in Spanish and English: the catalogs under catalog/, one pair
// of files per area (triggers.es.json and triggers.en.json, …), so codes of
// different areas are added without touching one file. Adapters word a
// message with Text: the API in Spanish, the desktop in the user's language.
// It imports app only.
package messages
