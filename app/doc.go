// Package app is Vigía's core: the domain (triggers, schedules, executions,
// companies and alerts), the schedule arithmetic, the use cases of Service, and
// the ports that adapters implement. It imports no adapter.
package app
