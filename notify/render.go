package notify

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"vigia/app"
)

//go:embed templates
var templateFS embed.FS

var (
	htmlTemplate = htmltemplate.Must(htmltemplate.ParseFS(templateFS, "templates/digest.html"))
	textTemplate = texttemplate.Must(texttemplate.New("digest.txt").
			Funcs(texttemplate.FuncMap{"indent": indent}).
			ParseFS(templateFS, "templates/digest.txt"))
)

// Rendered is a digest ready to send: the subject and both bodies.
type Rendered struct {
	Subject string
	HTML    string
	Text    string
}

// Render writes the digest e-mail in Spanish: companies in the given order
// (the store puts the most urgent first), alerts with a priority badge and
// their due date. Dates are shown in loc; nil means the zone of d.GeneratedAt.
func Render(d app.Digest, loc *time.Location) (Rendered, error) {
	v := newDigestView(d, loc)
	// About 1 KiB of HTML per alert; growing once saves most copies on big digests.
	var h, t bytes.Buffer
	h.Grow(4096 + 1024*d.TotalAlerts())
	t.Grow(1024 + 160*d.TotalAlerts())
	if err := htmlTemplate.Execute(&h, v); err != nil {
		return Rendered{}, fmt.Errorf("render HTML of trigger %d digest: %w", d.TriggerID, err)
	}
	if err := textTemplate.Execute(&t, v); err != nil {
		return Rendered{}, fmt.Errorf("render text of trigger %d digest: %w", d.TriggerID, err)
	}
	return Rendered{Subject: v.Subject, HTML: h.String(), Text: t.String()}, nil
}

// Renderer is Render as app's DigestRenderer port, for previews. A nil
// Location renders in the zone of the digest's GeneratedAt, as the mailers do.
type Renderer struct {
	Location *time.Location
}

// RenderDigest renders d; the subject is d.Subject(), the one a run sends.
func (r Renderer) RenderDigest(d app.Digest) (subject, html, text string, err error) {
	out, err := Render(d, r.Location)
	if err != nil {
		return "", "", "", err
	}
	return out.Subject, out.HTML, out.Text, nil
}

var _ app.DigestRenderer = Renderer{}

// digestView is what the templates see: every word and colour decided here,
// so the templates only lay it out.
type digestView struct {
	Subject     string
	TriggerName string
	Date        string // "lunes 8 de diciembre de 2025"
	Generated   string // "lunes 8 de diciembre de 2025, 08:00"
	Summary     string // "8 alertas, 2 críticas, 5 empresas"
	EmptyNote   string // set when there is no company to report
	Companies   []companyView
	// MsoOpen and MsoClose fix the width in Outlook for Windows, which ignores
	// max-width; they are conditional comments, which html/template would strip
	// from the template itself.
	MsoOpen, MsoClose htmltemplate.HTML
}

type companyView struct {
	Name   string
	NIT    string
	Count  string // "3 alertas"
	Alerts []alertView
}

type alertView struct {
	Label         string            // "CRÍTICA": the effective priority
	Badge         htmltemplate.HTML // the coloured label, ready-made HTML
	Raised        string            // "Prioridad asignada: ALTA" when due-date escalation raised it
	Title         string
	Detail        string
	Due           string // "vence en 2 días (miércoles 10 de diciembre)", "" without a due date
	Overdue       bool   // due before the generation day
	Urgent        bool   // due on the generation day or the next one
	calendarLines        // a tax-calendar alert's source, computed and moved notes
}

const (
	msoOpen  htmltemplate.HTML = `<!--[if mso]><table role="presentation" width="640" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->`
	msoClose htmltemplate.HTML = `<!--[if mso]></td></tr></table><![endif]-->`
)

func newDigestView(d app.Digest, loc *time.Location) digestView {
	generated := d.GeneratedAt
	if loc != nil {
		generated = generated.In(loc)
	}
	y, m, day := generated.Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)

	v := digestView{
		Subject:     d.Subject(),
		TriggerName: d.TriggerName,
		Date:        longDate(generated),
		Generated:   longDateTime(generated),
		Summary: fmt.Sprintf("%s, %s, %s",
			count(d.TotalAlerts(), "alerta", "alertas"),
			count(d.CountByPriority(app.PriorityCritical), "crítica", "críticas"),
			count(len(d.Companies), "empresa", "empresas")),
		Companies: make([]companyView, len(d.Companies)),
		MsoOpen:   msoOpen,
		MsoClose:  msoClose,
	}
	if len(d.Companies) == 0 {
		v.EmptyNote = emptyNote(d.Priorities)
	}
	dues := dueTexts{today: today}
	for i, c := range d.Companies {
		cv := companyView{
			Name:   c.Company.Name,
			NIT:    c.Company.NIT,
			Count:  count(len(c.Alerts), "alerta", "alertas"),
			Alerts: make([]alertView, len(c.Alerts)),
		}
		for j, a := range c.Alerts {
			shown := effective(a)
			label, html := badge(shown)
			av := alertView{Label: label, Badge: html, Title: a.Title, calendarLines: calendarLinesOf(a.Calendar, d.GeneratedAt)}
			if showDetail(a) {
				av.Detail = a.Detail
			}
			if shown != a.Priority && a.Priority != "" {
				given, _ := badge(a.Priority)
				av.Raised = "Prioridad asignada: " + given + " (subió por el vencimiento)"
			}
			if !a.DueOn.IsZero() {
				due := dues.of(a.DueOn)
				av.Due, av.Overdue, av.Urgent = due.text, due.days < 0, due.days >= 0 && due.days <= 1
			}
			cv.Alerts[j] = av
		}
		v.Companies[i] = cv
	}
	return v
}

// effective is the priority a digest shows for a: the escalated one when
// Service computed it, else the one it was given.
func effective(a app.Alert) app.Priority {
	if a.EffectivePriority != "" {
		return a.EffectivePriority
	}
	return a.Priority
}

// dueTexts writes due dates relative to one day, once per distinct date:
// big digests repeat the same few dates thousands of times.
type dueTexts struct {
	today time.Time // the generation day, as a calendar date at 00:00 UTC
	seen  map[time.Time]dueText
}

type dueText struct {
	text string
	days int // from today to the due date; negative when overdue
}

func (t *dueTexts) of(dueOn time.Time) dueText {
	y, m, d := dueOn.UTC().Date() // vence_el is a calendar date: never shift it by a zone
	due := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if dt, ok := t.seen[due]; ok {
		return dt
	}
	if t.seen == nil {
		t.seen = map[time.Time]dueText{}
	}
	days := int(due.Sub(t.today).Round(time.Hour) / (24 * time.Hour))
	dt := dueText{text: relativeDue(days) + " (" + dueDate(due, t.today) + ")", days: days}
	t.seen[due] = dt
	return dt
}

// emptyNote is the body of a digest sent without alerts (enviar_sin_alertas).
func emptyNote(priorities []app.Priority) string {
	names := make([]string, len(priorities))
	for i, p := range priorities {
		names[i] = string(p)
	}
	switch len(names) {
	case 0:
		return "No hay alertas abiertas."
	case 1:
		return "No hay alertas abiertas con la prioridad " + names[0] + "."
	}
	return "No hay alertas abiertas con las prioridades " + strings.Join(names, ", ") + "."
}

// badgeColors carry white text. Every badge is built once: with thousands of
// alerts, escaping the same colour and label per alert would be most of the work.
var badgeColors = map[app.Priority]struct{ label, color string }{
	app.PriorityCritical: {"CRÍTICA", "#b42318"},
	app.PriorityHigh:     {"ALTA", "#c4320a"},
	app.PriorityMedium:   {"MEDIA", "#a15c07"},
	app.PriorityLow:      {"BAJA", "#475467"},
}

var badges = func() map[app.Priority]htmltemplate.HTML {
	m := make(map[app.Priority]htmltemplate.HTML, len(badgeColors))
	for p, b := range badgeColors {
		m[p] = badgeHTML(b.label, b.color)
	}
	return m
}()

const otherColor = "#475467"

// badge gives the label and the HTML badge of a priority.
func badge(p app.Priority) (label string, html htmltemplate.HTML) {
	if b, ok := badgeColors[p]; ok {
		return b.label, badges[p]
	}
	return string(p), badgeHTML(string(p), otherColor)
}

// badgeHTML is a one-cell table: Outlook paints a cell's background, not a span's.
func badgeHTML(label, color string) htmltemplate.HTML {
	return htmltemplate.HTML(`<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td bgcolor="` +
		color + `" style="background-color:` + color + `;padding:3px 7px;font-family:Arial,Helvetica,sans-serif;` +
		`font-size:11px;font-weight:bold;color:#ffffff;white-space:nowrap;">` +
		htmltemplate.HTMLEscapeString(label) + `</td></tr></table>`)
}

// indent prefixes every line after the first, so multi-line details stay
// inside their alert in the plain-text part.
func indent(prefix, s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\n"+prefix)
}
