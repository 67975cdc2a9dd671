package storage

import (
	"strings"

	"vigia/app"
)

// The effective priority in SQL. app.EscalationDay.Effective is the rule;
// this file writes the same rule, generated from the day's steps, over the
// alias a of alertas, so that lists, counts and digests filter and count
// where the rows are. TestEffectivePrioritySQLMatchesTheGoRule pins both to
// the same answers. Dates are TEXT "YYYY-MM-DD": they compare as text.

// dueWindow is the due dates a step claims: after the previous steps' (after
// "": no lower bound) and on or before upTo.
type dueWindow struct {
	priority app.Priority
	after    string
	upTo     string
}

// dueWindows are d's steps as disjoint, ascending windows: an alert takes
// the first step its due date falls in, so a step claims only what the steps
// before it left. Steps that are left nothing are dropped.
func dueWindows(d app.EscalationDay) []dueWindow {
	var out []dueWindow
	prev := ""
	for _, s := range d.Steps {
		upTo := s.DueBy.Format(app.DateLayout)
		if prev != "" && upTo <= prev {
			continue
		}
		out = append(out, dueWindow{priority: s.Priority, after: prev, upTo: upTo})
		prev = upTo
	}
	return out
}

// in is a condition: a's due date falls in w (false when a has none).
func (w dueWindow) in() (string, []any) {
	if w.after == "" {
		return "a.vence_el <= ?", []any{w.upTo}
	}
	return "(a.vence_el > ? AND a.vence_el <= ?)", []any{w.after, w.upTo}
}

// effectiveExpr is an expression: a's effective priority on d.
func effectiveExpr(d app.EscalationDay) (string, []any) {
	windows := dueWindows(d)
	if len(windows) == 0 {
		return "a.prioridad", nil
	}
	var (
		b    strings.Builder
		args []any
	)
	b.WriteString("(CASE")
	for _, w := range windows {
		// The windows ascend, so "on or before upTo" is "in w" once the
		// earlier ones did not match.
		b.WriteString(" WHEN a.abierta = 1 AND a.vence_el <= ? THEN ")
		args = append(args, w.upTo)
		keep := priorityArgs(app.Priorities[:min(w.priority.Rank(), len(app.Priorities))])
		if len(keep) == 0 {
			b.WriteString("?")
		} else {
			b.WriteString("CASE WHEN a.prioridad IN (" + marks(len(keep)) + ") THEN a.prioridad ELSE ? END")
			args = append(args, keep...)
		}
		args = append(args, string(w.priority))
	}
	b.WriteString(" ELSE a.prioridad END)")
	return b.String(), args
}

// effectiveIs is a condition: a's effective priority on d is p. It is
// written as ranges of prioridad and vence_el, which the indexes serve: a's
// own priority is p and no more urgent step raised it, or a is open, less
// urgent than p and due in p's window.
func effectiveIs(d app.EscalationDay, p app.Priority) (string, []any) {
	kept, keptArgs := "a.prioridad = ?", []any{string(p)}
	var raised, own []string
	var raisedArgs, ownArgs []any
	for _, w := range dueWindows(d) {
		cond, args := w.in()
		switch {
		case w.priority.Rank() < p.Rank():
			raised = append(raised, cond)
			raisedArgs = append(raisedArgs, args...)
		case w.priority == p:
			own = append(own, cond)
			ownArgs = append(ownArgs, args...)
		}
	}
	if len(raised) > 0 {
		kept += " AND (a.abierta = 0 OR a.vence_el IS NULL OR NOT (" + strings.Join(raised, " OR ") + "))"
		keptArgs = append(keptArgs, raisedArgs...)
	}
	if len(own) == 0 {
		return "(" + kept + ")", keptArgs
	}
	notLess := priorityArgs(app.Priorities[:min(p.Rank()+1, len(app.Priorities))])
	rose := "a.abierta = 1 AND a.prioridad NOT IN (" + marks(len(notLess)) + ") AND (" + strings.Join(own, " OR ") + ")"
	args := append(append(keptArgs, notLess...), ownArgs...)
	return "((" + kept + ") OR (" + rose + "))", args
}

// countTerm is one range count of a total: sign times the alerts that meet cond.
type countTerm struct {
	sign int
	cond string
	args []any
}

// effectiveCount is effectiveIs as a sum of range counts, each served by
// one index range and none by OR: the alerts whose own priority is p, less
// those of them a more urgent step raised, plus the open alerts of each less
// urgent priority due in p's windows. The windows are disjoint, so nothing
// is counted twice. The first term is the alerts whose own priority is p.
func effectiveCount(d app.EscalationDay, p app.Priority) []countTerm {
	terms := []countTerm{{sign: 1, cond: "a.prioridad = ?", args: []any{string(p)}}}
	for _, w := range dueWindows(d) {
		in, inArgs := w.in()
		switch {
		case w.priority.Rank() < p.Rank():
			terms = append(terms, countTerm{sign: -1, cond: "a.prioridad = ? AND a.abierta = 1 AND " + in,
				args: append([]any{string(p)}, inArgs...)})
		case w.priority == p:
			for _, q := range app.Priorities[min(p.Rank()+1, len(app.Priorities)):] {
				terms = append(terms, countTerm{sign: 1, cond: "a.prioridad = ? AND a.abierta = 1 AND " + in,
					args: append([]any{string(q)}, inArgs...)})
			}
		}
	}
	return terms
}

// raise is the open alerts of priority from, due in a window, that the
// window's step raises to priority to.
type raise struct {
	from, to app.Priority
	in       string
	args     []any
}

// raises are every (priority, window) pair whose alerts a step raises: a
// window raises the priorities less urgent than its own.
func raises(d app.EscalationDay) []raise {
	var out []raise
	for _, w := range dueWindows(d) {
		in, args := w.in()
		for _, q := range app.Priorities[min(w.priority.Rank()+1, len(app.Priorities)):] {
			out = append(out, raise{from: q, to: w.priority, in: in, args: args})
		}
	}
	return out
}

// effectiveIn is a condition: a's effective priority on d is one of ps.
func effectiveIn(d app.EscalationDay, ps []app.Priority) (string, []any) {
	var (
		conds []string
		args  []any
	)
	for _, p := range ps {
		cond, a := effectiveIs(d, p)
		conds = append(conds, cond)
		args = append(args, a...)
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

func priorityArgs(ps []app.Priority) []any {
	out := make([]any, len(ps))
	for i, p := range ps {
		out[i] = string(p)
	}
	return out
}

// marks is n comma-separated placeholders.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
