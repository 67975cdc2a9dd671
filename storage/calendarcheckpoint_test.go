package storage

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"vigia/app"
	"vigia/storage/storagetest"
)

// writerPragma is an integer PRAGMA of the writer connection, read in a
// write of its own (after the batch before it has been answered).
func writerPragma(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	var n int64
	err := s.writer.do(t.Context(), func(ctx context.Context, tx querier) error {
		return tx.QueryRowContext(ctx, "PRAGMA "+name).Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBigCalendarWriteCheckpointsAfterItsAnswer(t *testing.T) {
	// given a store whose writer checkpoints automatically, and a company
	s := storagetest.Open(t, Open)
	auto := writerPragma(t, s, "wal_autocheckpoint")
	if auto <= 0 {
		t.Fatalf("wal_autocheckpoint %d, want the automatic checkpoint on", auto)
	}
	c, err := s.CreateCompany(t.Context(), app.Company{Name: "Acme", Active: true})
	if err != nil {
		t.Fatal(err)
	}

	// when a big write saves thousands of alerts (far more than auto pages of WAL)
	alerts := calendarBatch(c.ID, bigWrite)
	for i := range alerts {
		alerts[i].Detail += strings.Repeat("x", 800) // ~6 MB in all
	}
	out, err := s.ApplyCalendar(t.Context(), app.CalendarChanges{Create: alerts})
	if err != nil || len(out.Create) != len(alerts) {
		t.Fatalf("inserted %d of %d: %v", len(out.Create), len(alerts), err)
	}

	// then the automatic checkpoint is back on for the next writes, and the
	// checkpoint the commit skipped ran after the answer: the database file
	// holds every page, not only the WAL
	if got := writerPragma(t, s, "wal_autocheckpoint"); got != auto {
		t.Errorf("wal_autocheckpoint %d after the big write, want %d", got, auto)
	}
	pages, size := writerPragma(t, s, "page_count"), writerPragma(t, s, "page_size")
	info, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if pages*size < 5<<20 || info.Size() != pages*size {
		t.Errorf("database file %d bytes, want its %d pages of %d bytes (> 5 MB) checkpointed", info.Size(), pages, size)
	}
}

func TestHeldCheckpointIsReleasedWhateverTheBatch(t *testing.T) {
	s := storagetest.Open(t, Open)
	auto := writerPragma(t, s, "wal_autocheckpoint")
	for _, fail := range []bool{false, true} {
		// given a write that holds the checkpoint, then succeeds or fails
		var during int64
		err := s.writer.do(t.Context(), func(ctx context.Context, tx querier) error {
			if err := s.writer.holdCheckpoint(ctx, tx); err != nil {
				return err
			}
			if err := s.writer.holdCheckpoint(ctx, tx); err != nil { // a second hold keeps the first's setting
				return err
			}
			if err := tx.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&during); err != nil {
				return err
			}
			if fail {
				return errors.New("refused")
			}
			return nil
		})
		if (err != nil) != fail {
			t.Fatalf("fail %v: write answered %v", fail, err)
		}
		// then the commit ran without the automatic checkpoint, and the
		// next batch has it back as it was
		if during != 0 {
			t.Errorf("fail %v: wal_autocheckpoint %d while held, want 0", fail, during)
		}
		if got := writerPragma(t, s, "wal_autocheckpoint"); got != auto {
			t.Errorf("fail %v: wal_autocheckpoint %d after the batch, want %d", fail, got, auto)
		}
	}
}
