package ui

import (
	"strings"

	"vigia/app"
)

// The trigger editor's recipients box: which lines are not an address, and why.

// recipientLinesProblem says which lines of the recipients box are not an
// address, and why; "" when every line is one (or blank).
func recipientLinesProblem(lines []string) string {
	var bad []string
	for i, line := range lines {
		a := strings.TrimSpace(line)
		if a == "" {
			continue
		}
		if why := triggerAddressProblem(a); why != "" {
			bad = append(bad, T("editor.error.linea", map[string]any{"N": i + 1, "Direccion": a, "Motivo": why}))
		}
	}
	if len(bad) > editorMaxBadLines {
		bad = append(bad[:editorMaxBadLines], T("editor.error.mas_lineas", map[string]any{"N": len(bad) - editorMaxBadLines}))
	}
	return strings.Join(bad, "\n")
}

// editorMaxBadLines bounds the recipient lines reported at once.
const editorMaxBadLines = 5

// triggerAddressProblem is why a is not a bare e-mail address; "" when it is one.
func triggerAddressProblem(a string) string {
	if app.ValidAddress(a) {
		return ""
	}
	local, domain, found := strings.Cut(a, "@")
	switch {
	case strings.ContainsAny(a, ",;"):
		return T("editor.correo.una_por_linea")
	case strings.ContainsAny(a, " <>\"()"):
		return T("editor.correo.solo_direccion")
	case !found:
		return T("editor.correo.sin_arroba")
	case strings.Contains(domain, "@"):
		return T("editor.correo.varias_arrobas")
	case local == "":
		return T("editor.correo.sin_usuario")
	case domain == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, "."):
		return T("editor.correo.dominio")
	}
	return T("editor.correo.invalida")
}
