package scheduler

import (
	"context"
	"fmt"
	"time"

	"vigia/app"
)

// leaseName is the lease that names the process scheduling a database.
const leaseName = "scheduler"

// LeaseStore keeps leases. storage.Store implements it.
type LeaseStore interface {
	// AcquireLease takes or renews lease name for me until now+ttl when no one
	// holds it, me holds it, it expired, or steal names its holder; it returns
	// the lease as it stands afterwards.
	AcquireLease(ctx context.Context, name string, me app.Lease, now time.Time, ttl time.Duration, steal string) (app.Lease, error)
	// ReleaseLease drops lease name if holderID holds it.
	ReleaseLease(ctx context.Context, name, holderID string) error
}

// margin is how much earlier than the store this process gives up a lease it
// could not renew, so that it has stopped running slots by the time another
// process may take over.
func (c *Coordinator) margin() time.Duration { return c.ttl / 5 }

// campaignLogged is the lease loop's tick: campaign, with OnLeader's error
// logged (the lease was released; a later tick tries again).
func (c *Coordinator) campaignLogged(ctx context.Context, _ time.Time) {
	if err := c.campaign(ctx); err != nil && ctx.Err() == nil {
		c.log.Error("no se pudo iniciar el scheduler de esta instancia; se reintentará", "error", err)
	}
}

// campaign takes or renews the lease and acts on the outcome, then calls
// OnStatus if what Status says of the lease changed. It returns OnLeader's
// error only.
func (c *Coordinator) campaign(ctx context.Context) error {
	err := c.attempt(ctx)
	// Compared with what the last campaign left, not with what Status said
	// just before: a lease that ran out between two ticks changed the role
	// without a campaign.
	if key := c.roleKey(); key != c.shownKey {
		c.shownKey = key
		if c.onStatus != nil {
			c.onStatus()
		}
	}
	return err
}

// roleKey is what Status says of the lease, as one comparable value.
func (c *Coordinator) roleKey() string {
	role, leader, problem := c.role()
	key := role + "|" + leader
	if problem != nil {
		key += "|" + problem.String()
	}
	return key
}

// attempt takes or renews the lease and acts on the outcome. A lease held by
// a dead process of this machine (a crashed Vigía) is taken at once rather
// than when it expires.
func (c *Coordinator) attempt(ctx context.Context) error {
	now := c.clock.Now()
	c.mu.Lock()
	seen := c.lease
	c.mu.Unlock()

	steal := c.stealable(seen)
	got, err := c.store.AcquireLease(ctx, leaseName, c.me, now, c.ttl, steal)
	if err == nil && got.HolderID != c.me.HolderID {
		if s := c.stealable(got); s != "" && s != steal {
			got, err = c.store.AcquireLease(ctx, leaseName, c.me, now, c.ttl, s)
		}
	}
	if err != nil {
		if ctx.Err() == nil {
			c.warnOnce("lease", "no se pudo renovar el turno de programación en la base de datos", err)
			c.setLeaseErr(err)
		}
		c.lapse(now)
		return nil
	}
	c.setLeaseErr(nil)
	c.recovered("lease", "el turno de programación vuelve a renovarse")
	return c.settle(ctx, now, got)
}

// setLeaseErr records the outcome of an attempt at the lease, for Status.
func (c *Coordinator) setLeaseErr(err error) {
	c.mu.Lock()
	c.leaseErr = err
	c.mu.Unlock()
}

// stealable returns the holder of l when it is a process of this machine
// that no longer lives, else "".
func (c *Coordinator) stealable(l app.Lease) string {
	if l.HolderID == "" || l.HolderID == c.me.HolderID || l.Host == "" || l.Host != c.me.Host {
		return ""
	}
	if c.processAlive(l.PID) {
		return ""
	}
	return l.HolderID
}

// settle records the lease the store returned at now and calls OnLeader or
// OnStandby when the role changed.
func (c *Coordinator) settle(ctx context.Context, now time.Time, got app.Lease) error {
	mine := got.HolderID == c.me.HolderID
	c.mu.Lock()
	// Compared without a monotonic reading: a suspended machine's monotonic
	// clock stands still, while the store's expiry is wall-clock time.
	now = now.Round(0)
	fresh := mine && (!c.leading || !now.Before(c.validUntil))
	lost := !mine && c.leading
	c.lease = got
	c.leading = mine
	if mine {
		c.validUntil = now.Add(c.ttl - c.margin())
	}
	c.mu.Unlock()

	switch {
	case fresh:
		c.log.Debug("esta instancia programa los triggers de la base de datos")
		if c.onLeader == nil {
			return nil
		}
		if err := c.onLeader(ctx); err != nil {
			c.stepDown()
			c.release(context.WithoutCancel(ctx))
			return fmt.Errorf("become leader: %w", err)
		}
	case lost:
		c.log.Warn("otra instancia programa ahora los triggers; esta queda en espera", "lider", got.Holder())
		if c.onStandby != nil {
			c.onStandby()
		}
	}
	return nil
}

// lapse steps down when a lease that could not be renewed ran out locally.
func (c *Coordinator) lapse(now time.Time) {
	c.mu.Lock()
	lapsed := c.leading && !now.Round(0).Before(c.validUntil)
	if lapsed {
		c.leading = false
	}
	c.mu.Unlock()
	if lapsed {
		c.log.Warn("el turno de programación venció sin poder renovarse; esta instancia deja de ejecutar triggers hasta poder renovarlo")
		if c.onStandby != nil {
			c.onStandby()
		}
	}
}

// stepDown gives up leadership without calling OnStandby: OnLeader failed,
// and the lease is being released.
func (c *Coordinator) stepDown() {
	c.mu.Lock()
	c.leading = false
	c.lease = app.Lease{}
	c.mu.Unlock()
}

// release drops the lease if this process holds it.
func (c *Coordinator) release(ctx context.Context) error {
	if err := c.store.ReleaseLease(ctx, leaseName, c.me.HolderID); err != nil {
		c.log.Warn("no se pudo liberar el turno de programación; otra instancia lo tomará al vencer", "error", err)
		return fmt.Errorf("release lease: %w", err)
	}
	return nil
}
