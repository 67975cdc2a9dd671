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
	// given Fyne's file dialog, which names its places in English
	env := newTestEnv(t)
	raw := dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, env.u.win)
	raw.Show()
	if names := filePlaces(t, env.u.win.Canvas().Overlays().Top()); !slices.Contains(names, "Home") {
		t.Fatalf("places of Fyne's own dialog = %q: Fyne no longer writes «Home», this fix may be unneeded", names)
	}
	raw.Hide()

	// when the window shows one, as it shows every dialog
	d := dialog.NewFileSave(func(fyne.URIWriteCloser, error) {}, env.u.win)
	env.u.showDialog(d, fyne.Size{})
	defer d.Hide()

	// then its places read in Spanish
	names := filePlaces(t, env.u.win.Canvas().Overlays().Top())
	if !slices.Contains(names, "Carpeta personal") || !slices.Contains(names, "Equipo") ||
		slices.Contains(names, "Home") || slices.Contains(names, "Computer") {
		t.Errorf("places = %q, want «Carpeta personal», «Equipo» and no English", names)
	}
}
