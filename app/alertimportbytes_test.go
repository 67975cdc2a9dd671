package app_test

import (
	"context"
	"reflect"
	"testing"
	"unicode/utf8"

	"vigia/app"
)

func TestImportOfAFileWithABOMSavedAsWindows1252StoresItsLettersRight(t *testing.T) {
	// given a "CSV UTF-8" file whose rows a Windows-1252 editor wrote
	w := newWorld(t, withoutTimers())
	file := append([]byte("\xEF\xBB\xBFempresa;titulo;prioridad\r\n"), windows1252(t, "Panadería Ñandú;Declaración;ALTA\r\n")...)

	// when
	res, err := importFile(t, w, file, false)

	// then the letters are stored as they read, in UTF-8
	if err != nil || res.AlertsCreated != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	cs, _ := w.svc.Companies(context.Background())
	if len(cs) != 1 || cs[0].Name != "Panadería Ñandú" {
		t.Errorf("companies %+v", cs)
	}
	if got := alertTitles(t, w); !reflect.DeepEqual(got, []string{"Declaración"}) || !utf8.ValidString(got[0]) {
		t.Errorf("alerts %q", got)
	}
}

func TestImportOfAFileMixingUTF8AndWindows1252IsRefusedNamingTheLine(t *testing.T) {
	w := newWorld(t, withoutTimers())
	file := append([]byte("\xEF\xBB\xBFempresa;titulo;prioridad\nÑandú;IVA;ALTA\n"), windows1252(t, "Panadería;Renta;ALTA\n")...)

	_, err := importFile(t, w, file, false)

	if got, want := fileProblem(t, err), app.Msg(app.CodeImportMixedEncoding, app.Args{"Line": 3}); !reflect.DeepEqual(got, want) {
		t.Errorf("problem %v, want %v", got, want)
	}
	if got := alertTitles(t, w); len(got) != 0 {
		t.Errorf("alerts were saved: %v", got)
	}
}

func TestImportReadsLinesEndedByALoneCRAsItReadsCRLF(t *testing.T) {
	// given a file of old Mac Excel: every line ends in CR, a quoted cell holds one
	w := newWorld(t, withoutTimers())
	file := []byte("empresa;titulo;detalle;prioridad\rUno;IVA;\"primera\rsegunda\";ALTA\rDos;Renta;;BAJA\r")

	// when
	res, err := importFile(t, w, file, false)

	// then it reads as rows, the CR in the cell a line break of the detail
	if err != nil || len(res.Items) != 2 {
		t.Fatalf("%+v, %v", res, err)
	}
	first, second := res.Items[0], res.Items[1]
	if first.Line != 2 || first.Company.Name != "Uno" || first.Alert.Detail != "primera\nsegunda" {
		t.Errorf("first row %+v", first)
	}
	if second.Line != 4 || second.Company.Name != "Dos" || second.Alert.Title != "Renta" {
		t.Errorf("second row %+v", second)
	}
}
