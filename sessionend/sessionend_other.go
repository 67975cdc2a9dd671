//go:build !windows

package sessionend

// Watch does nothing here: the session's end arrives as SIGTERM.
func Watch(Options) (cancel func(), err error) { return func() {}, nil }
