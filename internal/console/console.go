package console

import (
	"fmt"
	"strings"
	"sync"

	"vigia/app"
	"vigia/messages"
)

// RunPrinter prints what the service tells the user: the block of every
// finished run, what a recovery of missed slots did, and the pause. What
// happens before the banner is out (a run recovered at start) waits for it, so
// the console reads in order.
type RunPrinter struct {
	con *Console
	// paused reads the scheduler's pause when it changes (Service.Paused).
	paused func() bool

	mu        sync.Mutex
	open      bool
	pending   []string
	wasPaused bool // the pause last printed
}

// NewRunPrinter prints to con; paused reads the scheduler's pause
// (Service.Paused), nil to print no pause.
func NewRunPrinter(con *Console, paused func() bool) *RunPrinter {
	return &RunPrinter{con: con, paused: paused}
}

// OnEvent is an app.Subscriber.
func (p *RunPrinter) OnEvent(ev app.Event) {
	var block string
	switch ev.Kind {
	case app.EventRunFinished:
		block = runBlockText(ev)
	case app.EventRecovered:
		block = recoveryText(ev.Recovery)
	case app.EventSchedulerChanged:
		if p.paused == nil {
			return
		}
		p.mu.Lock()
		now := p.paused()
		if now != p.wasPaused {
			p.wasPaused = now
			block = pauseText(now)
		}
		p.mu.Unlock()
	}
	if block == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.open {
		p.pending = append(p.pending, block)
		return
	}
	p.con.Print(block)
}

// Start prints the waiting blocks and every later one as it comes.
func (p *RunPrinter) Start() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.open = true
	for _, b := range p.pending {
		p.con.Print(b)
	}
	p.pending = nil
}

// rule is the seed's separator line.
var rule = strings.Repeat("=", 60)

// BannerText is the seed's start-up banner: the active triggers, each with its
// schedule, and the jobs the scheduler armed.
func BannerText(triggers []app.Trigger, status app.SchedulerStatus) string {
	var active []app.Trigger
	for _, t := range triggers {
		if t.Active {
			active = append(active, t)
		}
	}
	var b strings.Builder
	line := printLine(&b)
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

// runBlockText is the seed's block for one finished run; a digest written to
// the outbox, rather than sent, says so.
func runBlockText(ev app.Event) string {
	e := ev.Execution
	var b strings.Builder
	line := printLine(&b)
	line("%s", rule)
	line("EJECUTANDO TRIGGER ID: %d", e.TriggerID)
	line("%s", rule)
	line("INFO: Trigger: %s", e.TriggerName)
	if e.State == app.StateSkipped {
		line("INFO: ⏭ Omitida: %s", messages.RunReason("es", e))
	} else {
		line("INFO: Destinatarios: %s", ListOrNone(e.Recipients))
		line("INFO: Prioridades: %s", ListOrNone(priorityNames(ev.Delivery.Priorities)))
		line("INFO: ✓ Empresas con alertas: %d", e.Companies)
		line("INFO: ✓ Total alertas: %d", e.Alerts)
		switch {
		case ev.Delivery.Sent:
			line("INFO: ⏳ Enviando notificaciones...")
			if e.MailRoute == app.MailRouteOutbox {
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
			line("ERROR: ❌ %s", messages.RunReason("es", e))
		}
	}
	line("INFO: ✓ Ejecución registrada en historial")
	line("%s", rule)
	line("FIN EJECUCIÓN TRIGGER ID: %d", e.TriggerID)
	line("%s", rule)
	return b.String()
}

// printLine is a function writing one line to b: a name or a reason in it
// that holds a line break or a terminal's escape prints escaped
// (app.EscapeUnprintable), so it can neither forge a line of its own nor
// drive the terminal. Names saved before Vigía refused them may hold them.
func printLine(b *strings.Builder) func(format string, args ...any) {
	return func(format string, args ...any) {
		b.WriteString(app.EscapeUnprintable(fmt.Sprintf(format, args...)))
		b.WriteByte('\n')
	}
}

func priorityNames(ps []app.Priority) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = string(p)
	}
	return names
}

// ListOrNone joins items with commas, "(ninguno)" when there are none.
func ListOrNone(items []string) string {
	if len(items) == 0 {
		return "(ninguno)"
	}
	return strings.Join(items, ", ")
}

// recoveryText is one line on what an evaluation of missed slots did; "" when
// nothing was missed.
func recoveryText(r app.Recovery) string {
	var parts []string
	if r.Recovered > 0 {
		parts = append(parts, plural(r.Recovered, "ejecución recuperada", "ejecuciones recuperadas"))
	}
	if r.Missed > 0 {
		parts = append(parts, plural(r.Missed, "perdida registrada", "perdidas registradas"))
	}
	if r.Skipped > 0 {
		parts = append(parts, plural(r.Skipped, "omitida por la pausa", "omitidas por la pausa"))
	}
	if r.Uncounted > 0 {
		parts = append(parts, plural(r.Uncounted, "perdida más antigua solo contada", "perdidas más antiguas solo contadas"))
	}
	if len(parts) == 0 {
		return ""
	}
	return "INFO: ↺ Recuperación: " + strings.Join(parts, ", ") + "\n"
}

// pauseText announces the scheduler's pause or its end.
func pauseText(paused bool) string {
	if paused {
		return "INFO: ⏸ Scheduler en pausa: los turnos que lleguen se registran como omitidos\n"
	}
	return "INFO: ▶ Scheduler reanudado\n"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// RoleReporter prints this process's role in the banner and again whenever it
// changes: the leader runs the triggers, a standby waits for the lease.
type RoleReporter struct {
	con  *Console
	self string // this process as a lease holder (app.Lease.Holder)

	mu    sync.Mutex
	shown bool   // the banner is out
	last  string // the role line last printed
}

// NewRoleReporter prints to con the role of this process, named self as a
// lease holder (app.Lease.Holder).
func NewRoleReporter(con *Console, self string) *RoleReporter {
	return &RoleReporter{con: con, self: self}
}

// First returns the banner's role line and lets later changes be printed.
func (r *RoleReporter) First(st app.SchedulerStatus) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.shown, r.last = true, roleText(st, r.self)
	return r.last
}

// Report prints the role line of st if it differs from the last one.
func (r *RoleReporter) Report(st app.SchedulerStatus) {
	line := roleText(st, r.self)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.shown || line == r.last {
		return
	}
	r.last = line
	r.con.Print(line)
}

// roleText says whether this process runs the triggers, and who does if not.
// A process that cannot write the lease says so and why: it never names
// another holder it does not know of.
func roleText(st app.SchedulerStatus, self string) string {
	switch {
	case st.Role == app.RoleNone && st.Problem != nil:
		return "WARNING: Rol: sin turno — este proceso no ejecuta triggers. " + messages.Text("es", *st.Problem) + "\n"
	case st.Role == app.RoleNone:
		return "INFO: Rol: sin turno — este proceso no ejecuta triggers mientras renueva su turno\n"
	case st.Role != app.RoleStandby && st.Problem != nil:
		return "WARNING: Rol: líder (este proceso ejecuta los triggers). " + messages.Text("es", *st.Problem) + "\n"
	case st.Role != app.RoleStandby:
		return "INFO: Rol: líder (este proceso ejecuta los triggers)\n"
	case st.Leader == "" || st.Leader == self:
		return "INFO: Rol: en espera — otro Vigía ejecuta los triggers de esta base de datos\n"
	}
	return fmt.Sprintf("INFO: Rol: en espera — otro Vigía, en %s, ejecuta los triggers de esta base de datos\n", st.Leader)
}
