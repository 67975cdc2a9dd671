package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"vigia/app"
)

// The trigger editor's checking: the form read into a draft, the core's
// verdict on it shown field by field, and the next runs it would have.

// draft reads the form: the draft the core validates, and the problems the
// core cannot see (an interval that is not a number) or finds while reading
// the recipients box (the core's one reading of a recipients list).
func (e *triggerEditor) draft() (app.TriggerDraft, map[string]string) {
	local := map[string]string{}
	freq := string(e.selectedFrequency())
	name, description := e.name.Text, e.description.Text
	active, catchUp, sendEmpty := e.active.Checked, e.catchUp.Checked, e.sendEmpty.Checked
	recipients, problem := app.ParseRecipients(e.recipients.Text)
	if problem != nil {
		local["destinatarios"] = TM(*problem)
		recipients = []string{}
	}
	prios := []string{}
	for i, p := range app.Priorities {
		if e.priorities[i].Checked {
			prios = append(prios, string(p))
		}
	}
	d := app.TriggerDraft{
		Name: &name, Description: &description, Frequency: &freq, Recipients: &recipients, Priorities: &prios,
		Active: &active, CatchUp: &catchUp, SendWhenEmpty: &sendEmpty,
	}
	hour := e.hour.Text
	switch app.Frequency(freq) {
	case app.FrequencyDaily:
		d.Time = &hour
	case app.FrequencyWeekly:
		days := []string{}
		for i, wd := range editorWeekdays {
			if e.weekdays[i].Checked {
				days = append(days, app.WeekdayName(wd))
			}
		}
		d.Time, d.Weekdays = &hour, &days
	case app.FrequencyMonthly:
		d.Time = &hour
		switch i := e.day.SelectedIndex(); {
		case i == 31:
			d.DayOfMonth = editorInt(app.LastDayOfMonth)
		case i >= 0:
			d.DayOfMonth = editorInt(i + 1)
		}
	case app.FrequencyHourly:
		n, err := strconv.Atoi(strings.TrimSpace(e.interval.Text))
		if err != nil {
			local["intervalo_horas"] = T("editor.error.intervalo", map[string]any{"Max": app.MaxIntervalHours})
		} else {
			d.IntervalHours = &n
		}
	}
	return d, local
}

func editorInt(v int) *int { return &v }

// validate checks the form with the core, shows every problem next to its
// field, redraws the next runs and enables Guardar only when all is right.
func (e *triggerEditor) validate() {
	if e.loading {
		return
	}
	d, problems := e.draft()
	check := e.u.svc.CheckDraft(e.current, d, editorRuns)
	var v *app.ValidationError
	if errors.As(check.Err, &v) {
		for k, msg := range fieldTexts(v) {
			if _, ours := problems[k]; !ours {
				problems[k] = msg
			}
		}
	}
	e.showErrors(problems)
	e.general.Hide()
	e.showRuns(check)
	triggerSetEnabled(e.save, len(problems) == 0)
}

// showErrors puts each message under its field and hides the others.
func (e *triggerEditor) showErrors(problems map[string]string) {
	var others []string
	for k, msg := range problems {
		if _, ok := e.errs[k]; !ok {
			others = append(others, msg)
		}
	}
	relayout := false
	for k, l := range e.errs {
		msg, bad := problems[k]
		relayout = relayout || bad != l.Visible()
		if bad {
			l.SetText(msg)
			l.Show()
		} else {
			l.Hide()
		}
	}
	if len(others) > 0 {
		slices.Sort(others)
		e.general.SetText(strings.Join(others, "\n"))
		e.general.Show()
	}
	if relayout && e.form != nil {
		e.form.Refresh()
	}
}

// showRuns lists the next runs of the draft's schedule, each with a note when
// it does not fall where asked (a short month, a DST change).
func (e *triggerEditor) showRuns(check app.DraftCheck) {
	if len(check.NextRuns) == 0 {
		e.preview.SetText(T("editor.proximas.sin_programacion"))
		return
	}
	loc := e.u.svc.Location()
	lines := make([]string, len(check.NextRuns))
	for i, slot := range check.NextRuns {
		lines[i] = editorRunLine(e.u.formatDateTime(slot), slotNote(check.Schedule, slot, loc))
	}
	e.preview.SetText(strings.Join(lines, "\n"))
}

// editorRunLine is one line of the next-runs preview.
func editorRunLine(when, note string) string {
	if note == "" {
		return "• " + when
	}
	return "• " + when + " — " + note
}
