package api

import (
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"vigia/app"
)

// Options configure the API.
type Options struct {
	// Token is the bearer token every endpoint but /api/salud requires. An
	// empty token refuses every authenticated request.
	Token string
	// TokenHint says where the user finds the token (a file path or
	// "VIGIA_API_TOKEN"); the 401 message shows it.
	TokenHint string
	// Version is reported by /api/salud.
	Version string
	// Logger receives request logs (Debug) and internal errors; default slog.Default().
	Logger *slog.Logger
	// AllowRemote admits any Host header: the server was explicitly bound to a
	// non-loopback address.
	AllowRemote bool
	// ShowWindow, when set, serves POST /api/app/mostrar: a second launch of
	// the GUI asks this one to show its window. It is called on the request's
	// goroutine, so it must hand over to the UI's thread (fyne.Do).
	ShowWindow func()
}

// handler holds what the endpoints need; its methods are the endpoints.
type handler struct {
	svc     *app.Service
	log     *slog.Logger
	version string
	mux     *http.ServeMux
	status  atomic.Pointer[statusBody]    // the last status response, see schedulerStatus
	brief   atomic.Pointer[calendarBrief] // the status's calendar, see calendarbrief.go
	show    func()                        // Options.ShowWindow
}

// New returns the API handler over svc, wrapped in the security chain.
func New(svc *app.Service, opts Options) http.Handler {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	h := &handler{svc: svc, log: log, version: opts.Version, mux: http.NewServeMux(), show: opts.ShowWindow}
	h.routes()
	h.watchCalendar(svc)
	return newGuard(h, h.mux, opts)
}

func (h *handler) routes() {
	m := h.mux
	m.HandleFunc("GET /api/salud", h.health)

	m.HandleFunc("GET /api/triggers", h.listTriggers)
	m.HandleFunc("POST /api/triggers", h.createTrigger)
	m.HandleFunc("GET /api/triggers/{id}", h.getTrigger)
	m.HandleFunc("PUT /api/triggers/{id}", h.updateTrigger)
	m.HandleFunc("DELETE /api/triggers/{id}", h.deleteTrigger)
	m.HandleFunc("POST /api/triggers/{id}/ejecutar", h.runTrigger)
	m.HandleFunc("POST /api/triggers/{id}/probar", h.testTrigger)
	// "GET /api/triggers/{id}/proximas" would conflict with
	// "GET /api/triggers/ejecuciones/{id}" (both match .../ejecuciones/proximas
	// and neither is more specific), so the trigger's sub-views share one pattern.
	m.HandleFunc(triggerViewPattern, h.triggerView)

	m.HandleFunc("GET /api/triggers/ejecuciones", h.listExecutions)
	m.HandleFunc("GET /api/triggers/ejecuciones/{id}", h.getExecution)

	m.HandleFunc("GET /api/triggers/scheduler/status", h.schedulerStatus)
	m.HandleFunc("POST /api/triggers/scheduler/reload", h.reloadScheduler)
	m.HandleFunc("POST /api/triggers/scheduler/pausar", h.pauseScheduler)
	m.HandleFunc("POST /api/triggers/scheduler/reanudar", h.resumeScheduler)

	m.HandleFunc("GET /api/empresas", h.listCompanies)
	m.HandleFunc("POST /api/empresas", h.createCompany)
	m.HandleFunc("GET /api/empresas/{id}", h.getCompany)
	m.HandleFunc("PUT /api/empresas/{id}", h.updateCompany)
	m.HandleFunc("DELETE /api/empresas/{id}", h.deleteCompany)
	m.HandleFunc("GET /api/alertas", h.listAlerts)
	m.HandleFunc("POST /api/alertas", h.createAlert)
	m.HandleFunc("GET /api/alertas/{id}", h.getAlert)
	m.HandleFunc("PUT /api/alertas/{id}", h.updateAlert)
	m.HandleFunc("DELETE /api/alertas/{id}", h.deleteAlert)
	m.HandleFunc("POST /api/alertas/{id}/resolver", h.resolveAlert)
	m.HandleFunc("POST "+importPath, h.importAlerts)
	m.HandleFunc("GET "+importPath+"/ejemplo", h.sampleAlerts)
	m.HandleFunc("GET /api/alertas/exportar", h.exportAlerts)
	m.HandleFunc("GET /api/empresas/exportar", h.exportCompanies)
	m.HandleFunc("GET /api/ajustes/escalamiento", h.getEscalation)
	m.HandleFunc("PUT /api/ajustes/escalamiento", h.updateEscalation)

	m.HandleFunc("GET /api/calendario", h.calendarStatus)
	m.HandleFunc("GET /api/calendario/obligaciones", h.listObligations)
	m.HandleFunc("GET /api/calendario/vencimientos", h.listDeadlines)
	m.HandleFunc("GET /api/calendario/alertas", h.listCalendarAlerts)
	m.HandleFunc("GET /api/calendario/exportar", h.exportCalendar)
	m.HandleFunc("POST "+calendarImportPath, h.importCalendar)
	m.HandleFunc("GET /api/ajustes/calendario", h.getCalendarSettings)
	m.HandleFunc("PUT /api/ajustes/calendario", h.updateCalendarSettings)
	if h.show != nil {
		m.HandleFunc(showWindowPattern, h.showWindow)
	}

	// The catch-all turns the mux's plain-text 404 and 405 into the envelope.
	m.HandleFunc("/", h.noRoute)
}

// The one pattern of a trigger's sub-views (see routes), and its first view
// (previewView is the other).
const (
	triggerViewPattern = "GET /api/triggers/{id}/{view}"
	nextRunsView       = "proximas"
)

// probeMethods are the methods noRoute tries when it builds an Allow header.
var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch}

// noRoute answers requests no endpoint matched: 405 with Allow when the path
// exists under other methods, 404 otherwise. The catch-alls do not count as
// endpoints.
func (h *handler) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range probeMethods {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		_, pattern := h.mux.Handler(probe)
		switch pattern {
		case "", "/":
		case triggerViewPattern:
			if v := path.Base(r.URL.Path); v == nextRunsView || v == previewView {
				allow = append(allow, m)
			}
		default:
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		h.fail(w, r, errNoRoute)
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	h.fail(w, r, errMethod)
}

// NewServer returns an http.Server for h on addr with timeouts that keep a
// slow or stuck client from holding connections.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}
