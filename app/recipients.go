package app

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxRecipients bounds the addresses of one list (a trigger's, the defaults).
const MaxRecipients = 50

// What is wrong with a list of recipients.
const (
	CodeAddressInvalid     Code = "correo.invalido"
	CodeAddressNotBare     Code = "correo.solo_direccion"
	CodeAddressNoAt        Code = "correo.sin_arroba"
	CodeAddressManyAt      Code = "correo.varias_arrobas"
	CodeAddressNoUser      Code = "correo.sin_usuario"
	CodeAddressBadDomain   Code = "correo.dominio"
	CodeTooManyRecipients  Code = "destinatarios.demasiados"
	CodeRecipientsRequired Code = "destinatarios.obligatorios"
)

// ParseRecipients reads the addresses of text as a user types or pastes
// them: separated by new lines, commas or semicolons. It is the one reading
// of a recipients list (the API's text, the editor, Configuración, the
// environment): blanks and case-insensitive duplicates dropped, order kept,
// each a bare address (ValidAddress). The message says what is wrong with
// the first bad address, or that there are too many.
func ParseRecipients(text string) ([]string, *Message) {
	return parseAddresses(SplitRecipients(text))
}

// SplitRecipients cuts text where ParseRecipients does, without checking
// the pieces: for an adapter that hands the list to a use case that checks
// it together with the other fields (TriggerDraft).
func SplitRecipients(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return r == '\n' || r == '\r' || r == ',' || r == ';'
	})
}

// parseAddresses is ParseRecipients over addresses already split.
func parseAddresses(in []string) ([]string, *Message) {
	out := []string{}
	seen := map[string]bool{}
	for _, raw := range in {
		a := strings.TrimSpace(raw)
		if a == "" {
			continue
		}
		if problem := AddressProblem(a); problem != nil {
			return nil, problem
		}
		if key := strings.ToLower(a); !seen[key] {
			seen[key] = true
			out = append(out, a)
		}
	}
	if len(out) > MaxRecipients {
		m := Msg(CodeTooManyRecipients, Args{"N": len(out), "Max": MaxRecipients})
		return nil, &m
	}
	return out, nil
}

// AddressProblem says why a is not a bare e-mail address (ValidAddress), nil
// when it is one.
func AddressProblem(a string) *Message {
	if ValidAddress(a) {
		return nil
	}
	local, domain, found := strings.Cut(a, "@")
	var m Message
	switch {
	case strings.ContainsAny(a, " <>\"(),;"):
		m = Msg(CodeAddressNotBare, Args{"Value": a})
	case !found:
		m = Msg(CodeAddressNoAt, Args{"Value": a})
	case strings.Contains(domain, "@"):
		m = Msg(CodeAddressManyAt, Args{"Value": a})
	case local == "":
		m = Msg(CodeAddressNoUser, Args{"Value": a})
	case domain == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, "."):
		m = Msg(CodeAddressBadDomain, Args{"Value": a})
	default:
		m = Msg(CodeAddressInvalid, Args{"Value": a})
	}
	return &m
}

// ValidAddress reports whether s is one bare address with a dotted domain,
// written in visible characters: net/mail lets through format characters
// such as a bidi override (U+202E), which would show the address backwards.
func ValidAddress(s string) bool {
	if strings.IndexFunc(s, invisible) >= 0 {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// invisible says r does not show as itself in an address: a control,
// format (bidi, joiner) or blank character, or a byte that is not UTF-8.
// It is stricter than a name's rule (Unprintable): an address holds no
// blank and no joiner.
func invisible(r rune) bool {
	return r == utf8.RuneError || !unicode.IsGraphic(r) || unicode.IsSpace(r)
}
