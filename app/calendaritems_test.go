package app_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"

	"vigia/app"
)

func TestCalendarPagePagesTheCalendarListWithEffectivePriorities(t *testing.T) {
	// given six clients owing withholding and VAT, seen on 9 March 2026,
	// days before some withholding is due
	w := newWorld(t, withClockAt(march2.AddDate(0, 0, 7)))
	ctx := context.Background()
	for i := range 6 {
		w.client(t, fmt.Sprintf("Cliente %d S.A.S.", 6-i), nitEnding(i), "retencion_fuente", "iva_bimestral")
	}
	all, err := w.svc.CalendarItems(ctx, app.CalendarFilter{OpenOnly: true})
	if err != nil || len(all) <= app.DefaultAlertLimit {
		t.Fatalf("%d calendar alerts (%v), want more than a default page", len(all), err)
	}

	// when the list is read a page at a time, and with the default page
	var ids []int64
	for offset := 0; offset < len(all); offset += 7 {
		page, err := w.svc.CalendarPage(ctx, app.CalendarFilter{OpenOnly: true}, app.Page{Limit: 7, Offset: offset})
		if err != nil || page.Total != len(all) || len(page.Items) != min(7, len(all)-offset) {
			t.Fatalf("offset %d: %d rows of %d, %v; want %d of %d", offset, len(page.Items), page.Total, err, min(7, len(all)-offset), len(all))
		}
		for _, it := range page.Items {
			ids = append(ids, it.Alert.ID)
		}
	}
	first, err := w.svc.CalendarPage(ctx, app.CalendarFilter{OpenOnly: true}, app.Page{})

	// then the pages are the whole list in its order, and a default page is DefaultAlertLimit rows
	want := make([]int64, len(all))
	for i, it := range all {
		want[i] = it.Alert.ID
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("pages = %v\nwant    %v", ids, want)
	}
	if err != nil || len(first.Items) != app.DefaultAlertLimit || first.Items[0].Alert.ID != want[0] {
		t.Fatalf("default page: %d rows, %v", len(first.Items), err)
	}
	// and every row's effective priority is the escalation's on that day,
	// some raised above the priority the calendar wrote
	e, err := w.svc.Escalation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	day, raised := e.On(dateOn("2026-03-09")), 0
	for _, it := range all {
		a := it.Alert
		if a.EffectivePriority != day.Effective(a) {
			t.Fatalf("alert %d due %s: effective %s, want %s", a.ID, a.DueOn, a.EffectivePriority, day.Effective(a))
		}
		if a.EffectivePriority != a.Priority {
			raised++
		}
		if a.CreatedAt.Location() != w.svc.Location() || it.Company.CreatedAt.Location() != w.svc.Location() {
			t.Fatalf("alert %d created %v, company %v: not in the service's zone", a.ID, a.CreatedAt, it.Company.CreatedAt)
		}
	}
	if raised == 0 {
		t.Fatal("no alert escalated: the check above proves nothing")
	}
}

func TestCalendarPageRefusesABadWindowOrObligationByField(t *testing.T) {
	w := newWorld(t, withClockAt(march2))
	ctx := context.Background()
	w.client(t, "Acme S.A.S.", nitEnding(6), "retencion_fuente")
	for _, c := range []struct {
		f      app.CalendarFilter
		p      app.Page
		fields []string
	}{
		{app.CalendarFilter{}, app.Page{Limit: -1}, []string{"limit"}},
		{app.CalendarFilter{}, app.Page{Limit: app.MaxAlertLimit + 1}, []string{"limit"}},
		{app.CalendarFilter{}, app.Page{Offset: -1}, []string{"offset"}},
		{app.CalendarFilter{Obligation: "iva"}, app.Page{Limit: 10}, []string{"obligacion"}},
		{app.CalendarFilter{Obligation: "iva"}, app.Page{Limit: -5, Offset: -1}, []string{"limit", "obligacion", "offset"}},
	} {
		// when the page is asked for
		_, err := w.svc.CalendarPage(ctx, c.f, c.p)

		// then it is refused naming each bad field
		var ve *app.ValidationError
		if !errors.As(err, &ve) || !slices.Equal(slices.Sorted(maps.Keys(ve.Problems)), c.fields) {
			t.Errorf("%+v %+v: %v, want a refusal of %v", c.f, c.p, err, c.fields)
		}
	}
	if page, err := w.svc.CalendarPage(ctx, app.CalendarFilter{}, app.Page{Limit: app.MaxAlertLimit, Offset: 1_000_000}); err != nil ||
		len(page.Items) != 0 || page.Items == nil || page.Total == 0 {
		t.Fatalf("past the end: %+v, %v; want no rows (not nil) of some", page, err)
	}
}
