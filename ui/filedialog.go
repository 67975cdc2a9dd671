package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// filePlaceKeys translate the places Fyne 2.7's file dialog lists on its
// left (dialog/file.go, file_unix.go): it writes their English names as they
// are, not through its translations, so «Home» and «Computer» would show in
// a Spanish window.
var filePlaceKeys = map[string]string{
	"Home":      K("archivos.lugar.personal"),
	"Computer":  K("archivos.lugar.equipo"),
	"App Files": K("archivos.lugar.aplicacion"),
	"Desktop":   K("archivos.lugar.escritorio"),
	"Documents": K("archivos.lugar.documentos"),
	"Downloads": K("archivos.lugar.descargas"),
	"Music":     K("archivos.lugar.musica"),
	"Pictures":  K("archivos.lugar.imagenes"),
	"Videos":    K("archivos.lugar.videos"),
	"Movies":    K("archivos.lugar.peliculas"),
}

// localizeFileDialog translates the places of the file dialog drawn by
// overlay (the overlay a dialog.FileDialog's Show added): their list is
// found in the dialog's split and its rows are re-labelled each time they
// are drawn. Any other overlay is left alone.
func localizeFileDialog(overlay fyne.CanvasObject) {
	pop, ok := overlay.(*widget.PopUp)
	if !ok {
		return
	}
	places := findPlacesList(pop.Content)
	if places == nil {
		return
	}
	update := places.UpdateItem
	places.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		if label := placeLabel(item); label != nil {
			if key, ok := filePlaceKeys[label.Text]; ok {
				label.SetText(T(key))
			}
		}
	}
	places.Refresh()
}

// findPlacesList is the list on the leading side of the file dialog's split.
func findPlacesList(o fyne.CanvasObject) *widget.List {
	switch x := o.(type) {
	case *container.Split:
		if l, ok := x.Leading.(*widget.List); ok {
			return l
		}
	case *fyne.Container:
		for _, child := range x.Objects {
			if l := findPlacesList(child); l != nil {
				return l
			}
		}
	}
	return nil
}

// placeLabel is the name in a row of the places list: an icon, then a label.
func placeLabel(row fyne.CanvasObject) *widget.Label {
	c, ok := row.(*fyne.Container)
	if !ok || len(c.Objects) != 2 {
		return nil
	}
	l, _ := c.Objects[1].(*widget.Label)
	return l
}
