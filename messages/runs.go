package messages

import "vigia/app"

// RunReason is why run e failed, was skipped or was missed, in lang: the
// words of its Problem, or the Spanish text of a row written before
// problems had codes ("" when there is neither).
func RunReason(lang string, e app.Execution) string {
	if e.Problem != nil {
		return Text(lang, *e.Problem)
	}
	return e.Error
}
