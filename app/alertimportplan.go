package app

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// importPlan matches checked rows to what is saved, row by row.
type importPlan struct {
	saved    map[string]Company // saved companies, by CompanyKey
	created  map[string]Company // companies this file creates, by CompanyKey
	existing map[alertKey]Alert // saved alerts, the oldest of twins
	seen     map[string]int     // a row's identity -> the line it first came on
	// obligations are the companies whose obligations the file sets, by CompanyKey.
	obligations map[string]companyObligations
	errs        fieldErrors // ImportLineField -> its problems
	res         ImportResult
}

// planImport checks every row and matches it to the companies and alerts
// already saved.
func (s *Service) planImport(ctx context.Context, rows []csvRow) (ImportResult, error) {
	p, err := s.newImportPlan(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	for _, row := range rows {
		p.add(row)
	}
	if err := p.errs.err(); err != nil {
		return ImportResult{}, err
	}
	p.settleCompanies()
	p.settleObligations()
	x, err := s.escalator(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	for i := range p.res.Items {
		if p.res.Items[i].Action != ImportCompanyOnly {
			x.fill(&p.res.Items[i].Alert)
		}
	}
	return p.res, nil
}

// newImportPlan loads the saved companies and alerts to match rows against.
func (s *Service) newImportPlan(ctx context.Context) (*importPlan, error) {
	companies, err := s.store.Companies(ctx)
	if err != nil {
		return nil, fmt.Errorf("load companies: %w", err)
	}
	alerts, err := s.store.Alerts(ctx, AlertFilter{})
	if err != nil {
		return nil, fmt.Errorf("load alerts: %w", err)
	}
	p := &importPlan{saved: map[string]Company{}, created: map[string]Company{},
		existing: map[alertKey]Alert{}, seen: map[string]int{}, obligations: map[string]companyObligations{}, errs: fieldErrors{}}
	for _, c := range companies {
		p.saved[CompanyKey(c.Name)] = c
	}
	for _, a := range alerts { // by ID: the oldest wins when there are twins
		k := keyOf(a.CompanyID, a.Title, a.DueOn)
		if _, ok := p.existing[k]; !ok {
			p.existing[k] = a
		}
	}
	return p, nil
}

// add checks one row against the file so far and the saved data, and plans
// it or records its problems.
func (p *importPlan) add(row csvRow) {
	it, problems := parseImportRow(row)
	key := CompanyKey(it.Company.Name)
	c, known := p.company(key)
	if known && it.Company.NIT != "" && c.NIT != "" && c.NIT != it.Company.NIT {
		problems = append(problems, Msg(CodeImportNITMismatch, Args{"NIT": it.Company.NIT, "Company": c.Name, "CompanyNIT": c.NIT}))
	}
	identity := key + "\x00" + strings.ToLower(it.Alert.Title) + "\x00" + it.Alert.DueOn.Format(DateLayout)
	if first, dup := p.seen[identity]; dup && it.Alert.Title != "" {
		problems = append(problems, Msg(CodeImportRepeated, Args{"Line": first}))
	}
	problems = appendProblem(problems, p.checkObligations(key, it))
	if len(problems) > 0 {
		p.errs.add(ImportLineField(row.line), CodeImportLine, Args{"Problems": problems})
		return
	}
	if it.Action != ImportCompanyOnly {
		p.seen[identity] = row.line
	}
	it.Company = p.learnCompany(key, c, known, it.Company)
	p.matchAlert(&it)
	p.res.Items = append(p.res.Items, it)
}

// company is the saved company, or the one this file creates, under key.
func (p *importPlan) company(key string) (Company, bool) {
	if c, ok := p.saved[key]; ok {
		return c, true
	}
	c, ok := p.created[key]
	return c, ok
}

// learnCompany creates the row's company when it is unknown, or gives a known
// one without a NIT the NIT the row gives.
func (p *importPlan) learnCompany(key string, c Company, known bool, row Company) Company {
	switch {
	case !known:
		c = Company{Name: row.Name, NIT: row.NIT, Active: true}
		p.created[key] = c
		p.res.CompaniesCreated++
	case c.NIT == "" && row.NIT != "":
		c.NIT = row.NIT
		if c.ID == 0 {
			p.created[key] = c
		} else {
			p.saved[key] = c
			p.res.calendar = p.res.calendar || len(c.Responsibilities) > 0 // its dates follow the NIT
		}
	}
	return c
}

// matchAlert makes the row update the saved alert of its company, title and
// due date, or create a new one.
func (p *importPlan) matchAlert(it *ImportItem) {
	c := it.Company
	it.NewCompany = c.ID == 0
	if it.Action == ImportCompanyOnly {
		return
	}
	if a, ok := p.existing[keyOf(c.ID, it.Alert.Title, it.Alert.DueOn)]; ok && c.ID != 0 {
		a.Detail, a.Priority = it.Alert.Detail, it.Alert.Priority
		it.Alert, it.Action = a, ImportUpdate
		p.res.AlertsUpdated++
	} else {
		it.Alert.Open, it.Action = true, ImportCreate
		p.res.AlertsCreated++
	}
}

// settleCompanies gives every row its company as the whole file left it: a
// NIT learnt from a later row applies to the earlier rows of its company.
func (p *importPlan) settleCompanies() {
	for i := range p.res.Items {
		it := &p.res.Items[i]
		key := CompanyKey(it.Company.Name)
		if c, ok := p.created[key]; ok && it.Company.ID == 0 {
			it.Company = c
		} else if c, ok := p.saved[key]; ok {
			it.Company = c
		}
	}
}

// ImportLineField keys the refusal of the file's line (counted from 1, the
// header's included): "linea 3".
func ImportLineField(line int) string { return fmt.Sprintf("linea %d", line) }

type alertKey struct {
	company int64
	title   string
	due     string
}

func keyOf(companyID int64, title string, due time.Time) alertKey {
	return alertKey{companyID, strings.ToLower(strings.TrimSpace(title)), due.Format(DateLayout)}
}
