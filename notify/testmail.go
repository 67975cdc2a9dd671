package notify

import (
	"context"
	"fmt"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"

	"vigia/app"
)

// TestSubject is the subject of the message the Configuración screen sends to
// check the mail settings.
const TestSubject = "[Vigía] Mensaje de prueba"

// SendTestMessage sends a short Spanish message to to through the server of
// cfg, in one attempt (no retry: the user is waiting and wants the first
// answer), bounded by WithTimeout. It returns the server's final answer to
// the message (app.CodeTestMailAccepted: "El servidor smtp.gmail.com:587
// aceptó el mensaje: 250 2.0.0 OK ..."). A failure is the exact error of the
// session, classified and worded as a digest's (see ConfigProblem); the
// password never shows in it.
func SendTestMessage(ctx context.Context, cfg Config, to string, opts ...Option) (answer app.Message, err error) {
	m := NewSMTP(cfg, opts...)
	msg, err := newTestMessage(cfg.From, to, m.opts.clock.Now(), "el servidor "+cfg.String())
	if err != nil {
		return app.Message{}, err
	}
	if err := m.attempt(ctx, msg); err != nil {
		return app.Message{}, err
	}
	// go-mail keeps the text of the final reply without its code, which can
	// only be 250 for an accepted message.
	reply := strings.TrimSpace(msg.ServerResponse())
	return app.Msg(app.CodeTestMailAccepted, app.Args{"Addr": cfg.Addr(), "Reply": reply}), nil
}

// SendTestMessage writes the message SendTestMessage sends, addressed to to,
// as an .eml file in the outbox, and says where (app.CodeTestMailSaved:
// "guardado en <file>").
func (o *Outbox) SendTestMessage(ctx context.Context, to string) (answer app.Message, err error) {
	if err := ctx.Err(); err != nil {
		return app.Message{}, err
	}
	now := o.opts.clock.Now()
	msg, err := newTestMessage(o.from, to, now, "la bandeja de salida "+o.dir)
	if err != nil {
		return app.Message{}, err
	}
	path, err := o.save(msg, now, "prueba")
	if err != nil {
		return app.Message{}, err
	}
	return app.Msg(app.CodeTestMailSaved, app.Args{"Path": path}), nil
}

// newTestMessage builds the plain-text test message; via says how it leaves.
func newTestMessage(from, to string, now time.Time, via string) (*mail.Msg, error) {
	if problem := app.AddressProblem(to); problem != nil {
		return nil, varError("destinatario", *problem)
	}
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.FromFormat(SenderName, from); err != nil {
		return nil, fmt.Errorf("remitente %q inválido: %w", from, err)
	}
	if err := m.To(to); err != nil {
		return nil, fmt.Errorf("destinatario %q inválido: %w", to, err)
	}
	m.Subject(TestSubject)
	m.SetDateWithValue(now)
	m.SetMessageIDWithValue(fmt.Sprintf("vigia.prueba.%s@%s", randomHex(12), domainOf(from)))
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetGenHeader(mail.HeaderXMailer, "Vigia")
	m.SetBodyString(mail.TypeTextPlain, fmt.Sprintf(
		"Este es un mensaje de prueba de Vigía.\n\n"+
			"Si lo está leyendo, la configuración de correo funciona: los resúmenes de alertas saldrán por %s.\n\n"+
			"Enviado el %s.\n", via, longDateTime(now)))
	return m, nil
}
