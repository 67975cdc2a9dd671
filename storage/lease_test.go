package storage_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"vigia/app"
	"vigia/storage"
)

const leaseTTL = 30 * time.Second

// pgClockSlack is how far the test server's clock (PostgreSQL's, which
// decides a lease's expiry there) may be from this machine's: the test
// server runs here, so only the calls' time.
const pgClockSlack = 5 * time.Second

func instance(id string, pid int) app.Lease {
	return app.Lease{HolderID: id, Host: "equipo-" + id, PID: pid}
}

// wantHeld fails unless got is l held for ttl from now as the store counts
// it: on SQLite from the caller's now; on PostgreSQL from the database's
// clock, the caller's now ignored (the office's PCs' clocks differ), so
// there from about this moment (the tests' times are in 2025).
func wantHeld(t *testing.T, db testDB, got, l app.Lease, now time.Time, ttl time.Duration) {
	t.Helper()
	l.Name, l.ExpiresAt = "scheduler", now.Add(ttl)
	if db.Backend == "postgres" {
		if d := got.ExpiresAt.Sub(time.Now().Add(ttl)); d > -pgClockSlack && d < pgClockSlack {
			l.ExpiresAt = got.ExpiresAt
		}
	}
	if !reflect.DeepEqual(got, l) {
		t.Fatalf("lease:\n got %+v\nwant %+v", got, l)
	}
}

func acquire(t *testing.T, s *storage.Store, me app.Lease, now time.Time, steal string) app.Lease {
	t.Helper()
	return acquireFor(t, s, me, now, leaseTTL, steal)
}

func acquireFor(t *testing.T, s *storage.Store, me app.Lease, now time.Time, ttl time.Duration, steal string) app.Lease {
	t.Helper()
	got, err := s.AcquireLease(t.Context(), "scheduler", me, now, ttl, steal)
	if err != nil {
		t.Fatalf("acquire for %s at %v: %v", me.HolderID, now, err)
	}
	return got
}

// acquireOnceExpired is me's acquire at expiry, the moment the lease in
// place expires: on SQLite that very now (expired when vence_en <= now); on
// PostgreSQL, where the database's clock decides, asked again until that
// clock has passed it (a few milliseconds), for at most pgClockSlack.
func acquireOnceExpired(t *testing.T, db testDB, s *storage.Store, me app.Lease, expiry time.Time) app.Lease {
	t.Helper()
	got := acquire(t, s, me, expiry, "")
	for deadline := time.Now().Add(pgClockSlack); db.Backend == "postgres" && got.HolderID != me.HolderID && time.Now().Before(deadline); {
		got = acquire(t, s, me, expiry, "")
	}
	return got
}

func TestFreeLeaseIsTakenAndItsHolderRenewsIt(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		a := instance("a", 101)
		t0 := at(2, 8, 0)

		taken := acquire(t, s, a, t0, "")
		renewed := acquire(t, s, a, t0.Add(10*time.Second), "")

		wantHeld(t, db, taken, a, t0, leaseTTL)
		wantHeld(t, db, renewed, a, t0.Add(10*time.Second), leaseTTL)
		if renewed.ExpiresAt.Before(taken.ExpiresAt) {
			t.Fatalf("renewal moved the expiry from %v to %v", taken.ExpiresAt, renewed.ExpiresAt)
		}
	})
}

func TestLeaseHeldByAnotherIsRefusedUntilItExpires(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
		a, b := instance("a", 101), instance("b", 202)
		t0 := at(2, 8, 0)
		taken := acquire(t, s, a, t0, "")

		// when b asks just before it expires
		early := acquire(t, s, b, t0.Add(leaseTTL-time.Millisecond), "")

		// then a keeps it
		if !reflect.DeepEqual(early, taken) {
			t.Fatalf("before expiry b got:\n %+v\nwant a's lease\n %+v", early, taken)
		}

		// when a renews it for a moment only, and b asks once that moment is over
		const moment = 20 * time.Millisecond
		t1 := t0.Add(time.Second)
		acquireFor(t, s, a, t1, moment, "")
		expired := acquireOnceExpired(t, db, s, b, t1.Add(moment))

		// then b holds it, and the old holder cannot take it back
		wantHeld(t, db, expired, b, t1.Add(moment), leaseTTL)
		if back := acquire(t, s, a, t1.Add(moment+time.Second), ""); back.HolderID != "b" {
			t.Fatalf("the old holder took the lease back: %+v", back)
		}
	})
}

func TestLeaseOfAHolderFoundDeadIsStolenOnlyFromThatHolder(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: a holds an unexpired lease
		s := db.Open(t)
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
		wantHeld(t, db, stolen, b, t0.Add(2*time.Second), leaseTTL)
		if stale.HolderID != "b" {
			t.Fatalf("a steal from the former holder took b's lease: %+v", stale)
		}
	})
}

func TestLeaseIsReleasedOnlyByItsHolder(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given
		s := db.Open(t)
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
	})
}

func TestLeasesOfDifferentNamesAreIndependent(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		s := db.Open(t)
		t0 := at(2, 8, 0)
		acquire(t, s, instance("a", 101), t0, "")

		other, err := s.AcquireLease(t.Context(), "otra-cosa", instance("b", 202), t0, leaseTTL, "")

		if err != nil || other.HolderID != "b" || other.Name != "otra-cosa" {
			t.Fatalf("lease of another name: %+v, %v", other, err)
		}
	})
}

func TestTwoProcessesRacingForAFreeLeaseGetOneHolder(t *testing.T) {
	each(t, func(t *testing.T, db testDB) {
		// given: two stores on one database (two processes), many contenders on each
		stores := []*storage.Store{db.Open(t), db.Open(t)}
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
	})
}
