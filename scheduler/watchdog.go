package scheduler

import (
	"context"
	"fmt"
	"time"
)

// maxClockDrift is how far wall-clock and monotonic time may drift apart
// between two watchdog ticks before the watchdog calls it a jump. NTP slews
// the clock by far less; a suspend, a clock set by hand or a new zone offset
// move it by more.
const maxClockDrift = time.Minute

// systemReadings reads the system's wall clock and its monotonic clock, as
// the time elapsed since the first call. Go's timers, and so gocron's, count
// monotonic time; on Linux and macOS it stands still while the machine
// sleeps, so a timer armed before a suspend fires late in wall-clock time.
func systemReadings() func() (time.Time, time.Duration) {
	start := time.Now()
	return func() (time.Time, time.Duration) {
		now := time.Now()
		return now.Round(0), now.Sub(start)
	}
}

// clockWatch remembers the previous watchdog reading. Only the watchdog loop
// (and Start, before it) touches it.
type clockWatch struct {
	seen    bool
	wall    time.Time
	mono    time.Duration
	offset  int
	pending bool // a jump not yet handled: its handling failed
}

// observe records a reading and describes the jump since the previous one,
// or returns "" when there was none. every is the interval between readings:
// a monotonic clock that counts sleep (Windows') shows a suspend as a tick
// that came far too late.
func (w *clockWatch) observe(wall time.Time, mono, every time.Duration) string {
	_, offset := wall.Zone()
	prev := *w
	w.seen, w.wall, w.mono, w.offset = true, wall, mono, offset
	if !prev.seen {
		return ""
	}
	elapsedWall := wall.Round(0).Sub(prev.wall.Round(0))
	elapsedMono := mono - prev.mono
	switch drift := elapsedWall - elapsedMono; {
	case drift > maxClockDrift:
		return fmt.Sprintf("el reloj avanzó %s más que el tiempo transcurrido (suspensión o cambio de hora)", drift.Round(time.Second))
	case drift < -maxClockDrift:
		return fmt.Sprintf("el reloj retrocedió %s (cambio de hora)", (-drift).Round(time.Second))
	case elapsedMono > every+maxClockDrift:
		return fmt.Sprintf("el proceso estuvo detenido %s (suspensión)", elapsedMono.Round(time.Second))
	case offset != prev.offset:
		return fmt.Sprintf("cambió la diferencia horaria de %s a %s", utcOffset(prev.offset), utcOffset(offset))
	}
	return ""
}

func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, seconds/3600, seconds%3600/60)
}

// watchdogTick checks the clock, then lets the leader do the day's work.
func (c *Coordinator) watchdogTick(ctx context.Context, now time.Time) {
	c.checkClock(ctx, now)
	if c.onTick != nil && c.Leading() && ctx.Err() == nil {
		c.onTick(ctx)
	}
}

// checkClock is the watchdog loop's tick. After a jump the leader calls
// OnClockJump (catch up, then re-arm every timer); a standby only re-arms its
// Scheduler's jobs, so that their timers are right if it becomes the leader.
func (c *Coordinator) checkClock(ctx context.Context, _ time.Time) {
	wall, mono := c.readings()
	if why := c.watch.observe(wall, mono, c.watchEvery); why != "" {
		c.log.Warn("salto del reloj detectado: se revisan las ejecuciones perdidas y se reprograman los triggers", "motivo", why)
		c.watch.pending = true
	}
	if !c.watch.pending {
		return
	}
	var err error
	if c.Leading() {
		if c.onClockJump != nil {
			err = c.onClockJump(ctx)
		}
	} else if s := c.sched.Load(); s != nil {
		err = s.rearmArmed()
	}
	if err != nil {
		if ctx.Err() == nil {
			c.log.Error("no se pudo reprogramar tras el salto del reloj; se reintentará", "error", err)
		}
		return
	}
	c.watch.pending = false
}
