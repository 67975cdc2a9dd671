package app

import (
	"reflect"
	"testing"
)

func TestDigestOrderIsMostUrgentThenNameWhateverOrderTheCompaniesCameIn(t *testing.T) {
	// given companies listed out of name order, an inactive one, one without
	// alerts and one with alerts of priorities not asked for only
	companies := []Company{
		{ID: 1, Name: "zeta", Active: true}, {ID: 2, Name: "Mora  S.A.S.", Active: true}, {ID: 3, Name: "andes", Active: true},
		{ID: 4, Name: "Beta", Active: false}, {ID: 5, Name: "Sin alertas", Active: true}, {ID: 6, Name: "Baja", Active: true},
		{ID: 7, Name: "mora s.a.s.", Active: true},
	}
	counts := map[int64]map[Priority]int{
		1: {PriorityHigh: 2, PriorityLow: 5}, 2: {PriorityCritical: 1, PriorityHigh: 1}, 3: {PriorityHigh: 1},
		4: {PriorityCritical: 9}, 6: {PriorityLow: 3}, 7: {PriorityCritical: 2},
	}

	// when a digest of CRITICA and ALTA (ALTA named twice) orders them
	order, totals := digestOrder(companies, counts, []Priority{PriorityHigh, PriorityCritical, PriorityHigh})

	// then the most urgent come first, by name then ID, and only what the digest holds counts
	var ids []int64
	for _, c := range order {
		ids = append(ids, c.id)
	}
	if want := []int64{2, 7, 3, 1}; !reflect.DeepEqual(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
	if want := (digestTotals{companies: 4, alerts: 7, critical: 3}); totals != want {
		t.Errorf("totals %+v, want %+v", totals, want)
	}
}
