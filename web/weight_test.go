package web

import (
	"html"
	"regexp"
	"slices"
	"testing"
)

// maxPageWeight bounds what a first visit to any page downloads: its HTML
// and every asset (and frame) it links, uncompressed.
const maxPageWeight = 150_000

// linked finds what a page makes the browser fetch: stylesheets, scripts,
// icons, images and frames of this site.
var linked = regexp.MustCompile(`<(?:link|script|img|iframe)\b[^>]*?\s(?:href|src)="(/[^"]*)"`)

// cssURL finds what a stylesheet fetches.
var cssURL = regexp.MustCompile(`url\(\s*["']?(/[^"')]+)`)

// Every page, full of data (2,000 companies, a page of every list, the
// calendar's 200 due dates, an e-mail preview of 2,500 alerts), weighs at
// most maxPageWeight with what it links (the framed e-mail included),
// logged in or not.
func TestEveryPageWithItsAssetsWeighsAtMost150KB(t *testing.T) {
	e := newTestEnv(t)
	ids := e.fill(pageLoad{triggers: 12, companies: 2000, calendarCompanies: 20, alerts: 2500, runs: 250})
	b := e.login()
	paths := pagePaths(ids)
	wantAllPages(t, b, paths)

	heaviest, most := "", 0
	for _, p := range paths {
		w, parts := pageWeight(t, b, p)
		t.Logf("%-28s %7d bytes %v", p, w, parts)
		if w > maxPageWeight {
			t.Errorf("%s weighs %d bytes with what it links (%v), more than %d", p, w, parts, maxPageWeight)
		}
		if w > most {
			heaviest, most = p, w
		}
	}
	loginWeight, _ := pageWeight(t, e.anonymous(), loginPath)
	if loginWeight > maxPageWeight {
		t.Errorf("the login page weighs %d bytes", loginWeight)
	}
	t.Logf("heaviest: %s, %d bytes; login %d bytes", heaviest, most, loginWeight)
	if most < 20_000 {
		t.Errorf("the heaviest page weighs only %d bytes: the data did not fill the pages", most)
	}
}

// pageWeight is the size of path's HTML plus each distinct thing it links
// (and what its stylesheets link), as b downloads them; parts names them.
func pageWeight(t *testing.T, b *browser, path string) (int, map[string]int) {
	t.Helper()
	res := b.get(path)
	if res.Code != 200 {
		t.Fatalf("GET %s: %d", path, res.Code)
	}
	parts := map[string]int{"html": res.Body.Len()}
	total := res.Body.Len()
	queue := matches(linked, res.Body.String())
	if len(queue) < 2 {
		t.Errorf("%s links %v: the stylesheet and the script are missing", path, queue)
	}
	var seen []string
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if slices.Contains(seen, u) {
			continue
		}
		seen = append(seen, u)
		r := b.get(u)
		if r.Code != 200 {
			t.Errorf("%s links %s, which answers %d", path, u, r.Code)
			continue
		}
		parts[u] = r.Body.Len()
		total += r.Body.Len()
		if ct := r.Header().Get("Content-Type"); len(ct) >= 8 && ct[:8] == "text/css" {
			queue = append(queue, matches(cssURL, r.Body.String())...)
		}
	}
	return total, parts
}

// matches are the first groups of re's matches in s, unescaped.
func matches(re *regexp.Regexp, s string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}
