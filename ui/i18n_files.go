package ui

import (
	"encoding/json"
	"fmt"

	"fyne.io/fyne/v2"
)

func readMessages(name string) (map[string]any, error) {
	data, err := translations.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return m, nil
}

func marshalMessages(m map[string]any) ([]byte, error) { return json.Marshal(m) }

func fyneLocale(name string) fyne.Locale { return fyne.Locale(name) }
