package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// Helpers of the Triggers tab and editor tests (prefixed trg: other tabs'
// tests live in the same package).

func trgPtr[V any](v V) *V { return &v }

// trgDraft is an active daily 08:00 trigger for high alerts, to one address.
func trgDraft(name string) app.TriggerDraft {
	return app.TriggerDraft{
		Name: trgPtr(name), Frequency: trgPtr("diaria"), Time: trgPtr("08:00"),
		Recipients: &[]string{"contador@ejemplo.com"}, Priorities: &[]string{"CRITICA", "ALTA"}, Active: trgPtr(true),
	}
}

// trgWalk visits o and everything drawn inside it, depth first, hidden objects too.
func trgWalk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			trgWalk(child, visit)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			trgWalk(child, visit)
		}
	}
}

// trgButton is the visible button labelled text inside root.
func trgButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	trgWalk(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// trgTexts is every visible label's text inside root, joined by newlines.
func trgTexts(root fyne.CanvasObject) string {
	var out []string
	visible := map[fyne.CanvasObject]bool{}
	var walk func(o fyne.CanvasObject, shown bool)
	walk = func(o fyne.CanvasObject, shown bool) {
		shown = shown && o.Visible()
		visible[o] = shown
		if l, ok := o.(*widget.Label); ok && shown {
			out = append(out, l.Text)
		}
		switch c := o.(type) {
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child, shown)
			}
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, shown)
			}
		}
	}
	walk(root, true)
	return strings.Join(out, "\n")
}

// trgShow selects the Triggers tab and returns it.
func trgShow(env *testEnv) *triggersTab {
	env.u.tabs.SelectIndex(1)
	return env.u.triggers
}

// trgRow is the list row showing the trigger named name: the switch, the
// name, schedule and next-run labels, and the state cell.
func trgRow(t *testing.T, tab *triggersTab, name string) []fyne.CanvasObject {
	t.Helper()
	tab.list.Refresh()
	var row []fyne.CanvasObject
	trgWalk(tab.list, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || row != nil {
			return
		}
		if _, ok := c.Layout.(triggerRowLayout); ok && c.Objects[triggerColName].(*widget.Label).Text == name {
			row = c.Objects
		}
	})
	if row == nil {
		t.Fatalf("no row for %q", name)
	}
	return row
}

// trgRowText is the text of one label column of a row.
func trgRowText(row []fyne.CanvasObject, col int) string { return row[col].(*widget.Label).Text }

// trgStatus is what the state cell of a row says.
func trgStatus(row []fyne.CanvasObject) string {
	label, _ := cellParts(row[triggerColStatus].(*fyne.Container))
	return label.Text
}

// trgMark runs the UI work queued so far and returns the number of events
// delivered: trgHandle counts from there.
func trgMark(env *testEnv) int {
	env.drain()
	env.mu.Lock()
	defer env.mu.Unlock()
	return len(env.events)
}

// trgHandle lets the UI handle, one at a time and in order, the events
// published since mark, up to the first one ok matches; the UI's handling of
// later events stays queued. It returns the mark after that event. Nothing
// but events may be queued meanwhile: each event queues one UI function.
func trgHandle(t *testing.T, env *testEnv, mark int, ok func(app.Event) bool) int {
	t.Helper()
	deadline := time.After(failAfter)
	for {
		env.mu.Lock()
		evs := slices.Clone(env.events[mark:])
		env.mu.Unlock()
		if j := slices.IndexFunc(evs, ok); j >= 0 {
			for range j + 1 {
				env.mu.Lock()
				fn := env.queue[0]
				env.queue = env.queue[1:]
				env.mu.Unlock()
				fn()
			}
			return mark + j + 1
		}
		select {
		case <-env.ready:
		case <-deadline:
			t.Fatalf("no matching event within %v", failAfter)
		}
	}
}

// trgRunEvent matches the start or the end of a run of trigger id.
func trgRunEvent(kind app.EventKind, id int64) func(app.Event) bool {
	return func(e app.Event) bool { return e.Kind == kind && e.Execution.TriggerID == id }
}

// trgSelect selects the trigger named name in the list, as a tap on its row does.
func trgSelect(t *testing.T, tab *triggersTab, name string) {
	t.Helper()
	for i, tr := range tab.items {
		if tr.Name == name {
			tab.list.Select(i)
			return
		}
	}
	t.Fatalf("no trigger %q in the list", name)
}

// trgErr is the message shown under an editor field ("" while hidden).
func trgErr(e *triggerEditor, field string) string {
	if l := e.errs[field]; l.Visible() {
		return l.Text
	}
	return ""
}

// trgSetHour replaces the editor's hour by typing.
func trgSetHour(e *triggerEditor, hhmm string) {
	e.hour.SetText("")
	test.Type(e.hour, hhmm)
}

// trgTypeLines types lines into a multi-line entry, pressing Return between them.
func trgTypeLines(entry fyne.Focusable, lines ...string) {
	for i, l := range lines {
		if i > 0 {
			entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}
		test.Type(entry, l)
	}
}
