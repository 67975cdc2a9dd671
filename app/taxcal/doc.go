// Package taxcal owns the DIAN tax calendar: Colombian business days (public
// holidays by their law, civic days as dated data), the national and Bogotá
// obligations with the rule that turns a NIT into a due date, and the
// versioned calendar data (embedded, replaceable without a new binary) that
// holds each published year. It is pure: no clock, no storage, no package of
// the module; app uses it to write the calendar's alerts.
package taxcal
