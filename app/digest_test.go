package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"vigia/app"
)

func TestDigestCountsAndSubjectUseTheEffectivePriority(t *testing.T) {
	// given one alert given ALTA but raised to CRITICA by its due date, one
	// CRITICA without escalation computed, and one BAJA left as it was
	d := app.Digest{TriggerName: "Diario", Companies: []app.CompanyAlerts{{Alerts: []app.Alert{
		{Priority: app.PriorityHigh, EffectivePriority: app.PriorityCritical},
		{Priority: app.PriorityCritical},
		{Priority: app.PriorityLow, EffectivePriority: app.PriorityLow},
	}}}}

	// when
	critical, high, low := d.CountByPriority(app.PriorityCritical), d.CountByPriority(app.PriorityHigh), d.CountByPriority(app.PriorityLow)

	// then
	if critical != 2 || high != 0 || low != 1 {
		t.Errorf("counts CRITICA %d, ALTA %d, BAJA %d; want 2, 0, 1", critical, high, low)
	}
	if want := "[Vigía] Diario: 3 alertas (2 críticas)"; d.Subject() != want {
		t.Errorf("subject %q, want %q", d.Subject(), want)
	}
}

func TestDigestOfATestRunHasNoSlot(t *testing.T) {
	// given runs of every origin at the same instant
	at := time.Date(2025, 12, 8, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		origin app.RunOrigin
		slot   bool
	}{
		{app.OriginScheduled, true},
		{app.OriginRecovery, true},
		{app.OriginManual, false},
		{app.OriginTest, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.origin), func(t *testing.T) {
			// when
			d := app.NewDigest(app.Execution{ID: 1, TriggerID: 2, ScheduledFor: at, Origin: tt.origin}, app.Trigger{ID: 2}, nil, nil, at)

			// then
			if got := !d.Slot.IsZero(); got != tt.slot {
				t.Errorf("has slot = %v, want %v", got, tt.slot)
			}
		})
	}
}

// companiesOf is a digest whose companies have the given numbers of alerts,
// named A, B, C… in that order, each alert titled by its company and place.
func companiesOf(sizes ...int) app.Digest {
	d := app.Digest{TriggerName: "Diario"}
	for i, n := range sizes {
		c := app.CompanyAlerts{Company: app.Company{ID: int64(i + 1), Name: string(rune('A' + i))}}
		for j := range n {
			c.Alerts = append(c.Alerts, app.Alert{Title: c.Company.Name + strconv.Itoa(j+1), Priority: app.PriorityHigh})
		}
		d.Companies = append(d.Companies, c)
	}
	return d
}

// shape is a digest's companies and their alert counts: «A3 B2».
func shape(d app.Digest) string {
	var parts []string
	for _, c := range d.Companies {
		parts = append(parts, c.Company.Name+strconv.Itoa(len(c.Alerts)))
	}
	return strings.Join(parts, " ")
}

func TestDigestHeadKeepsWholeCompaniesInOrderAndCutsOnlyToFillMostOfN(t *testing.T) {
	tests := []struct {
		name  string
		sizes []int
		n     int
		want  string
	}{
		{"fits whole", []int{3, 2}, 5, "A3 B2"},
		{"no limit", []int{3, 2}, 0, "A3 B2"},
		{"whole companies up to n", []int{3, 2, 4}, 6, "A3 B2"},
		{"exactly n", []int{3, 2, 4}, 5, "A3 B2"},
		{"the next one is not cut when half of n is shown", []int{5, 40, 1}, 10, "A5"},
		{"the next one is cut when less than half is shown", []int{4, 40, 1}, 10, "A4 B6"},
		{"a first company bigger than n is cut", []int{250, 3}, 100, "A100"},
		{"one alert", []int{3, 2}, 1, "A1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// given
			d := companiesOf(tt.sizes...)

			// when
			head := d.Head(tt.n)

			// then
			if got := shape(head); got != tt.want {
				t.Errorf("Head(%d) of %v = %q, want %q", tt.n, tt.sizes, got, tt.want)
			}
			if head.TriggerName != d.TriggerName || shape(d) != shape(companiesOf(tt.sizes...)) {
				t.Errorf("the head lost the trigger's name or changed the digest: %q, %q", head.TriggerName, shape(d))
			}
		})
	}
}

func TestDigestHeadHoldsTheFirstAlertsOfItsCompanies(t *testing.T) {
	// given a digest whose second company does not fit whole
	d := companiesOf(2, 30)

	// when
	head := d.Head(10)

	// then the cut company keeps its first alerts, and appending to the head
	// does not write into the digest
	b := head.Companies[1].Alerts
	if len(b) != 8 || b[0].Title != "B1" || b[7].Title != "B8" {
		t.Fatalf("cut company's alerts %v", b)
	}
	_ = append(b, app.Alert{Title: "nueva"})
	if got := d.Companies[1].Alerts[8].Title; got != "B9" {
		t.Errorf("the digest's 9th alert of B is %q after appending to the head", got)
	}
}
