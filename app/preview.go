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
// the e-mail carries: the subject a run sends, the recipients and the counts
// are the whole digest's, and the bodies are rendered from its head
// (Digest.Head) of at most maxAlerts alerts, cut again in proportion while
// its HTML is longer than maxHTML bytes (alerts with long details), down to
// one alert. Only the head's alerts are read; the whole digest's counts come
// from the kept counts (see buildDigestHead). Zero limits render the whole
// digest, built as a run builds it.
func (s *Service) PreviewDigestHead(ctx context.Context, id int64, maxAlerts, maxHTML int) (DigestPreview, error) {
	if s.renderer == nil {
		return DigestPreview{}, ErrNoRenderer
	}
	t, err := s.store.Trigger(ctx, id)
	if err != nil {
		return DigestPreview{}, fmt.Errorf("load trigger %d: %w", id, err)
	}
	e := Execution{TriggerID: id, TriggerName: t.Name, Origin: OriginManual}
	var (
		d      Digest
		totals digestTotals
	)
	if maxAlerts > 0 {
		d, totals, err = s.buildDigestHead(ctx, e, t, maxAlerts)
	} else {
		d, err = s.buildDigest(ctx, e, t)
		totals = digestTotals{companies: len(d.Companies), alerts: d.TotalAlerts(), critical: d.CountByPriority(PriorityCritical)}
	}
	if err != nil {
		return DigestPreview{}, fmt.Errorf("preview trigger %d: %w", id, err)
	}
	p := DigestPreview{
		TriggerID: t.ID, TriggerName: t.Name, Recipients: d.Recipients,
		Companies: totals.companies, TotalAlerts: totals.alerts, GeneratedAt: d.GeneratedAt,
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
		p.Subject = digestSubject(t.Name, totals.alerts, totals.critical) // the head's would count its own alerts
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
		return Digest{}, alertsUnread(err)
	}
	return s.newDigest(e, t, companies), nil
}

// newDigest is run e's digest of trigger t holding companies, to its
// recipients, generated now.
func (s *Service) newDigest(e Execution, t Trigger, companies []CompanyAlerts) Digest {
	recipients := s.recipientsOf(t)
	if e.Origin == OriginTest {
		recipients = append([]string(nil), e.Recipients...)
	}
	return NewDigest(e, t, recipients, companies, s.clock.Now().In(s.location()))
}

// alertsUnread is a run's problem when the open alerts could not be read.
func alertsUnread(err error) error {
	return problemError{Msg(CodeRunAlertsUnread, Args{"Detail": err.Error()}), err}
}
