package ui

import (
	"context"
	"time"
)

// The interface's background work (import, export, test mail, demo data)
// runs under one context that ends when Vigía quits: a slow database or mail
// server does not hold up the exit, and no result reaches a window that is
// going away.

// background runs work on a goroutine of its own, under a context that ends
// when Vigía quits or after timeout. The function work returns is then run
// on the UI goroutine to show the result, unless Vigía quit meanwhile.
func (u *UI) background(timeout time.Duration, work func(ctx context.Context) (show func())) {
	ctx, cancel := context.WithTimeout(u.life, timeout)
	go func() {
		defer cancel()
		show := work(ctx)
		u.bridge.run(func() {
			if u.life.Err() == nil {
				show()
			}
		})
	}()
}

// stopBackground cancels the background work, from any goroutine: Vigía is quitting.
func (u *UI) stopBackground() { u.endLife() }
