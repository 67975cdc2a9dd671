package storagetest_test

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"vigia/storage/storagetest"
)

func TestPostgresGivesAFreshDatabaseDroppedWhenTheTestEnds(t *testing.T) {
	// given a database made for an inner test
	var addr, name string
	t.Run("inner", func(t *testing.T) {
		addr = storagetest.Postgres(t)
		conn, err := pgx.Connect(t.Context(), addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())

		// then it is its own, empty database
		var tables int
		err = conn.QueryRow(t.Context(), `SELECT current_database(), (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')`).Scan(&name, &tables)
		if err != nil || !strings.HasPrefix(name, "t_") || tables != 0 || !strings.Contains(addr, "/"+name) {
			t.Fatalf("database %q with %d tables (%v), URL %s", name, tables, err, addr)
		}
	})
	if name == "" {
		t.Skip("the inner test had no database")
	}

	// when the test has ended, then the database is gone
	conn, err := pgx.Connect(t.Context(), os.Getenv(storagetest.EnvURL))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var left int
	if err := conn.QueryRow(t.Context(), `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&left); err != nil || left != 0 {
		t.Fatalf("database %s still there (%d, %v)", name, left, err)
	}
}

// stopper is a testing.TB whose Skip and Fatal record the message and end
// the goroutine, as the real ones do, without ending the test.
type stopper struct {
	testing.TB
	skipped, failed string
}

func (s *stopper) Skip(args ...any)  { s.skipped = strings.TrimSpace(sprint(args)); runtime.Goexit() }
func (s *stopper) Fatal(args ...any) { s.failed = strings.TrimSpace(sprint(args)); runtime.Goexit() }
func (s *stopper) Helper()           {}

func sprint(args []any) string {
	var b strings.Builder
	for _, a := range args {
		b.WriteString(a.(string))
	}
	return b.String()
}

func postgresOn(t *testing.T) *stopper {
	s := &stopper{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		storagetest.Postgres(s)
	}()
	<-done
	return s
}

func TestPostgresWithoutAServerSkipsWithAMessageButFailsInCI(t *testing.T) {
	// given no server named
	t.Setenv(storagetest.EnvURL, "")

	// when a test asks for a database outside CI, then it is skipped
	t.Setenv("VIGIA_CI", "")
	if s := postgresOn(t); !strings.HasPrefix(s.skipped, "PostgreSQL no disponible: defina VIGIA_TEST_DATABASE_URL") || s.failed != "" {
		t.Errorf("outside CI: skipped %q, failed %q", s.skipped, s.failed)
	}

	// and under CI it fails with the same words
	t.Setenv("VIGIA_CI", "1")
	if s := postgresOn(t); !strings.HasPrefix(s.failed, "PostgreSQL no disponible") || s.skipped != "" {
		t.Errorf("in CI: skipped %q, failed %q", s.skipped, s.failed)
	}
}
