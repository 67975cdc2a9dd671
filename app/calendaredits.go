package app

import (
	"slices"

	"vigia/app/taxcal"
)

// calendarMoves reports whether a change of a company can change its
// calendar alerts: its responsibilities, its NIT (the digits that key the
// dates) or whether it is active.
func calendarMoves(before, after Company) bool {
	return before.NIT != after.NIT || before.Active != after.Active ||
		!slices.Equal(before.Responsibilities, after.Responsibilities)
}

// markEdited marks after, a calendar alert the user changed from before, as
// edited, so regeneration leaves it as the user left it; a changed due date
// makes its state editada. Saving it unchanged marks nothing.
func markEdited(before Alert, after *Alert) {
	if after.Calendar == nil {
		return
	}
	dateMoved := !sameDay(before.DueOn, after.DueOn)
	if !dateMoved && before.Title == after.Title && before.Detail == after.Detail &&
		before.Priority == after.Priority && before.CompanyID == after.CompanyID {
		return
	}
	ref := *after.Calendar
	ref.Edited = true
	if dateMoved {
		ref.State = taxcal.StateEdited
	}
	after.Calendar = &ref
}
