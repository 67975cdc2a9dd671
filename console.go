package main

import (
	"fmt"
	"strings"
	"sync"

	"vigia/app"
)

// runPrinter prints the block of every finished run. Blocks of runs that end
// before the banner is out (a run recovered at start) wait for it, so the
// console reads in order.
type runPrinter struct {
	con    *console
	outbox bool

	mu      sync.Mutex
	open    bool
	pending []string
}

// onEvent is an app.Subscriber.
func (p *runPrinter) onEvent(ev app.Event) {
	if ev.Kind != app.EventRunFinished {
		return
	}
	block := runBlockText(ev, p.outbox)
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.open {
		p.pending = append(p.pending, block)
		return
	}
	p.con.print(block)
}

// start prints the waiting blocks and every later one as it comes.
func (p *runPrinter) start() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.open = true
	for _, b := range p.pending {
		p.con.print(b)
	}
	p.pending = nil
}

// rule is the seed's separator line.
var rule = strings.Repeat("=", 60)

// bannerText is the seed's start-up banner: the active triggers, each with its
// schedule, and the jobs the scheduler armed.
func bannerText(triggers []app.Trigger, status app.SchedulerStatus) string {
	var active []app.Trigger
	for _, t := range triggers {
		if t.Active {
			active = append(active, t)
		}
	}
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("%s", rule)
	line("🚀 INICIANDO SCHEDULER AUTOMÁTICO DE TRIGGERS")
	line("%s", rule)
	line("INFO: TriggerScheduler inicializado")
	line("INFO: Cargando %d triggers activos...", len(active))
	for _, t := range active {
		line("INFO:   • %s: %s", t.Name, t.Schedule.Describe())
	}
	line("INFO: ✓ %d triggers programados", len(status.Jobs))
	if status.Running {
		line("INFO: ✓ Scheduler iniciado correctamente")
	} else {
		line("ERROR: ❌ El scheduler no está en marcha")
	}
	line("INFO:   Trabajos programados: %d", len(status.Jobs))
	line("%s", rule)
	return b.String()
}

// runBlockText is the seed's block for one finished run. outbox says the
// digest was written to a file rather than sent.
func runBlockText(ev app.Event, outbox bool) string {
	e := ev.Execution
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("%s", rule)
	line("EJECUTANDO TRIGGER ID: %d", e.TriggerID)
	line("%s", rule)
	line("INFO: Trigger: %s", e.TriggerName)
	if e.State == app.StateSkipped {
		line("INFO: ⏭ Omitida: %s", e.Error)
	} else {
		line("INFO: Destinatarios: %s", listOrNone(e.Recipients))
		line("INFO: Prioridades: %s", listOrNone(priorityNames(ev.Delivery.Priorities)))
		line("INFO: ✓ Empresas con alertas: %d", e.Companies)
		line("INFO: ✓ Total alertas: %d", e.Alerts)
		switch {
		case ev.Delivery.Sent:
			line("INFO: ⏳ Enviando notificaciones...")
			if outbox {
				line("INFO: ✅ Email guardado en la bandeja de salida")
			} else {
				line("INFO: ✅ Email enviado exitosamente")
			}
			line("INFO:    Destinatarios: %d", len(e.Recipients))
			line("INFO:    Notificaciones: %d", e.Notified)
		case e.State == app.StateSucceeded:
			line("INFO: ✓ Sin alertas: no se envía correo")
		default:
			if e.Attempts > 0 {
				line("INFO: ⏳ Enviando notificaciones...")
			}
			line("ERROR: ❌ %s", e.Error)
		}
	}
	line("INFO: ✓ Ejecución registrada en historial")
	line("%s", rule)
	line("FIN EJECUCIÓN TRIGGER ID: %d", e.TriggerID)
	line("%s", rule)
	return b.String()
}

func priorityNames(ps []app.Priority) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = string(p)
	}
	return names
}

func listOrNone(items []string) string {
	if len(items) == 0 {
		return "(ninguno)"
	}
	return strings.Join(items, ", ")
}
