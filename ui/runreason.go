package ui

import (
	"vigia/app"
	"vigia/messages"
)

// runReason is why run x failed, was skipped or was missed, in the chosen
// language: the words of its problem's code, or the Spanish text of a row
// written before reasons had codes ("" when there is none).
func runReason(x app.Execution) string { return messages.RunReason(currentLanguage(), x) }
