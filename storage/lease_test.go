package storage_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
	"vigia/storage/storagetest"
)

const leaseTTL = 30 * time.Second

func instance(id string, pid int) app.Lease {
	return app.Lease{HolderID: id, Host: "equipo-" + id, PID: pid}
}

// held is l as the store returns it once taken at now.
func held(l app.Lease, now time.Time) app.Lease {
	l.Name, l.ExpiresAt = "scheduler", now.Add(leaseTTL)
	return l
}

func acquire(t *testing.T, s *storage.Store, me app.Lease, now time.Time, steal string) app.Lease {
	t.Helper()
	got, err := s.AcquireLease(t.Context(), "scheduler", me, now, leaseTTL, steal)
	if err != nil {
		t.Fatalf("acquire for %s at %v: %v", me.HolderID, now, err)
	}
	return got
}

func TestFreeLeaseIsTakenAndItsHolderRenewsIt(t *testing.T) {
	s := storagetest.Open(t, storage.Open)
	a := instance("a", 101)
	t0 := at(2, 8, 0)

	taken := acquire(t, s, a, t0, "")
	renewed := acquire(t, s, a, t0.Add(10*time.Second), "")

	if want := held(a, t0); !reflect.DeepEqual(taken, want) {
		t.Fatalf("free lease:\n got %+v\nwant %+v", taken, want)
	}
	if want := held(a, t0.Add(10*time.Second)); !reflect.DeepEqual(renewed, want) {
		t.Fatalf("renewed lease:\n got %+v\nwant %+v", renewed, want)
	}
}

func TestLeaseHeldByAnotherIsRefusedUntilItExpires(t *testing.T) {
	// given
	s := storagetest.Open(t, storage.Open)
	a, b := instance("a", 101), instance("b", 202)
	t0 := at(2, 8, 0)
	acquire(t, s, a, t0, "")

	// when
	early := acquire(t, s, b, t0.Add(leaseTTL-time.Millisecond), "")
	expired := acquire(t, s, b, t0.Add(leaseTTL), "")

	// then
	if want := held(a, t0); !reflect.DeepEqual(early, want) {
		t.Fatalf("before expiry b got:\n %+v\nwant a's lease\n %+v", early, want)
	}
	if want := held(b, t0.Add(leaseTTL)); !reflect.DeepEqual(expired, want) {
		t.Fatalf("at expiry:\n got %+v\nwant %+v", expired, want)
	}
	if back := acquire(t, s, a, t0.Add(leaseTTL+time.Second), ""); back.HolderID != "b" {
		t.Fatalf("the old holder took the lease back: %+v", back)
	}
}

func TestLeaseOfAHolderFoundDeadIsStolenOnlyFromThatHolder(t *testing.T) {
	// given: a holds an unexpired lease
	s := storagetest.Open(t, storage.Open)
	a, b, c := instance("a", 101), instance("b", 202), instance("c", 303)
	t0 := at(2, 8, 0)
	acquire(t, s, a, t0, "")

	// when: c thinks "x" is dead; then b found a dead
	wrongSteal := acquire(t, s, c, t0.Add(time.Second), "x")
	stolen := acquire(t, s, b, t0.Add(2*time.Second), "a")
	stale := acquire(t, s, c, t0.Add(3*time.Second), "a")

	// then
	if wrongSteal.HolderID != "a" {
		t.Fatalf("stolen naming another holder: %+v", wrongSteal)
	}
	if want := held(b, t0.Add(2*time.Second)); !reflect.DeepEqual(stolen, want) {
		t.Fatalf("stolen lease:\n got %+v\nwant %+v", stolen, want)
	}
	if stale.HolderID != "b" {
		t.Fatalf("a steal from the former holder took b's lease: %+v", stale)
	}
}

func TestLeaseIsReleasedOnlyByItsHolder(t *testing.T) {
	// given
	s := storagetest.Open(t, storage.Open)
	a, b := instance("a", 101), instance("b", 202)
	t0 := at(2, 8, 0)
	acquire(t, s, a, t0, "")

	// when b releases a's lease
	if err := s.ReleaseLease(t.Context(), "scheduler", "b"); err != nil {
		t.Fatal(err)
	}
	// then it is still a's
	if got := acquire(t, s, b, t0.Add(time.Second), ""); got.HolderID != "a" {
		t.Fatalf("released by a non-holder: %+v", got)
	}

	// when a releases it
	if err := s.ReleaseLease(t.Context(), "scheduler", "a"); err != nil {
		t.Fatal(err)
	}
	// then b takes it at once
	if got := acquire(t, s, b, t0.Add(2*time.Second), ""); got.HolderID != "b" {
		t.Fatalf("after release: %+v, want b", got)
	}
}

func TestLeasesOfDifferentNamesAreIndependent(t *testing.T) {
	s := storagetest.Open(t, storage.Open)
	t0 := at(2, 8, 0)
	acquire(t, s, instance("a", 101), t0, "")

	other, err := s.AcquireLease(t.Context(), "otra-cosa", instance("b", 202), t0, leaseTTL, "")

	if err != nil || other.HolderID != "b" || other.Name != "otra-cosa" {
		t.Fatalf("lease of another name: %+v, %v", other, err)
	}
}

func TestTwoProcessesRacingForAFreeLeaseGetOneHolder(t *testing.T) {
	// given: two stores on one file (two processes), many contenders on each
	path := filepath.Join(t.TempDir(), "vigia.db")
	stores := []*storage.Store{storagetest.OpenAt(t, path, storage.Open), storagetest.OpenAt(t, path, storage.Open)}
	const contenders = 40
	t0 := at(2, 8, 0)
	results := make([]app.Lease, contenders)
	errs := make([]error, contenders)
	start := make(chan struct{})
	var wg sync.WaitGroup

	// when
	for i := range contenders {
		wg.Go(func() {
			<-start
			me := instance(fmt.Sprint("i", i), 1000+i)
			results[i], errs[i] = stores[i%2].AcquireLease(t.Context(), "scheduler", me, t0, leaseTTL, "")
		})
	}
	close(start)
	wg.Wait()

	// then: exactly one contender holds it, and every contender was told who
	var winners []string
	for i, got := range results {
		if errs[i] != nil {
			t.Fatalf("contender %d: %v", i, errs[i])
		}
		if got.HolderID == fmt.Sprint("i", i) {
			winners = append(winners, got.HolderID)
		}
	}
	if len(winners) != 1 {
		t.Fatalf("holders %q, want exactly one", winners)
	}
	for i, got := range results {
		if got.HolderID != winners[0] {
			t.Fatalf("contender %d was told %q holds it, but %q does", i, got.HolderID, winners[0])
		}
	}
	if now := acquire(t, stores[1], instance("late", 9), t0.Add(time.Second), ""); now.HolderID != winners[0] {
		t.Fatalf("stored holder %q, want %q", now.HolderID, winners[0])
	}
}
