package storagetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable that points the tests at a PostgreSQL server, as a
// URL whose role may create and drop databases.
const EnvURL = "VIGIA_TEST_DATABASE_URL"

// skipMessage is what a test without a server says; under CI (VIGIA_CI=1) it
// is a failure, since the PostgreSQL tests must run there.
const skipMessage = "PostgreSQL no disponible: defina " + EnvURL +
	" (por ejemplo postgres://vigia:clave@127.0.0.1:5432/postgres?sslmode=disable, con un rol que pueda crear bases de datos)"

// serverTimeout bounds each statement sent to create or drop a database.
const serverTimeout = 30 * time.Second

// Postgres creates a fresh, empty database for t on the server of
// VIGIA_TEST_DATABASE_URL and returns its URL; the database is dropped (its
// connections closed) when the test ends. Without the variable the test is
// skipped, or fails when VIGIA_CI=1.
func Postgres(t testing.TB) string {
	t.Helper()
	server := os.Getenv(EnvURL)
	if server == "" {
		if os.Getenv("VIGIA_CI") == "1" {
			t.Fatal(skipMessage)
		}
		t.Skip(skipMessage)
	}
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("%s no es un URL postgres:// (%v)", EnvURL, err)
	}
	name := databaseName(t.Name())
	if err := onServer(server, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("create database %s on %s: %v", name, u.Redacted(), err)
	}
	t.Cleanup(func() {
		if err := onServer(server, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s on %s: %v", name, u.Redacted(), err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// databaseName is t_ and a hash of the test's name with random bytes: a
// valid identifier without quoting, unique even when the tests of several
// packages (which may share names) run at once on one server.
func databaseName(test string) string {
	sum := sha256.Sum256([]byte(test))
	return "t_" + hex.EncodeToString(sum[:6]) + "_" + strings.ToLower(rand.Text()[:8])
}

// onServer runs one statement on a connection of its own to the server's
// database (CREATE and DROP DATABASE cannot run inside a transaction).
func onServer(server, statement string) error {
	ctx, cancel := context.WithTimeout(context.Background(), serverTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, statement)
	return err
}
