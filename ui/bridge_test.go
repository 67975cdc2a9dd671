package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Every UI change from another goroutine goes through the bridge: no other
// file uses fyne.Do, and nothing uses DoAndWait (inside a Fyne callback it
// deadlocks).
func TestOnlyTheBridgeUsesFyneDo(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	inBridge := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "fyne" || (sel.Sel.Name != "Do" && sel.Sel.Name != "DoAndWait") {
				return true
			}
			switch {
			case sel.Sel.Name == "DoAndWait":
				t.Errorf("%s uses fyne.DoAndWait", fset.Position(sel.Pos()))
			case name != "bridge.go":
				t.Errorf("%s uses fyne.Do: only bridge.go may", fset.Position(sel.Pos()))
			default:
				inBridge++
			}
			return true
		})
	}
	if inBridge == 0 {
		t.Error("bridge.go no longer uses fyne.Do: the check is looking at the wrong thing")
	}
}
