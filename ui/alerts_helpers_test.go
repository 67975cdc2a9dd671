package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
)

// dialogButton is the button labelled text in the dialog on top, or nil.
func dialogButton(t *testing.T, env *testEnv, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkVisible(topDialog(t, env), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// tapDialogButton taps the button labelled text in the dialog on top.
func tapDialogButton(t *testing.T, env *testEnv, text string) {
	t.Helper()
	b := dialogButton(t, env, text)
	if b == nil {
		t.Fatalf("no button %q in the dialog; it says: %s", text, dialogText(t, env))
	}
	test.Tap(b)
}

// dialogText is every label of the dialog on top, one per line.
func dialogText(t *testing.T, env *testEnv) string {
	t.Helper()
	var lines []string
	walkVisible(topDialog(t, env), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text != "" {
			lines = append(lines, l.Text)
		}
	})
	return strings.Join(lines, "\n")
}

// tableRow is what row of the alerts table shows: the first line of each
// cell, then each second line after "|".
func tableRow(tab *alertsTab, row int) (main, sub []string) {
	for col := range alertColumns {
		c := tab.cell(row, col)
		main, sub = append(main, c.main), append(sub, c.sub)
	}
	return main, sub
}

// companyWithAlerts saves a company and alerts (title, priority, due date
// "2006-01-02" or "") through the service, then refreshes the tab.
func companyWithAlerts(t *testing.T, env *testEnv, name string, alerts ...[3]string) (app.Company, []app.Alert) {
	t.Helper()
	ctx := context.Background()
	c, err := env.svc.CreateCompany(ctx, app.CompanyDraft{Name: &name})
	if err != nil {
		t.Fatal(err)
	}
	var out []app.Alert
	for _, a := range alerts {
		title, prio, due := a[0], a[1], a[2]
		created, err := env.svc.CreateAlert(ctx, app.AlertDraft{CompanyID: &c.ID, Title: &title, Priority: &prio, DueOn: &due})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, created)
	}
	env.u.alerts.refresh()
	return c, out
}

// memFile is an export destination: a buffer that records its closing.
type memFile struct {
	strings.Builder
	closed bool
}

func (m *memFile) Close() error {
	m.closed = true
	return nil
}
