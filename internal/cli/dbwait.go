package cli

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"vigia/app"
	"vigia/internal/config"
	"vigia/storage"
)

// A start at logon (--bandeja, «Iniciar con el sistema») often comes before
// the network: the office's PostgreSQL server cannot be reached for a few
// seconds. Such a start waits for it; a start by hand says at once why it
// cannot connect.
const (
	loginDBWait  = 2 * time.Minute
	loginDBRetry = 5 * time.Second
)

// openStoreAtStart opens the configured database; see loginDBWait.
func (s Server) openStoreAtStart(ctx context.Context) (*storage.Store, error) {
	db := s.Config.DB()
	if !s.Config.Tray || !storage.IsPostgresURL(db) {
		return openStore(ctx, db)
	}
	return openStoreWaiting(ctx, db, s.Log, loginDBWait, loginDBRetry)
}

// openStoreWaiting opens db, trying again every retry while its server
// cannot be reached, until wait has passed or ctx ends (a stop asked
// meanwhile); then the last error stands. Other errors (a refused password,
// a database that does not exist) are returned at once: waiting mends
// nothing there.
func openStoreWaiting(ctx context.Context, db string, log *slog.Logger, wait, retry time.Duration) (*storage.Store, error) {
	deadline := time.Now().Add(wait)
	for attempt := 1; ; attempt++ {
		store, err := openStore(ctx, db)
		if err == nil || !errors.Is(err, app.ErrStorageUnavailable) || !time.Now().Add(retry).Before(deadline) {
			if err == nil && attempt > 1 {
				log.Info("el servidor de la base de datos ya responde", "base", config.DisplayDB(db), "intentos", attempt)
			}
			return store, err
		}
		if attempt == 1 {
			log.Warn("el servidor de la base de datos no responde todavía; Vigía lo espera (inicio con el sistema)",
				"base", config.DisplayDB(db), "motivo", whyUnreachable(err), "espera_maxima", wait.String())
		}
		t := time.NewTimer(retry)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
	}
}
