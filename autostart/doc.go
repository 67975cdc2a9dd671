// Package autostart owns "Iniciar con el sistema": it registers Vigía to start
// when the user logs in, the way each desktop expects it (the Run key of the
// registry on Windows, an XDG autostart entry on Linux and BSD, a LaunchAgent
// on macOS). Everything is per user: no administrator rights are needed.
package autostart
