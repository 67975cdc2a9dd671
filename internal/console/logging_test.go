package console

import (
	"bytes"
	"errors"
	"log/slog"
	"testing"
)

func TestConsoleHandlerWritesTheSeedsFormatAboveItsLevel(t *testing.T) {
	// given
	var out bytes.Buffer
	log := slog.New(NewHandler(&Console{w: &out}, slog.LevelInfo))

	// when
	log.Debug("no se ve")
	log.Info("Vigía detenido")
	log.With("trigger_id", 3).Warn("ejecución programada descartada", "motivo", errors.New("Vigía se está cerrando"))
	log.WithGroup("smtp").Error("fallo", "host", "smtp.gmail.com", "vacío", "")

	// then
	want := `INFO: Vigía detenido
WARNING: ejecución programada descartada trigger_id=3 motivo="Vigía se está cerrando"
ERROR: fallo smtp.host=smtp.gmail.com smtp.vacío=""
`
	if out.String() != want {
		t.Errorf("console:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestConsoleHandlerEscapesWhatWouldForgeALineOrDriveTheTerminal(t *testing.T) {
	// given a message, a key and values holding line breaks, ESC and an override
	var out bytes.Buffer
	log := slog.New(NewHandler(&Console{w: &out}, slog.LevelInfo))

	// when
	log.Warn("trigger ok\nERROR: ❌ falso\x1b[31m", "nombre", "ok\nERROR: x\x1b[31m", "k\ney", 1, "dir", "fdp\u202etxt", "roto", "Panader\xeda")

	// then it is one line, every such character escaped
	want := `WARNING: trigger ok\nERROR: ❌ falso\x1b[31m nombre="ok\nERROR: x\x1b[31m" k\ney=1 dir="fdp\u202etxt" roto="Panader\xeda"` + "\n"
	if out.String() != want {
		t.Errorf("console:\n%q\nwant:\n%q", out.String(), want)
	}
}
