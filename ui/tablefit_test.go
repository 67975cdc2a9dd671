package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"vigia/app"
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
	env.u.tabs.SelectIndex(tabIndexHistory)
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

func TestAlertsReadingPaneShowsTheSelectedAlertAndCompanyInFull(t *testing.T) {
	// given a company with a long name and an alert with a long title and a
	// detail of two lines, in Alertas at the window's first size
	env := newTestEnv(t)
	ctx := context.Background()
	company := "Distribuidora de Insumos Agropecuarios del Valle del Cauca S.A.S."
	title := "Declaración de retención en la fuente del mes de noviembre con pagos al exterior"
	c, alerts := companyWithAlerts(t, env, company, [3]string{title, "CRITICA", "2025-12-10"})
	nit, contact := "900123456-8", "conta@insumos.com"
	if _, err := env.svc.UpdateCompany(ctx, c.ID, app.CompanyDraft{NIT: &nit, Contact: &contact}); err != nil {
		t.Fatal(err)
	}
	detail := "Pagos a proveedores de Ecuador y Perú.\nRevisar los certificados antes del cierre."
	if _, err := env.svc.UpdateAlert(ctx, alerts[0].ID, app.AlertDraft{Detail: &detail}); err != nil {
		t.Fatal(err)
	}
	tab := env.u.alerts
	env.u.tabs.SelectIndex(2)
	env.u.win.Resize(windowSize)
	if tab.detail.box.Visible() {
		t.Error("the reading pane is shown with nothing selected")
	}
	// (the table cuts both: this test is about reading them)
	for col, text := range map[int]string{1: company, 2: title} {
		if w := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width; w <= tab.columns.set[col] {
			t.Fatalf("column %d (%.0f) holds %q whole: the test proves nothing", col, tab.columns.set[col], text)
		}
	}

	// when the alert is selected
	tab.table.Select(widget.TableCellID{Row: 0, Col: 2})

	// then the pane under the table says all of it
	text := strings.Join(histLabels(tab.detail.box), "\n")
	for _, want := range []string{title, company, "NIT 900123456-8", "CRÍTICA", "vence el 10/12/2025 (vence en 2 días)", "Abierta", detail} {
		if !strings.Contains(text, want) {
			t.Errorf("the pane lacks %q:\n%s", want, text)
		}
	}

	// when the company is chosen on the left and no alert is selected
	tab.companies.list.Select(0)
	tab.table.UnselectAll()

	// then the pane says the company's whole name, NIT and contact
	text = strings.Join(histLabels(tab.detail.box), "\n")
	if !strings.Contains(text, company) || !strings.Contains(text, "NIT 900123456-8 · conta@insumos.com") || strings.Contains(text, title) {
		t.Errorf("the pane for the company:\n%s", text)
	}
}

func TestImportPreviewWrapsLongRowsInsteadOfCuttingThem(t *testing.T) {
	// given a file with a long row and a short one, at the window's first size
	env := newTestEnv(t)
	env.u.win.Resize(windowSize)
	tab := env.u.alerts
	file := "empresa;nit;titulo;detalle;prioridad;vence_el\r\n" +
		"Distribuidora de Insumos Agropecuarios del Valle del Cauca S.A.S.;;" +
		"Declaración de retención en la fuente con pagos al exterior;;CRITICA;\r\n" +
		"Ferretería El Tornillo;;Nómina;;BAJA;\r\n"

	// when it is chosen
	tab.importFrom(strings.NewReader(file))
	untilUI(t, env, func() bool { return tab.imports != nil })

	// then each row of the preview is drawn whole, the long one on more lines
	heights := map[string]float32{}
	walkVisible(topDialog(t, env), func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok || !strings.HasPrefix(l.Text, "Línea ") {
			return
		}
		heights[l.Text] = l.Size().Height
		if need := l.MinSize().Height; l.Size().Height < need || l.Truncation != fyne.TextTruncateOff {
			t.Errorf("row %q is %.0f high, needs %.0f (truncation %v)", l.Text, l.Size().Height, need, l.Truncation)
		}
	})
	long := importRowText(tab.imports.result.Items[0])
	short := importRowText(tab.imports.result.Items[1])
	if !strings.HasSuffix(long, "CRÍTICA · nueva") || heights[long] <= heights[short] || heights[short] == 0 {
		t.Errorf("rows drawn %v; want %q taller than %q", heights, long, short)
	}
}
