package logfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// Writer appends to dir/name and, before a write would take the file past
// maxBytes, renames it to name.1 (name.1 to name.2, and so on, dropping
// name.<keep>) and starts a new one. It is safe for concurrent use and every
// Write lands whole in one file.
type Writer struct {
	mu       sync.Mutex
	path     string
	maxBytes int64
	keep     int
	f        *os.File // nil after a rotation that could not reopen the file
	size     int64
	closed   bool
	// rotateErr is set while rotations fail: the first failure is written
	// into the log, which goes on growing until a rotation succeeds.
	rotateErr error
}

// Open opens (or creates, with its directory) dir/name for appending. A
// write that would take the file past maxBytes rotates it first; keep old
// files are kept as name.1 … name.<keep> (none with keep 0).
func Open(dir, name string, maxBytes int64, keep int) (*Writer, error) {
	switch {
	case name == "" || name != filepath.Base(name):
		return nil, fmt.Errorf("nombre de archivo de registro no válido: %q", name)
	case maxBytes <= 0:
		return nil, fmt.Errorf("el tamaño máximo del registro debe ser positivo: %d", maxBytes)
	case keep < 0:
		return nil, fmt.Errorf("la cantidad de registros antiguos no puede ser negativa: %d", keep)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("no se pudo crear la carpeta del registro %s: %w", dir, err)
	}
	w := &Writer{path: filepath.Join(dir, name), maxBytes: maxBytes, keep: keep}
	if err := w.open(); err != nil {
		return nil, err
	}
	return w, nil
}

// Path is the file being written.
func (w *Writer) Path() string { return w.path }

// Write appends p, rotating first when the file would exceed maxBytes (a
// write larger than maxBytes gets a file of its own). A failed rotation does
// not lose p: it is appended to the current file.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return 0, errClosed
	}
	if w.f == nil { // a rotation could not reopen the file: try again
		if err := w.open(); err != nil {
			return 0, err
		}
	}
	if w.size > 0 && w.size+int64(len(p)) > w.maxBytes {
		if err := w.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := w.f.Write(p)
	w.size += int64(n)
	if err != nil {
		return n, fmt.Errorf("no se pudo escribir en el registro %s: %w", w.path, err)
	}
	return n, nil
}

// Close closes the file; later writes fail.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || w.f == nil {
		w.closed = true
		return nil
	}
	err := w.f.Close()
	w.f, w.closed = nil, true
	if err != nil {
		return fmt.Errorf("no se pudo cerrar el registro %s: %w", w.path, err)
	}
	return nil
}

var errClosed = errors.New("el registro está cerrado")

// open opens w.path for appending and learns its size.
func (w *Writer) open() error {
	f, err := os.OpenFile(w.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("no se pudo abrir el registro %s: %w", w.path, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("no se pudo leer el tamaño del registro %s: %w", w.path, err)
	}
	w.f, w.size = f, info.Size()
	return nil
}

// rotate shifts the old files up by one and starts a new file. The file is
// closed before it is renamed (Windows refuses to rename an open file); if
// the shift fails, writing goes on in the same file and the failure is noted
// in it once.
func (w *Writer) rotate() error {
	_ = w.f.Close() // the writes already reported their errors
	w.f = nil
	err := w.shift()
	if oerr := w.open(); oerr != nil {
		return oerr
	}
	if err == nil {
		w.rotateErr = nil
		return nil
	}
	if w.rotateErr == nil {
		n, _ := fmt.Fprintf(w.f, "ERROR: no se pudo rotar el registro %s: %v\n", w.path, err)
		w.size += int64(n)
	}
	w.rotateErr = err
	return nil
}

// shift renames name.<keep-1> to name.<keep> … name to name.1, or removes
// name when no old files are kept.
func (w *Writer) shift() error {
	if w.keep == 0 {
		return os.Remove(w.path)
	}
	for i := w.keep - 1; i >= 1; i-- {
		if err := os.Rename(w.old(i), w.old(i+1)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return os.Rename(w.path, w.old(1))
}

func (w *Writer) old(i int) string { return w.path + "." + strconv.Itoa(i) }
