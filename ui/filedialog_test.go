package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// filePlaces reads the names of the places list of the file dialog drawn by overlay.
func filePlaces(t *testing.T, overlay fyne.CanvasObject) []string {
	t.Helper()
	pop, ok := overlay.(*widget.PopUp)
	if !ok {
		t.Fatalf("top overlay is %T, want the file dialog's pop-up", overlay)
	}
	list := findPlacesList(pop.Content)
	if list == nil {
		t.Fatal("no places list in the file dialog: has Fyne's layout changed?")
	}
	var names []string
	row := list.CreateItem()
	for id := range list.Length() {
		list.UpdateItem(id, row)
		names = append(names, placeLabel(row).Text)
	}
	return names
}

func TestTheFileDialogNamesItsPlacesInSpanish(t *testing.T) {
	// given Fyne's file dialog, shown in the Spanish window
	env := newTestEnv(t)
	d := dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, env.u.win)
	d.Show()
	defer d.Hide()
	top := env.u.win.Canvas().Overlays().Top()
	if names := filePlaces(t, top); !slices.Contains(names, "Home") {
		t.Fatalf("places before = %q: Fyne no longer writes «Home», this fix may be unneeded", names)
	}

	// when its places are localized
	localizeFileDialog(top)

	// then they read in Spanish
	names := filePlaces(t, top)
	if !slices.Contains(names, "Carpeta personal") || slices.Contains(names, "Home") || slices.Contains(names, "Computer") {
		t.Errorf("places = %q, want «Carpeta personal» and no English", names)
	}
}
