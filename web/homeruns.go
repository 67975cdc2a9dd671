package web

import (
	"context"
	"strings"
	"time"

	"vigia/app"
)

// upcoming is the core's next runs of the active triggers, as Inicio lists them.
func upcoming(triggers []app.Trigger, now time.Time, loc *time.Location, n int) []nextRun {
	runs := app.UpcomingRuns(triggers, now, loc, n)
	out := make([]nextRun, len(runs))
	for i, r := range runs {
		out[i] = nextRun{At: r.At, Trigger: r.Trigger.Name}
	}
	return out
}

// runSummary says in a few words what a run did.
func runSummary(lang string, x app.Execution) string {
	switch x.State {
	case app.StateRunning:
		return T(lang, "inicio.resumen.en_curso")
	case app.StateSucceeded:
		switch {
		case x.Notified > 0 && x.MailRoute == app.MailRouteOutbox:
			return T(lang, "inicio.resumen.bandeja", "Alertas", x.Notified)
		case x.Notified > 0:
			return T(lang, "inicio.resumen.enviado", "Alertas", x.Notified, "Destinatarios", len(x.Recipients))
		}
		return T(lang, "inicio.resumen.sin_envio")
	}
	return firstLine(runReason(lang, x))
}

// maxReasonRunes bounds a failure card's reason; the history has it whole.
const maxReasonRunes = 140

// shortReason is the first line of a reason, cut to maxReasonRunes.
func shortReason(lang, reason string) string {
	r := []rune(firstLine(reason))
	if len(r) > maxReasonRunes {
		return string(r[:maxReasonRunes-1]) + "…"
	}
	if len(r) == 0 {
		return T(lang, "inicio.fallo.sin_detalle")
	}
	return string(r)
}

// firstLine is the first line of an error text.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// failureCards finds the existing triggers whose last run failed, among those
// of the newest failures, that this session has not put away: up to
// homeMaxFailureCards, and how many more. Test sends do not count.
func (s *Server) failureCards(ctx context.Context, lang string, sess *session, triggers []app.Trigger, now time.Time, d *homeData) error {
	page, err := s.svc.Executions(ctx, app.ExecutionFilter{State: app.StateFailed, Limit: homeFailureScan})
	if err != nil {
		return err
	}
	dismissed := map[int64]bool{}
	if sess != nil {
		s.sessions.update(sess, func(se *session) {
			for id := range se.dismissed {
				dismissed[id] = true
			}
		})
	}
	exists := make(map[int64]bool, len(triggers))
	for _, tr := range triggers {
		exists[tr.ID] = true
	}
	seen := map[int64]bool{}
	for _, x := range page.Executions {
		if x.Origin == app.OriginTest || seen[x.TriggerID] || !exists[x.TriggerID] {
			continue
		}
		seen[x.TriggerID] = true
		lastID, err := s.lastFinishedRun(ctx, x.TriggerID)
		if err != nil {
			return err
		}
		if dismissed[x.ID] || lastID != x.ID {
			continue
		}
		if len(d.Failures) == homeMaxFailureCards {
			d.MoreFail++
			continue
		}
		d.Failures = append(d.Failures, failureCard{RunID: x.ID, TriggerID: x.TriggerID,
			Title: T(lang, "inicio.fallo.titulo", "Trigger", x.TriggerName),
			Body: T(lang, "inicio.fallo.detalle", "Cuando", relative(lang, now, x.StartedAt),
				"Fecha", formatDateTime(lang, s.svc.Location(), x.StartedAt), "Motivo", shortReason(lang, runReason(lang, x)))})
	}
	return nil
}

// lastFinishedRun is the ID of the newest finished run of a trigger (test
// sends aside); 0 when it has none among its last few rows.
func (s *Server) lastFinishedRun(ctx context.Context, triggerID int64) (int64, error) {
	page, err := s.svc.Executions(ctx, app.ExecutionFilter{TriggerID: triggerID, Limit: 5})
	if err != nil {
		return 0, err
	}
	for _, x := range page.Executions {
		if x.State != app.StateRunning && x.Origin != app.OriginTest {
			return x.ID, nil
		}
	}
	return 0, nil
}

// recoveryNotice is the notice of the last evaluation of missed slots, when
// it found any and this session has not put it away.
func (s *Server) recoveryNotice(lang string, sess *session, d *homeData) {
	r := s.svc.LastRecovery()
	if r.Recovered+r.Missed+r.Skipped+r.Uncounted == 0 {
		return
	}
	seen := time.Time{}
	if sess != nil {
		s.sessions.update(sess, func(se *session) { seen = se.recoverySeen })
	}
	if r.EvaluatedAt.UnixMilli() == seen.UnixMilli() {
		return
	}
	var parts []string
	for _, p := range []struct {
		n   int
		key string
	}{
		{r.Recovered, K("inicio.recuperacion.recuperadas")},
		{r.Missed, K("inicio.recuperacion.perdidas")},
		{r.Skipped, K("inicio.recuperacion.omitidas")},
		{r.Uncounted, K("inicio.recuperacion.sin_fila")},
	} {
		if p.n > 0 {
			parts = append(parts, T(lang, p.key, "N", p.n))
		}
	}
	d.Recovery = &notice{Title: T(lang, "inicio.recuperacion.titulo"),
		Body: T(lang, "inicio.recuperacion", "Cuando", formatDateTime(lang, s.svc.Location(), r.EvaluatedAt), "Detalle", strings.Join(parts, ", "))}
	d.RecoveryAt = r.EvaluatedAt.UnixMilli()
}
