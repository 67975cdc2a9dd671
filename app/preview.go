package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// DigestRenderer writes a digest as the e-mail a run sends (notify implements
// it): the subject and both bodies.
type DigestRenderer interface {
	RenderDigest(d Digest) (subject, html, text string, err error)
}

// DigestPreview is what a trigger would send now.
type DigestPreview struct {
	TriggerID   int64
	TriggerName string
	Subject     string
	Recipients  []string
	Companies   int // companies with alerts
	TotalAlerts int
	HTML        string
	Text        string
	GeneratedAt time.Time // in the configured zone
	// ShownCompanies and ShownAlerts are what HTML and Text hold: the
	// whole digest's counts, fewer when they render its head
	// (PreviewDigestHead).
	ShownCompanies int
	ShownAlerts    int
}

// ErrNoRenderer is returned by PreviewDigest when the Service was built
// without Config.Renderer.
var ErrNoRenderer = errors.New("la vista previa no está disponible: falta el generador del correo")

// PreviewDigest renders the digest trigger id would send now, without
// sending or recording anything. The digest is built as a run builds it.
func (s *Service) PreviewDigest(ctx context.Context, id int64) (DigestPreview, error) {
	return s.PreviewDigestHead(ctx, id, 0, 0)
}

// PreviewDigestHead is PreviewDigest for a page, small however many alerts
// the e-mail carries: the digest is built once, as a run builds it; the
// subject a run sends, the recipients and the counts are the whole digest's,
// and the bodies are rendered from its head (Digest.Head) of at most
// maxAlerts alerts, cut again in proportion while its HTML is longer than
// maxHTML bytes (alerts with long details), down to one alert. Zero limits
// render the whole digest.
func (s *Service) PreviewDigestHead(ctx context.Context, id int64, maxAlerts, maxHTML int) (DigestPreview, error) {
	if s.renderer == nil {
		return DigestPreview{}, ErrNoRenderer
	}
	t, err := s.store.Trigger(ctx, id)
	if err != nil {
		return DigestPreview{}, fmt.Errorf("load trigger %d: %w", id, err)
	}
	d, err := s.buildDigest(ctx, Execution{TriggerID: id, TriggerName: t.Name, Origin: OriginManual}, t)
	if err != nil {
		return DigestPreview{}, fmt.Errorf("preview trigger %d: %w", id, err)
	}
	p := DigestPreview{
		TriggerID: t.ID, TriggerName: t.Name, Recipients: d.Recipients,
		Companies: len(d.Companies), TotalAlerts: d.TotalAlerts(), GeneratedAt: d.GeneratedAt,
	}
	for head := d.Head(maxAlerts); ; {
		p.ShownCompanies, p.ShownAlerts = len(head.Companies), head.TotalAlerts()
		if p.Subject, p.HTML, p.Text, err = s.renderer.RenderDigest(head); err != nil {
			return DigestPreview{}, fmt.Errorf("preview trigger %d: %w", id, err)
		}
		if maxHTML <= 0 || len(p.HTML) <= maxHTML || p.ShownAlerts <= 1 {
			break
		}
		head = d.Head(max(1, min(p.ShownAlerts-1, p.ShownAlerts*maxHTML/len(p.HTML))))
	}
	if p.ShownAlerts < p.TotalAlerts {
		p.Subject = d.Subject() // the head's would count its own alerts
	}
	return p, nil
}

// CodeTestAddressRequired asks for the address a test digest goes to.
const CodeTestAddressRequired Code = "prueba.destinatario.obligatorio"

// SendTest sends the digest of trigger id now to address only (inactive
// triggers too, and even without alerts: the user asked to see it). It
// returns the history row, en_curso, origen prueba — not a slot; the digest
// is sent in the background. ErrRunInProgress while that trigger is running.
func (s *Service) SendTest(ctx context.Context, id int64, address string) (Execution, error) {
	address = strings.TrimSpace(address)
	switch {
	case address == "":
		return Execution{}, Invalid("destinatario", CodeTestAddressRequired, nil)
	case !ValidAddress(address):
		return Execution{}, Invalid("destinatario", CodeAddressInvalid, Args{"Value": address})
	}
	return s.startOnDemand(ctx, id, OriginTest, []string{address})
}

// buildDigest collects what run e of trigger t sends: the open alerts of its
// priorities, to its recipients (a test run's to the one address it was
// claimed with). Runs (deliver) and previews share it, so a preview is what a
// run sends. On a new day the tax calendar's alerts are regenerated first.
func (s *Service) buildDigest(ctx context.Context, e Execution, t Trigger) (Digest, error) {
	s.regenerateDaily(ctx)
	companies, err := s.collect(ctx, t.Priorities)
	if err != nil {
		return Digest{}, problemError{Msg(CodeRunAlertsUnread, Args{"Detail": err.Error()}), err}
	}
	recipients := s.recipientsOf(t)
	if e.Origin == OriginTest {
		recipients = append([]string(nil), e.Recipients...)
	}
	return NewDigest(e, t, recipients, companies, s.clock.Now().In(s.location())), nil
}
