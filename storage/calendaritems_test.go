package storage_test

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
)

// calendarOffice is three companies, whose names sort differently byte by
// byte ("Alfa" < "Zeta" < "beta") and ignoring case, with calendar alerts of
// two obligations, several of them due the same day (one company twice),
// some resolved, one whose due date the user cleared, and an alert the user
// wrote, which no calendar read lists.
func calendarOffice(t *testing.T, s *storage.Store) []app.CalendarItem {
	t.Helper()
	ctx := t.Context()
	var companies []app.Company
	for i, c := range []app.Company{
		{Name: "Zeta S.A.S.", NIT: "900123456-8", Contact: "zeta@ejemplo.com", Active: true},
		{Name: "beta ltda", NIT: "800123456-1", Active: false},
		{Name: "Alfa S.A.S.", NIT: "", Active: true},
	} {
		c.CreatedAt = createdAt.Add(time.Duration(i) * time.Minute)
		c.Responsibilities = []string{"retencion_fuente", "iva_bimestral"}
		c, err := s.CreateCompany(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		companies = append(companies, c)
	}
	var items []app.CalendarItem
	for i, d := range []struct {
		company    int
		obligation string
		due        time.Time
		resolved   bool
	}{
		{0, "retencion_fuente", due(4, 21), false}, {1, "retencion_fuente", due(4, 21), false},
		{2, "retencion_fuente", due(4, 21), true}, {0, "iva_bimestral", due(4, 21), false},
		{2, "iva_bimestral", due(3, 10), false}, {1, "iva_bimestral", due(5, 12), true},
		{0, "retencion_fuente", due(5, 19), false}, {2, "retencion_fuente", due(6, 16), false},
		{1, "retencion_fuente", due(2, 17), false}, {0, "iva_bimestral", time.Time{}, false},
		{2, "iva_bimestral", due(4, 30), false}, {1, "iva_bimestral", due(4, 1), false},
	} {
		c := companies[d.company]
		a := calendarAlert(c.ID, d.obligation, fmt.Sprintf("2026-%02d", i+1), 0, d.due)
		if d.resolved {
			a.Open, a.ResolvedAt, a.ResolutionNote = false, createdAt.Add(time.Hour), "Presentada"
		}
		a, err := s.CreateAlert(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, app.CalendarItem{Company: c, Alert: a})
	}
	manual := app.Alert{CompanyID: companies[2].ID, Title: "Llamar al cliente", Priority: app.PriorityHigh, DueOn: due(4, 21),
		Open: true, CreatedAt: createdAt, UpdatedAt: createdAt}
	if _, err := s.CreateAlert(ctx, manual); err != nil {
		t.Fatal(err)
	}
	return items
}

// wantCalendar is the rule the store follows, in Go: the items f selects,
// by due date, then company name byte by byte, then ID.
func wantCalendar(all []app.CalendarItem, f app.CalendarFilter) []app.CalendarItem {
	var out []app.CalendarItem
	for _, it := range all {
		a := it.Alert
		switch {
		case f.Obligation != "" && a.Calendar.Obligation != f.Obligation,
			f.CompanyID != 0 && a.CompanyID != f.CompanyID,
			f.OpenOnly && !a.Open,
			!f.From.IsZero() && (a.DueOn.IsZero() || a.DueOn.Before(f.From)),
			!f.To.IsZero() && (a.DueOn.IsZero() || a.DueOn.After(f.To)):
			continue
		}
		out = append(out, it)
	}
	slices.SortFunc(out, func(x, y app.CalendarItem) int {
		return cmp.Or(x.Alert.DueOn.Compare(y.Alert.DueOn), strings.Compare(x.Company.Name, y.Company.Name),
			cmp.Compare(x.Alert.ID, y.Alert.ID))
	})
	return out
}

// calendarFilters are filters of every kind and some together, over office.
func calendarFilters(office []app.CalendarItem) []app.CalendarFilter {
	zeta, beta := office[0].Company.ID, office[1].Company.ID
	return []app.CalendarFilter{
		{}, {OpenOnly: true}, {Obligation: "iva_bimestral"}, {Obligation: "renta_personas_juridicas"},
		{CompanyID: zeta}, {CompanyID: beta, OpenOnly: true}, {From: due(4, 21)}, {To: due(4, 21)},
		{From: due(4, 1), To: due(4, 30)}, {From: due(4, 22), To: due(4, 20)},
		{Obligation: "retencion_fuente", CompanyID: zeta, OpenOnly: true, From: due(4, 1), To: due(5, 31)},
		{Obligation: "retencion_fuente", OpenOnly: true, To: due(4, 30)},
	}
}

func TestCalendarItemsFilterAndOrderInTheStore(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given an office with calendar alerts
		s := db.Open(t)
		office := calendarOffice(t, s)

		for _, f := range calendarFilters(office) {
			t.Run(filterName(f), func(t *testing.T) {
				// when every row f selects is read
				got, err := s.CalendarItems(t.Context(), f, app.Page{})

				// then they are the rows of the rule, in its order, whole, and counted
				if err != nil {
					t.Fatal(err)
				}
				want := wantCalendar(office, f)
				if !reflect.DeepEqual(got.Items, want) && !(len(got.Items) == 0 && len(want) == 0) {
					t.Errorf("items:\n%s\nwant:\n%s", itemsText(got.Items), itemsText(want))
				}
				if got.Total != len(want) {
					t.Errorf("total = %d, want %d", got.Total, len(want))
				}
			})
		}
	})
}

func TestCalendarItemsOrderNamesByteByByteWithinADay(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given three companies owing something on 21 April, one of them twice
		s := db.Open(t)
		office := calendarOffice(t, s)

		// when that day is read
		got, err := s.CalendarItems(t.Context(), app.CalendarFilter{From: due(4, 21), To: due(4, 21)}, app.Page{})

		// then Alfa, Zeta (its two by ID) and beta: upper case before lower, as Go compares
		if err != nil {
			t.Fatal(err)
		}
		want := []int64{office[2].Alert.ID, office[0].Alert.ID, office[3].Alert.ID, office[1].Alert.ID}
		if ids := itemIDs(got.Items); !slices.Equal(ids, want) {
			t.Fatalf("21 April = %v, want %v\n%s", ids, want, itemsText(got.Items))
		}
	})
}

func TestCalendarItemsPageThroughWhatTheFilterSelects(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given an office with calendar alerts
		s := db.Open(t)
		office := calendarOffice(t, s)

		for _, f := range calendarFilters(office) {
			want := itemIDs(wantCalendar(office, f))
			for _, limit := range []int{1, 3, 5} {
				// when it is read a page at a time, and past its end
				var ids []int64
				for offset := 0; offset <= len(want); offset += limit {
					page, err := s.CalendarItems(t.Context(), f, app.Page{Limit: limit, Offset: offset})
					if err != nil {
						t.Fatal(err)
					}

					// then each page holds the next rows, at most limit, and the total is every row
					if page.Total != len(want) || len(page.Items) > limit {
						t.Fatalf("%s limit %d offset %d: total %d, %d rows; want %d", filterName(f), limit, offset, page.Total, len(page.Items), len(want))
					}
					ids = append(ids, itemIDs(page.Items)...)
				}
				if !slices.Equal(ids, want) {
					t.Errorf("%s by %d: %v, want %v", filterName(f), limit, ids, want)
				}
			}
		}
		past, err := s.CalendarItems(t.Context(), app.CalendarFilter{}, app.Page{Limit: 5, Offset: 100})
		if err != nil || len(past.Items) != 0 || past.Total != len(office) {
			t.Fatalf("past the end: %d rows, total %d, %v; want none of %d", len(past.Items), past.Total, err, len(office))
		}
	})
}

func TestCalendarItemsCarryTheirCompanyAsStored(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given an office, and a company renamed and made inactive after its alerts were written
		s := db.Open(t)
		office := calendarOffice(t, s)
		zeta := office[0].Company
		zeta.Name, zeta.Active = "Zeta Renombrada S.A.S.", false
		if _, err := s.UpdateCompany(t.Context(), zeta); err != nil {
			t.Fatal(err)
		}

		// when every row is read
		got, err := s.CalendarItems(t.Context(), app.CalendarFilter{}, app.Page{})

		// then each holds its company as Company reads it now, and its alert as Alert does
		if err != nil || len(got.Items) != len(office) {
			t.Fatalf("%d rows, %v; want %d", len(got.Items), err, len(office))
		}
		for _, it := range got.Items {
			c, err := s.Company(t.Context(), it.Alert.CompanyID)
			if err != nil || !reflect.DeepEqual(it.Company, c) {
				t.Errorf("alert %d: company %+v, want %+v (%v)", it.Alert.ID, it.Company, c, err)
			}
			a, err := s.Alert(t.Context(), it.Alert.ID)
			if err != nil || !reflect.DeepEqual(it.Alert, a) {
				t.Errorf("alert %+v, want %+v (%v)", it.Alert, a, err)
			}
		}
	})
}

// filterName is f's fields that are set: «obligation=iva_bimestral,open».
func filterName(f app.CalendarFilter) string {
	var parts []string
	if f.Obligation != "" {
		parts = append(parts, "obligation="+f.Obligation)
	}
	if f.CompanyID != 0 {
		parts = append(parts, fmt.Sprintf("company=%d", f.CompanyID))
	}
	if f.OpenOnly {
		parts = append(parts, "open")
	}
	if !f.From.IsZero() {
		parts = append(parts, "from="+f.From.Format(app.DateLayout))
	}
	if !f.To.IsZero() {
		parts = append(parts, "to="+f.To.Format(app.DateLayout))
	}
	if len(parts) == 0 {
		return "every"
	}
	return strings.Join(parts, ",")
}

func itemIDs(items []app.CalendarItem) []int64 {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.Alert.ID
	}
	return ids
}

func itemsText(items []app.CalendarItem) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "  %d %s %s %s open=%v\n", it.Alert.ID, it.Alert.DueOn.Format(app.DateLayout), it.Company.Name,
			it.Alert.Calendar.Obligation, it.Alert.Open)
	}
	return b.String()
}
