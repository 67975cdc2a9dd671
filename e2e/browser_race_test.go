//go:build unix && race

package e2e

// raceEnabled: the tests run with -race, so the browser tests run a binary
// built with it too.
const raceEnabled = true
