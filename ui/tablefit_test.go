package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

func TestHistoryColumnsFitTheWindowAndWidenForWholeTexts(t *testing.T) {
	// given a run of a trigger with a long name to two recipients, in Historial
	env := newTestEnv(t)
	name := "Resumen de obligaciones de La Espiga"
	d := histDraft(name, nil)
	d.Recipients = &[]string{"contador@ejemplo.com", "gerencia@ejemplo.com"}
	tr := env.createTrigger(d)
	histRunNow(env, tr.ID)
	h := env.u.history
	env.u.tabs.SelectIndex(3)
	pad := theme.Padding()

	// when the window has its first size
	env.u.win.Resize(windowSize)

	// then every column is in view: nothing to scroll sideways for
	used := float32(0)
	for _, w := range h.columns.set {
		used += w + pad
	}
	if tw := h.table.Size().Width; used > tw {
		t.Errorf("at %v the columns take %.0f of the table's %.0f", windowSize, used, tw)
	}

	// when the window is maximised on a 1366 px screen
	env.u.win.Resize(fyne.NewSize(1366, 700))

	// then the trigger's name and the recipients are drawn whole
	for col, text := range map[int]string{3: name, 8: recipientsText(*d.Recipients)} {
		need := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
		if h.columns.set[col] < need {
			t.Errorf("column %d is %.0f wide for %q, which needs %.0f", col, h.columns.set[col], text, need)
		}
	}
}

func TestShareWidthsGivesTheNarrowFirstAndNeverLessThanTheLeast(t *testing.T) {
	free := []bool{false, true, true}
	least := []float32{50, 100, 100}
	for _, c := range []struct {
		name string
		want []float32
		room float32
		got  []float32
	}{
		{"room for all: the rest spread in proportion", []float32{50, 100, 300}, 650, []float32{50, 150, 450}},
		{"short of room: the narrow one whole, the wide one the rest", []float32{50, 120, 400}, 400, []float32{50, 120, 230}},
		{"no room: the least widths", []float32{50, 120, 400}, 150, []float32{50, 100, 100}},
	} {
		if got := shareWidths(c.want, least, free, c.room); !slices.Equal(got, c.got) {
			t.Errorf("%s: %v, want %v", c.name, got, c.got)
		}
	}
}
