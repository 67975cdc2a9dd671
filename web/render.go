package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"vigia/app"
)

//go:embed templates
var templateFiles embed.FS

// Page is what a handler renders: a template of templates/ (its file name
// without .html), the T key of its title, the nav's area, and its own data.
type Page struct {
	Template string
	Title    string // T key: the <title> and the page's heading
	Area     string // the nav item shown as current (AreaInicio, ...); "" for none
	Status   int    // 0: 200
	Data     any    // the template's .Data
}

// The nav's areas, in order.
const (
	AreaInicio        = "inicio"
	AreaTriggers      = "triggers"
	AreaAlertas       = "alertas"
	AreaCalendario    = "calendario"
	AreaHistorial     = "historial"
	AreaConfiguracion = "configuracion"
)

var navItems = []struct{ area, href, key string }{
	{AreaInicio, "/", K("nav.inicio")},
	{AreaTriggers, "/triggers", K("nav.triggers")},
	{AreaAlertas, "/alertas", K("nav.alertas")},
	{AreaCalendario, "/calendario", K("nav.calendario")},
	{AreaHistorial, "/historial", K("nav.historial")},
	{AreaConfiguracion, "/configuracion", K("nav.configuracion")},
}

// pageSet is every page's template: the layout and the partials
// (templates/parts/*.html) with one page file (templates/<name>.html) each.
type pageSet struct {
	byName map[string]*template.Template
}

// loadPages parses the layout and partials once, then each page over a clone of them.
func loadPages() (*pageSet, error) {
	base, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFiles, "templates/layout.html", "templates/parts/*.html")
	if err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	files, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	ps := &pageSet{byName: map[string]*template.Template{}}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, f)
		if err != nil {
			return nil, fmt.Errorf("web template %s: %w", f, err)
		}
		ps.byName[name] = t
	}
	return ps, nil
}

// templateFuncs are the functions every template may call (besides the
// view's methods: $.T, $.TM, $.DateTime, ...).
var templateFuncs = template.FuncMap{"options": options}

// render writes p inside the layout. It renders into a buffer first, so a
// template error becomes the 500 page instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, p Page) {
	t, ok := s.pages.byName[p.Template]
	if !ok {
		s.fail(w, r, fmt.Errorf("no template %q", p.Template))
		return
	}
	v := s.newView(r, p)
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout.html", v); err != nil {
		s.log.Error("interfaz web: no se pudo mostrar la página", "template", p.Template, "error", err)
		if p.Template != "error" {
			s.refuse(w, r, http.StatusInternalServerError, "error.interno")
		}
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	status := p.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// newView is the layout's data for p: the language, the nav, the flashes
// (taken from the session: each shows once).
func (s *Server) newView(r *http.Request, p Page) *view {
	lang := s.lang(r)
	v := &view{Lang: lang, Area: p.Area, Data: p.Data, Path: r.URL.RequestURI(), Version: s.opts.Version,
		loc: s.svc.Location(), now: s.svc.Now(), assets: s.assets}
	v.Title = T(lang, p.Title)
	if sess := s.currentSession(r); sess != nil {
		v.LoggedIn = true
		s.sessions.update(sess, func(se *session) { v.Flashes, se.flashes = se.flashes, nil })
		for _, n := range navItems {
			v.Nav = append(v.Nav, navLink{Href: n.href, Label: T(lang, n.key), Current: n.area == p.Area})
		}
	}
	return v
}

// view is what the layout and every page template see as dot.
type view struct {
	Lang     string
	Title    string // in words
	Area     string
	Nav      []navLink
	Flashes  []Flash
	LoggedIn bool
	Path     string // this page's path and query, for forms that come back here
	Version  string
	Data     any // the page's own

	loc    *time.Location
	now    time.Time
	assets *assetSet
}

type navLink struct {
	Href, Label string
	Current     bool
}

// T words key in the page's language: {{$.T "inicio.proximas"}}, with
// placeholders as name/value pairs: {{$.T "inicio.estado.activo" "N" 3}}.
func (v *view) T(key string, args ...any) string { return T(v.Lang, key, args...) }

// TM words a core message in the page's language.
func (v *view) TM(m app.Message) string { return TM(v.Lang, m) }

// Asset is an asset's URL with its content hash, so it can be cached for long.
func (v *view) Asset(name string) string { return v.assets.url(name) }

// FlashKind says what a flash message is about; the layout shows the kind in words too.
type FlashKind string

const (
	FlashOK      FlashKind = "ok"
	FlashWarning FlashKind = "aviso"
	FlashError   FlashKind = "error"
)

// Flash is a message shown once on the next page, after a redirect.
type Flash struct {
	Kind FlashKind
	Text string // in words
}

// flash keeps a message for the session's next page.
func (s *Server) flash(r *http.Request, kind FlashKind, text string) {
	if sess := s.currentSession(r); sess != nil {
		s.sessions.update(sess, func(se *session) { se.flashes = append(se.flashes, Flash{Kind: kind, Text: text}) })
	}
}

// redirect answers a form with 303 See Other to path (Post/Redirect/Get).
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// FlashLabel is the word before a flash message, so its kind does not rest on colour.
func (v *view) FlashLabel(k FlashKind) string {
	switch k {
	case FlashOK:
		return T(v.Lang, "flash.ok")
	case FlashWarning:
		return T(v.Lang, "flash.aviso")
	}
	return T(v.Lang, "flash.error")
}
