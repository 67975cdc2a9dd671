package ui

import "testing"

// Run from `go run`, the program lives in a temporary folder: «Iniciar con el
// sistema» is shown disabled, saying why and what to do, not silently missing.
func TestSettingsAutostartUnderGoRunSaysWhyItIsUnavailable(t *testing.T) {
	// given a Vigía started with go run
	env := newTestEnv(t)
	env.u.deps.AutostartWhyNot = AutostartTemporaryBuild
	env.u.build()
	tab := env.u.settings

	// then the option is there, disabled, with the reason
	if !settingsHasText(tab.object(), "Iniciar con el sistema") || !tab.desktop.autostart.Disabled() {
		t.Error("Iniciar con el sistema is not shown disabled under go run")
	}
	if !settingsHasText(tab.object(), "carpeta temporal") {
		t.Error("the reason (a temporary folder) is not shown")
	}
}
