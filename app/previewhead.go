package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// digestTotals are a whole digest's counts: its companies, its alerts and
// the CRITICA ones among them (the subject's).
type digestTotals struct {
	companies, alerts, critical int
}

// buildDigestHead is buildDigest for a preview of about n alerts: the digest
// holds the whole digest's first companies only (those Digest.Head(n) cuts
// from), and totals count the whole digest.
func (s *Service) buildDigestHead(ctx context.Context, e Execution, t Trigger, n int) (Digest, digestTotals, error) {
	s.regenerateDaily(ctx)
	companies, totals, err := s.collectHead(ctx, t.Priorities, n)
	if err != nil {
		return Digest{}, digestTotals{}, alertsUnread(err)
	}
	return s.newDigest(e, t, companies), totals, nil
}

// collectHead is collect cut to the first companies that hold n alerts (the
// last one may take them past n), and the whole collection's totals. Both
// come from the kept counts of open alerts by company and effective priority
// (AlertStore.OpenAlertCounts) and the companies, which give each company's
// place in the digest (most urgent alert, then name, then ID) without
// reading its alerts; then only the first companies' alerts are read
// (AlertStore.OpenAlertsOf).
func (s *Service) collectHead(ctx context.Context, priorities []Priority, n int) ([]CompanyAlerts, digestTotals, error) {
	if len(priorities) == 0 {
		return nil, digestTotals{}, nil
	}
	x, err := s.escalator(ctx)
	if err != nil {
		return nil, digestTotals{}, err
	}
	counts, err := s.store.OpenAlertCounts(ctx, x.day)
	if err != nil {
		return nil, digestTotals{}, fmt.Errorf("count open alerts: %w", err)
	}
	companies, err := s.store.CompanyNames(ctx)
	if err != nil {
		return nil, digestTotals{}, fmt.Errorf("load companies: %w", err)
	}
	order, totals := digestOrder(companies, counts, priorities)
	var first []int64
	for kept := 0; len(first) < len(order) && kept < n; {
		first = append(first, order[len(first)].id)
		kept += order[len(first)-1].alerts
	}
	groups, err := s.store.OpenAlertsOf(ctx, first, priorities, x.day)
	if err != nil {
		return nil, digestTotals{}, fmt.Errorf("load open alerts: %w", err)
	}
	return s.groupsInZone(groups), totals, nil
}

// digestCompany is a company's place in a digest: the rank of its most
// urgent alert, its name's key and its alerts.
type digestCompany struct {
	id     int64
	rank   int
	key    string
	alerts int
}

// digestOrder is the companies a digest of priorities holds, in its order,
// from counts (open alerts by company and effective priority), and its
// totals: the active companies with open alerts of those priorities, by
// their most urgent one, then name (CompanyKey), then ID, as
// AlertStore.OpenAlerts orders them. companies need their ID, name and
// state only.
func digestOrder(companies []Company, counts map[int64]map[Priority]int, priorities []Priority) ([]digestCompany, digestTotals) {
	var (
		byRank = make([][]digestCompany, len(Priorities)) // in companies' order
		totals digestTotals
	)
	for _, c := range companies {
		byPriority := counts[c.ID]
		if !c.Active || len(byPriority) == 0 {
			continue
		}
		dc := digestCompany{id: c.ID, rank: len(Priorities)}
		for _, p := range Priorities { // each once, however often priorities names it
			if k := byPriority[p]; k > 0 && slices.Contains(priorities, p) {
				dc.alerts += k
				dc.rank = min(dc.rank, p.Rank())
				if p == PriorityCritical {
					totals.critical += k
				}
			}
		}
		if dc.alerts > 0 {
			dc.key = CompanyKey(c.Name)
			byRank[dc.rank] = append(byRank[dc.rank], dc)
			totals.companies++
			totals.alerts += dc.alerts
		}
	}
	byName := func(x, y digestCompany) int {
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return int(min(max(x.id-y.id, -1), 1))
	}
	order := make([]digestCompany, 0, totals.companies)
	for _, group := range byRank {
		if !slices.IsSortedFunc(group, byName) { // the store lists them by name already
			slices.SortFunc(group, byName)
		}
		order = append(order, group...)
	}
	return order, totals
}
