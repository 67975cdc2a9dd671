package notify_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"vigia/app"
	"vigia/notify"
	"vigia/notify/smtptest"
)

// writtenAt is the outbox clock: 08:00:05 in Bogotá.
var writtenAt = time.Date(2025, 12, 8, 13, 0, 5, 0, time.UTC)

func outboxFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestOutboxWritesAParseableEMLWithBothParts(t *testing.T) {
	// given
	dir := filepath.Join(t.TempDir(), "outbox")
	box := notify.NewOutbox(dir, "avisos@estudio.co", notify.WithClock(fixedClock{writtenAt}))
	d := sampleDigest(t)

	// when
	attempts, err := box.SendDigest(context.Background(), d)

	// then
	if err != nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1, nil", attempts, err)
	}
	names := outboxFiles(t, dir)
	if len(names) != 1 {
		t.Fatalf("outbox holds %v, want one file", names)
	}
	if !regexp.MustCompile(`^20251208-080005-trigger7-[0-9a-f]{8}\.eml$`).MatchString(names[0]) {
		t.Errorf("file name %q", names[0])
	}
	data, err := os.ReadFile(filepath.Join(dir, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	p, err := smtptest.ParseMessage(data)
	if err != nil {
		t.Fatalf("parse .eml: %v", err)
	}
	if p.Subject != d.Subject() {
		t.Errorf("subject %q", p.Subject)
	}
	if got := p.Header.Get("X-Vigia-Trigger"); got != "7" {
		t.Errorf("X-Vigia-Trigger %q", got)
	}
	if to, err := p.Header.AddressList("To"); err != nil || len(to) != 2 {
		t.Errorf("To %q (%v)", p.Header.Get("To"), err)
	}
	if from, err := p.Header.AddressList("From"); err != nil || from[0].Name != "Vigía" || from[0].Address != "avisos@estudio.co" {
		t.Errorf("From %q (%v)", p.Header.Get("From"), err)
	}
	if date, err := p.Header.Date(); err != nil || !date.Equal(writtenAt) {
		t.Errorf("Date %q (%v)", p.Header.Get("Date"), err)
	}
	if p.Header.Get("Message-ID") == "" {
		t.Error("no Message-ID")
	}
	assertInOrder(t, "text", p.Text, "Comercial Andina S.A.S.", "Panadería El Trigal")
	assertContains(t, "HTML", p.HTML, "Declaración de IVA", "Renovar matrícula mercantil")
}

func TestOutboxKeepsFilesPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permission bits")
	}
	// given
	dir := filepath.Join(t.TempDir(), "outbox")
	box := notify.NewOutbox(dir, "")

	// when
	if _, err := box.SendDigest(context.Background(), sampleDigest(t)); err != nil {
		t.Fatal(err)
	}

	// then
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o700 {
		t.Errorf("outbox directory mode %o, want 700", perm)
	}
	for _, name := range outboxFiles(t, dir) {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s mode %o, want 600", name, perm)
		}
	}
}

func TestOutboxNamesNeverCollideAndLeaveNoTemporaryFiles(t *testing.T) {
	// given: the clock does not move, so every file has the same timestamp
	dir := t.TempDir()
	box := notify.NewOutbox(dir, "avisos@estudio.co", notify.WithClock(fixedClock{writtenAt}))

	// when
	for range 20 {
		if _, err := box.SendDigest(context.Background(), sampleDigest(t)); err != nil {
			t.Fatal(err)
		}
	}

	// then
	names := outboxFiles(t, dir)
	if len(names) != 20 {
		t.Errorf("outbox holds %d files, want 20", len(names))
	}
	for _, name := range names {
		if !strings.HasSuffix(name, ".eml") || strings.HasPrefix(name, ".") {
			t.Errorf("unexpected file %q", name)
		}
	}
}

func TestOutboxWithoutSenderUsesTheDefaultOne(t *testing.T) {
	// given
	dir := t.TempDir()
	box := notify.NewOutbox(dir, "")

	// when
	if _, err := box.SendDigest(context.Background(), sampleDigest(t)); err != nil {
		t.Fatal(err)
	}

	// then
	data, err := os.ReadFile(filepath.Join(dir, outboxFiles(t, dir)[0]))
	if err != nil {
		t.Fatal(err)
	}
	p, err := smtptest.ParseMessage(data)
	if err != nil {
		t.Fatal(err)
	}
	if from, err := p.Header.AddressList("From"); err != nil || from[0].Address != notify.DefaultOutboxFrom {
		t.Errorf("From %q (%v)", p.Header.Get("From"), err)
	}
}

func TestOutboxThatCannotBeCreatedIsAnErrorAndLeavesNothing(t *testing.T) {
	// given: a file stands where the outbox directory should be
	parent := t.TempDir()
	blocker := filepath.Join(parent, "outbox")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	box := notify.NewOutbox(blocker, "")

	// when
	attempts, err := box.SendDigest(context.Background(), sampleDigest(t))

	// then
	if err == nil || attempts != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 failed attempt", attempts, err)
	}
	if !strings.Contains(err.Error(), "bandeja de salida") {
		t.Errorf("error %q", err)
	}
	if names := outboxFiles(t, parent); len(names) != 1 {
		t.Errorf("left %v behind", names)
	}
}

func TestOutboxDigestWithoutRecipientsMakesNoAttempt(t *testing.T) {
	// given
	dir := t.TempDir()
	d := sampleDigest(t)
	d.Recipients = nil

	// when
	attempts, err := notify.NewOutbox(dir, "").SendDigest(context.Background(), d)

	// then
	if err == nil || attempts != 0 {
		t.Errorf("SendDigest = %d, %v; want 0 attempts and an error", attempts, err)
	}
	if names := outboxFiles(t, dir); len(names) != 0 {
		t.Errorf("wrote %v", names)
	}
}

func TestOutboxModeAndDir(t *testing.T) {
	box := notify.NewOutbox("/datos/outbox", "")
	if box.Dir() != "/datos/outbox" || box.Mode() != "bandeja de salida /datos/outbox" {
		t.Errorf("Dir %q Mode %q", box.Dir(), box.Mode())
	}
}

func TestOutboxGivesASlotTheSameMessageIDAsSMTPDoes(t *testing.T) {
	// given: a run and a recovery run of the same slot
	dir := t.TempDir()
	box := notify.NewOutbox(dir, "avisos@estudio.co", notify.WithClock(fixedClock{writtenAt}))
	first, recovery := slotDigest(t), slotDigest(t)
	recovery.ExecutionID = 43

	// when
	for _, d := range []app.Digest{first, recovery} {
		if _, err := box.SendDigest(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}

	// then
	for _, name := range outboxFiles(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := smtptest.ParseMessage(data)
		if err != nil {
			t.Fatal(err)
		}
		if id := p.Header.Get("Message-ID"); id != wantID {
			t.Errorf("%s: Message-ID %q, want %q", name, id, wantID)
		}
	}
}
