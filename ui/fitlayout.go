package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window must fit a laptop screen: 1280×720 at FYNE_SCALE 1.5 leaves
// about 853×453 units, title bar included. A tab's minimum size is therefore
// kept small whatever it shows; what does not fit wraps (rows of buttons and
// filters) or scrolls (tables, forms, long texts).

// newFlow is a row of objects that wraps onto more rows when the window is
// too narrow for it, instead of making the window wider.
func newFlow(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objects...)
}

// flowLayout places its objects left to right at their minimum widths, all
// as tall as the tallest, and starts a new row when the next one does not
// fit. Its minimum width is that of its widest object; its minimum height
// that of the rows it used when last laid out at a width it fits in (one
// row before that: a tab not yet shown must not make the window taller
// than it will be; nor must a layout at no width, as hidden tabs get).
type flowLayout struct {
	rows int // rows used by the last Layout at a real width; 0 before
}

func (l *flowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	rowHeight := flowRowHeight(objects)
	x, y, rows, widest := float32(0), float32(0), 1, float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		widest = max(widest, w)
		if x > 0 && x+w > size.Width {
			x, y = 0, y+rowHeight+pad
			rows++
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, rowHeight))
		x += w + pad
	}
	if size.Width >= widest {
		l.rows = rows
	}
}

func (l *flowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width := float32(0)
	for _, o := range objects {
		if o.Visible() {
			width = max(width, o.MinSize().Width)
		}
	}
	rowHeight := flowRowHeight(objects)
	if rowHeight == 0 {
		return fyne.Size{}
	}
	rows := float32(max(l.rows, 1))
	return fyne.NewSize(width, rows*rowHeight+(rows-1)*theme.Padding())
}

// flowRowHeight is the height of the tallest visible object.
func flowRowHeight(objects []fyne.CanvasObject) float32 {
	h := float32(0)
	for _, o := range objects {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return h
}

// emptyText is the message a list or table shows instead of rows: centred
// in the area and wrapped to its width. (A wrapping label inside
// container.NewCenter gets no width, and is drawn one letter per line.)
func emptyText(label *widget.Label) fyne.CanvasObject {
	label.Alignment = fyne.TextAlignCenter
	label.Wrapping = fyne.TextWrapWord
	return container.NewVBox(layout.NewSpacer(), label, layout.NewSpacer())
}

// withSide lays main out with side on its right: side as wide as maxSide
// when there is room, narrower (down to minSide) when the window is small;
// main takes the rest, never less than it needs.
func withSide(main, side fyne.CanvasObject, minSide, maxSide float32) *fyne.Container {
	return container.New(sideLayout{minSide, maxSide}, main, side)
}

type sideLayout struct{ minSide, maxSide float32 }

func (l sideLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	main, side := objects[0], objects[1]
	pad := theme.Padding()
	sideWidth := min(max(size.Width-main.MinSize().Width-pad, l.minSide), l.maxSide)
	main.Move(fyne.NewPos(0, 0))
	main.Resize(fyne.NewSize(size.Width-sideWidth-pad, size.Height))
	side.Move(fyne.NewPos(size.Width-sideWidth, 0))
	side.Resize(fyne.NewSize(sideWidth, size.Height))
}

func (l sideLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	main, side := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(main.Width+theme.Padding()+l.minSide, max(main.Height, side.Height))
}
