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

// The real bridge runs a function only on the goroutine that owns the
// interface: once Fyne's loop has ended, fyne.Do runs functions at once on
// the caller's goroutine, where touching the shut-down window panics.
func TestBridgeDropsWorkOffTheInterfaceGoroutine(t *testing.T) {
	queue := make(chan func(), 1)
	b := &bridge{owner: goroutineID()}
	ran := 0

	// While the loop runs, do queues the function for the owner goroutine.
	b.do = func(fn func()) { queue <- fn }
	done := make(chan struct{})
	go func() { b.run(func() { ran++ }); close(done) }()
	<-done
	(<-queue)()
	if ran != 1 {
		t.Fatalf("a function queued for the interface goroutine ran %d times, want 1", ran)
	}

	// After the loop ended, do runs the function where it is asked: dropped.
	b.do = func(fn func()) { fn() }
	done = make(chan struct{})
	go func() { b.run(func() { ran++ }); close(done) }()
	<-done
	if ran != 1 {
		t.Fatalf("a function run off the interface goroutine was not dropped (ran %d times)", ran)
	}
}

func TestGoroutineIDTellsGoroutinesApart(t *testing.T) {
	here := goroutineID()
	if here == 0 {
		t.Fatal("goroutineID could not read this goroutine's number")
	}
	other := make(chan uint64)
	go func() { other <- goroutineID() }()
	if there := <-other; there == here || there == 0 {
		t.Fatalf("goroutineID: %d here and %d in another goroutine", here, there)
	}
}
