package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"vigia/app/taxcal"
)

// CalendarStore keeps what the tax calendar needs besides companies and alerts.
type CalendarStore interface {
	// CalendarData is the calendar file the user imported (nil when none:
	// the embedded one applies).
	CalendarData(ctx context.Context) ([]byte, error)
	// SetCalendarData stores an imported calendar file (nil removes it).
	SetCalendarData(ctx context.Context, data []byte) error
	// CalendarAlerts returns every alert the calendar wrote (Calendar set),
	// open and resolved, of every company.
	CalendarAlerts(ctx context.Context) ([]Alert, error)
	// CalendarItems returns the calendar alerts f selects (its bounds at
	// 00:00 UTC) with their company, by due date, then company name (byte
	// by byte), then ID: p.Limit of them from the p.Offset-th, every one
	// from it when p.Limit is 0; and how many f selects. EffectivePriority
	// is left empty.
	CalendarItems(ctx context.Context, f CalendarFilter, p Page) (CalendarItemsPage, error)
	// CalendarCompanies counts the companies, says whether an active one
	// owes an obligation and names, by name then ID, the active ones without
	// NIT owing one of the obligations keyed (codes).
	CalendarCompanies(ctx context.Context, keyed []string) (CalendarCompanies, error)
	// ApplyCalendar saves a regeneration in one transaction: it inserts
	// c.Create (skipping any whose company, obligation, period and
	// installment already has an alert) and writes c.Update, each only
	// while its alert is still as read (see CalendarChanges.ReadAt). It
	// returns what it wrote.
	ApplyCalendar(ctx context.Context, c CalendarChanges) (CalendarChanges, error)
}

// calendarState is the Service's part for the tax calendar.
type calendarState struct {
	// mu serialises regenerations (and guards lastDay): two at once would
	// both create what the other creates.
	mu      sync.Mutex
	lastDay time.Time // the day (00:00 UTC) of the last whole regeneration

	lastSync atomic.Pointer[time.Time]
	// current is the calendar the last load found in effect, for the
	// questions that carry no context (NextDeadlines).
	current atomic.Pointer[loadedCalendar]

	// parsed caches the imported file, by content: parsing it on every
	// regeneration would cost more than the regeneration.
	parseMu sync.Mutex
	parsed  struct {
		sum [sha256.Size]byte
		cal *taxcal.Calendar
		err error
	}
}

// loadedCalendar is the calendar in effect and where it came from.
type loadedCalendar struct {
	cal      *taxcal.Calendar
	imported bool
}

func (l loadedCalendar) version() string { return l.cal.Info().Version }

// calendar is the calendar in effect: the imported one, unless none is
// imported, it cannot be read, or the embedded one is newer.
func (s *Service) calendar(ctx context.Context) (loadedCalendar, error) {
	l := loadedCalendar{cal: taxcal.Embedded()}
	data, err := s.store.CalendarData(ctx)
	if err != nil {
		return loadedCalendar{}, fmt.Errorf("read the imported calendar: %w", err)
	}
	if imported, ok := s.importedCalendar(data); ok {
		l = imported
	}
	s.cal.current.Store(&l)
	return l, nil
}

// importedCalendar is data as the calendar in effect, false when it is not:
// nothing imported, unreadable (logged) or older than the embedded one.
func (s *Service) importedCalendar(data []byte) (loadedCalendar, bool) {
	if len(bytes.TrimSpace(data)) == 0 {
		return loadedCalendar{}, false
	}
	cal, err := s.cal.parse(data)
	if err != nil {
		s.log.Warn("el calendario importado no se puede leer: se usa el incluido en Vigía", "error", err)
		return loadedCalendar{}, false
	}
	if compareVersions(taxcal.Embedded().Info().Version, cal.Info().Version) > 0 {
		return loadedCalendar{}, false
	}
	return loadedCalendar{cal: cal, imported: true}, true
}

// parse is taxcal.Parse, remembered for the last content it read.
func (c *calendarState) parse(data []byte) (*taxcal.Calendar, error) {
	sum := sha256.Sum256(data)
	c.parseMu.Lock()
	defer c.parseMu.Unlock()
	if c.parsed.sum != sum || (c.parsed.cal == nil && c.parsed.err == nil) {
		c.parsed.sum = sum
		c.parsed.cal, c.parsed.err = taxcal.Parse(data)
	}
	return c.parsed.cal, c.parsed.err
}

// currentCalendar is the calendar last found in effect, or the embedded one
// before any was loaded.
func (s *Service) currentCalendar() loadedCalendar {
	if l := s.cal.current.Load(); l != nil {
		return *l
	}
	return loadedCalendar{cal: taxcal.Embedded()}
}

// compareVersions orders calendar versions ("2026.2" < "2026.10"): dotted
// parts compared as numbers when both are, else as text.
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		x, y := part(pa, i), part(pb, i)
		nx, errX := strconv.Atoi(x)
		ny, errY := strconv.Atoi(y)
		switch {
		case errX == nil && errY == nil && nx != ny:
			if nx < ny {
				return -1
			}
			return 1
		case (errX != nil || errY != nil) && x != y:
			return strings.Compare(x, y)
		}
	}
	return 0
}

func part(parts []string, i int) string {
	if i < len(parts) {
		return parts[i]
	}
	return "0"
}
