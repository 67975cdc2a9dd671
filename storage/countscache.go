package storage

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"sync"

	"vigia/app"
)

// countsCache is OpenAlertCounts' last answer, for the alerts version
// (alertas_version, moved by triggers on every change that can move an open
// alert between companies or effective priorities) and the day's steps it was
// computed for. The counts change only with those two, so a request between
// changes reads one row instead of counting tens of thousands.
type countsCache struct {
	mu      sync.Mutex
	version int64
	day     string
	counts  map[int64]map[app.Priority]int
}

// get is the cached answer for version and day, copied, or false.
func (c *countsCache) get(version int64, day string) (map[int64]map[app.Priority]int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts == nil || c.version != version || c.day != day {
		return nil, false
	}
	return copyCounts(c.counts), true
}

// put keeps counts for version and day unless a later version is kept.
func (c *countsCache) put(version int64, day string, counts map[int64]map[app.Priority]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts != nil && c.version > version {
		return
	}
	c.version, c.day, c.counts = version, day, copyCounts(counts)
}

// copyCounts is a deep copy: callers own what they are given.
func copyCounts(in map[int64]map[app.Priority]int) map[int64]map[app.Priority]int {
	out := make(map[int64]map[app.Priority]int, len(in))
	for id, m := range in {
		out[id] = maps.Clone(m)
	}
	return out
}

// dayKey is d's steps as text: two days with the same steps count alike.
func dayKey(d app.EscalationDay) string {
	var b strings.Builder
	for _, s := range d.Steps {
		b.WriteString(string(s.Priority) + "<=" + s.DueBy.Format(app.DateLayout) + ";")
	}
	return b.String()
}

// alertsVersion reads alertas_version. It is read before the counts: counts
// newer than the version they are kept under are recounted at the next
// version, never older counts kept under a newer one.
func (s *Store) alertsVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.reads().QueryRowContext(ctx, `SELECT v FROM alertas_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read alerts version: %w", err)
	}
	return v, nil
}
