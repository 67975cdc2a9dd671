package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"vigia/app"
	"vigia/storage/storagetest"
)

// insertCompany is a write that adds a company named name.
func insertCompany(name string) writeFunc {
	return func(ctx context.Context, tx querier) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO empresas (nombre, nombre_clave) VALUES (?, ?)`, name, app.CompanyKey(name))
		return err
	}
}

func companyNames(t *testing.T, q querier) []string {
	t.Helper()
	rows, err := q.QueryContext(t.Context(), `SELECT nombre FROM empresas ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	return names
}

// holdWriter makes the writer goroutine busy until the returned release is
// called, so the writes queued meanwhile wait in the queue.
func holdWriter(t *testing.T, s *Store) (release func()) {
	t.Helper()
	started, unblock := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.writer.do(context.Background(), func(context.Context, querier) error {
			close(started)
			<-unblock
			return nil
		})
	}()
	<-started
	return func() {
		close(unblock)
		if err := <-done; err != nil {
			t.Errorf("holding write: %v", err)
		}
	}
}

// waitQueued yields until n writes are queued (no clock involved).
func waitQueued(s *Store, n int) {
	for {
		s.writer.mu.Lock()
		queued := len(s.writer.queue)
		s.writer.mu.Unlock()
		if queued >= n {
			return
		}
		runtime.Gosched()
	}
}

func TestFailingWriteInBatchRollsBackOnlyItself(t *testing.T) {
	// given: a migrated database and a connection of our own
	s := storagetest.Open(t, Open)
	db, err := sql.Open("sqlite", dsn(s.path, 5e9, false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	failing := func(ctx context.Context, tx querier) error {
		if err := insertCompany("B")(ctx, tx); err != nil {
			return err
		}
		return errors.New("B changed its mind")
	}
	panicking := func(ctx context.Context, tx querier) error {
		insertCompany("D")(ctx, tx)
		panic("D is broken")
	}
	ops := []*writeOp{{fn: insertCompany("A")}, {fn: failing}, {fn: insertCompany("C")}, {fn: panicking}, {fn: insertCompany("A")}}

	// when
	errs := commitBatch(t.Context(), conn, ops)

	// then
	if errs[0] != nil || errs[2] != nil {
		t.Fatalf("good writes failed: %v", errs)
	}
	if errs[1] == nil || errs[3] == nil || !isUniqueViolation(errs[4]) {
		t.Fatalf("bad writes: %v, %v, %v; want their own errors", errs[1], errs[3], errs[4])
	}
	if got := fmt.Sprint(companyNames(t, s.read)); got != "[A C]" {
		t.Fatalf("committed companies %s, want [A C]", got)
	}
}

func TestQueuedWritesShareOneCommitAndEachGetsItsAnswer(t *testing.T) {
	// given
	s := storagetest.Open(t, Open)
	release := holdWriter(t, s)
	names := []string{"A", "B", "A", "C"}
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() { errs[i] = s.writer.do(context.Background(), insertCompany(name)) })
		waitQueued(s, i+1) // keep the queue in order
	}

	commitsBefore := s.writer.commits.Load()

	// when
	release()
	wg.Wait()

	// then
	if commits := s.writer.commits.Load() - commitsBefore; commits != 2 {
		t.Fatalf("%d commits, want 2: the held write's, then one for the four queued", commits)
	}
	if errs[0] != nil || errs[1] != nil || errs[3] != nil || !isUniqueViolation(errs[2]) {
		t.Fatalf("answers %v; want only the duplicate A to fail", errs)
	}
	if got := fmt.Sprint(companyNames(t, s.read)); got != "[A B C]" {
		t.Fatalf("companies %s, want [A B C]", got)
	}
}

func TestWriteAbandonedWhileQueuedNeverRuns(t *testing.T) {
	// given
	s := storagetest.Open(t, Open)
	release := holdWriter(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	ran := false
	result := make(chan error, 1)
	go func() {
		result <- s.writer.do(ctx, func(ctx context.Context, tx querier) error {
			ran = true
			return insertCompany("abandonada")(ctx, tx)
		})
	}()
	waitQueued(s, 1)

	// when
	cancel()
	err := <-result
	release()
	if err := s.writer.do(t.Context(), insertCompany("después")); err != nil {
		t.Fatal(err)
	}

	// then
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if ran {
		t.Fatal("an abandoned write ran")
	}
	if got := fmt.Sprint(companyNames(t, s.read)); got != "[después]" {
		t.Fatalf("companies %s", got)
	}
}

func TestWriteWithEndedContextIsNotQueued(t *testing.T) {
	s := storagetest.Open(t, Open)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	_, err := s.CreateCompany(ctx, app.Company{Name: "tarde"})

	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if names := companyNames(t, s.read); len(names) != 0 {
		t.Fatalf("companies %v", names)
	}
}

func TestCloseCommitsQueuedWritesBeforeClosing(t *testing.T) {
	// given
	path := filepath.Join(t.TempDir(), "vigia.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	release := holdWriter(t, s)
	const n = 20
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = s.writer.do(context.Background(), insertCompany(fmt.Sprint("E", i))) })
	}
	waitQueued(s, n)

	// when
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	release()
	wg.Wait()
	if err := <-closed; err != nil {
		t.Fatal(err)
	}

	// then
	for i, err := range errs {
		if err != nil {
			t.Errorf("queued write %d: %v", i, err)
		}
	}
	s, err = Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if names := companyNames(t, s.read); len(names) != n {
		t.Fatalf("%d companies after reopen, want %d", len(names), n)
	}
}
