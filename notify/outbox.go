package notify

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	mail "github.com/wneessen/go-mail"

	"vigia/app"
	"vigia/messages"
)

// Outbox writes each digest as an .eml file (RFC 5322) instead of sending it,
// so Vigía works before SMTP is configured. Any mail client opens the files.
type Outbox struct {
	dir  string
	from string
	opts options
}

var _ app.Mailer = (*Outbox)(nil)

// NewOutbox writes to dir (created 0700 on the first digest) with from as the
// sender; an empty from is DefaultOutboxFrom.
func NewOutbox(dir, from string, opts ...Option) *Outbox {
	if from == "" {
		from = DefaultOutboxFrom
	}
	return &Outbox{dir: dir, from: from, opts: newOptions(opts)}
}

// Dir is where the files go.
func (o *Outbox) Dir() string { return o.dir }

// Mode describes the delivery for the banner, in Spanish as the console
// speaks: "bandeja de salida <dir>".
func (o *Outbox) Mode() string {
	return messages.Text("es", app.Msg(app.CodeMailModeOutbox, app.Args{"Dir": o.dir}))
}

// SendDigest writes d to <dir>/<YYYYMMDD-HHMMSS>-trigger<ID>-<random>.eml
// (see save), and tells the run the digest went to the outbox.
func (o *Outbox) SendDigest(ctx context.Context, d app.Digest) (attempts int, err error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	now := o.opts.clock.Now()
	msg, err := newMessage(d, o.from, now)
	if err != nil {
		return 0, notBuilt(d, err)
	}
	// Named in the digest's zone: the user reads these names.
	if _, err = o.save(msg, now.In(d.GeneratedAt.Location()), fmt.Sprintf("trigger%d", d.TriggerID)); err != nil {
		return 1, err
	}
	app.SavedToOutbox(ctx)
	return 1, nil
}

// save writes msg to <dir>/<YYYYMMDD-HHMMSS>-<label>-<random>.eml, mode 0600,
// and returns the file's path. The file is written under a temporary name,
// synced and renamed, so a crash never leaves half a message under a final name.
func (o *Outbox) save(msg *mail.Msg, now time.Time, label string) (path string, err error) {
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return "", &problemError{app.Msg(app.CodeOutboxCreate, app.Args{"Dir": o.dir, "Detail": err.Error()}), err}
	}
	tmp, err := os.CreateTemp(o.dir, ".escribiendo-*.eml") // 0600
	if err != nil {
		return "", &problemError{app.Msg(app.CodeOutboxWrite, app.Args{"Dir": o.dir, "Detail": err.Error()}), err}
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = msg.WriteTo(tmp); err == nil {
		if err = tmp.Sync(); err == nil {
			err = tmp.Close()
		}
	}
	if err != nil {
		return "", &problemError{app.Msg(app.CodeOutboxWriteFile, app.Args{"File": tmp.Name(), "Detail": err.Error()}), err}
	}
	name, err := o.freeName(now, label)
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		return "", &problemError{app.Msg(app.CodeOutboxSave, app.Args{"Dir": o.dir, "Detail": detail(err)}), err}
	}
	return name, nil
}

// freeName picks a final name that no file has yet; the random part makes a
// clash practically impossible, the check makes it certain within a process.
func (o *Outbox) freeName(now time.Time, label string) (string, error) {
	for range 5 {
		name := filepath.Join(o.dir, fmt.Sprintf("%s-%s-%s.eml",
			now.Format("20060102-150405"), label, randomHex(4)))
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name, nil
		}
	}
	return "", &problemError{app.Msg(app.CodeOutboxNoFreeName, nil), nil}
}
