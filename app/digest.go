package app

import (
	"fmt"
	"slices"
	"time"
)

// Digest is the e-mail of one run: the open alerts matching a trigger, grouped by company.
type Digest struct {
	// ExecutionID and Slot name the run: a retried send keeps one Message-ID
	// per (trigger, slot) so that it can be recognised. Slot is zero for a
	// manual run, which is not a slot.
	ExecutionID int64
	Slot        time.Time
	TriggerID   int64
	TriggerName string
	Recipients  []string
	Priorities  []Priority
	GeneratedAt time.Time // in the configured zone
	Companies   []CompanyAlerts
}

// NewDigest builds the digest of run e of trigger t from the collected alerts.
func NewDigest(e Execution, t Trigger, recipients []string, companies []CompanyAlerts, now time.Time) Digest {
	var slot time.Time
	if e.Origin != OriginManual && e.Origin != OriginTest {
		slot = e.ScheduledFor
	}
	return Digest{
		ExecutionID: e.ID,
		Slot:        slot,
		TriggerID:   t.ID,
		TriggerName: t.Name,
		Recipients:  recipients,
		Priorities:  t.Priorities,
		GeneratedAt: now,
		Companies:   companies,
	}
}

// TotalAlerts counts the alerts of every company.
func (d Digest) TotalAlerts() int {
	n := 0
	for _, c := range d.Companies {
		n += len(c.Alerts)
	}
	return n
}

// Head is the digest cut to about its first n alerts, for a preview that
// stays small however many alerts the e-mail carries: the companies in the
// digest's order, whole while they fit in n. The first company that does not
// fit is cut to fill n only when the whole ones before it hold fewer than
// half of n (a company with many alerts first), so that a head is never
// much smaller than n. With n <= 0, or at most n alerts, the head is d.
func (d Digest) Head(n int) Digest {
	if n <= 0 || d.TotalAlerts() <= n {
		return d
	}
	var companies []CompanyAlerts
	kept := 0
	for _, c := range d.Companies {
		if kept+len(c.Alerts) > n {
			if kept < (n+1)/2 {
				c.Alerts = slices.Clip(c.Alerts[:n-kept])
				companies = append(companies, c)
			}
			break
		}
		companies = append(companies, c)
		kept += len(c.Alerts)
	}
	d.Companies = companies
	return d
}

// CountByPriority counts the alerts of one effective priority (the given one
// when the alert has none computed).
func (d Digest) CountByPriority(p Priority) int {
	n := 0
	for _, c := range d.Companies {
		for _, a := range c.Alerts {
			if digestPriority(a) == p {
				n++
			}
		}
	}
	return n
}

// Subject is the e-mail subject: `[Vigía] <nombre>: N alertas (X críticas)`.
func (d Digest) Subject() string {
	return digestSubject(d.TriggerName, d.TotalAlerts(), d.CountByPriority(PriorityCritical))
}

// digestSubject is the subject of trigger name's digest of alerts alerts,
// critical of them CRITICA.
func digestSubject(name string, alerts, critical int) string {
	return fmt.Sprintf("[Vigía] %s: %s (%s)", name, plural(alerts, "alerta", "alertas"), plural(critical, "crítica", "críticas"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// digestPriority is the priority a digest shows and counts for a: the
// effective (escalated) one when set, else the one it was given.
func digestPriority(a Alert) Priority {
	if a.EffectivePriority != "" {
		return a.EffectivePriority
	}
	return a.Priority
}
