package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// An import goes in two steps (the alerts' CSV, the tax calendar's file):
// the upload is checked by a dry run, and only the user's «Importar» saves
// it. Between the two the file stays on the server, in the session that
// uploaded it, under a random token the review page carries: the browser
// never names a path, another session cannot use it, and it is forgotten
// when it is confirmed, replaced by another upload of its kind, after
// uploadTTL, or with the session.

// Kinds of pending uploads (one of each per session).
const (
	uploadAlerts   = "alertas"
	uploadCalendar = "calendario"
)

// uploadTTL is how long a checked file waits for its confirmation.
const uploadTTL = 15 * time.Minute

// Upload limits: the API's (api.MaxImportBytes, api.MaxCalendarBytes).
const (
	maxAlertsUpload   = 4 << 20
	maxCalendarUpload = 1 << 20
)

// pendingUpload is a checked file waiting in its session.
type pendingUpload struct {
	token string
	name  string // as the browser named it, shown on the review page
	data  []byte
	at    time.Time
}

// errNoFile: the form came without a file, or with an empty one.
var errNoFile = errors.New("no file uploaded")

// readUpload reads the multipart form's file field, within limit bytes.
// A larger file is an *http.MaxBytesError; none, errNoFile.
func readUpload(w http.ResponseWriter, r *http.Request, field string, limit int64) (data []byte, name string, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit+maxFormBytes) // the file and the form around it
	if err := r.ParseMultipartForm(limit + maxFormBytes); err != nil {
		if errors.Is(err, http.ErrNotMultipart) {
			return nil, "", errNoFile
		}
		return nil, "", err
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	f, h, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return nil, "", errNoFile
	}
	if err != nil {
		return nil, "", err
	}
	defer func() { _ = f.Close() }()
	if h.Size > limit {
		return nil, "", &http.MaxBytesError{Limit: limit}
	}
	if data, err = io.ReadAll(io.LimitReader(f, limit+1)); err != nil {
		return nil, "", fmt.Errorf("read the uploaded file: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, "", &http.MaxBytesError{Limit: limit}
	}
	if len(data) == 0 {
		return nil, "", errNoFile
	}
	return data, h.Filename, nil
}

// keepUpload keeps data in r's session as its pending upload of kind
// (replacing the previous one) and returns the token that names it.
func (s *Server) keepUpload(r *http.Request, kind, name string, data []byte) (string, error) {
	sess := s.currentSession(r)
	if sess == nil {
		return "", errors.New("no session to keep the upload in")
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	p := pendingUpload{token: base64.RawURLEncoding.EncodeToString(b), name: name, data: data, at: s.clock.Now()}
	s.sessions.update(sess, func(se *session) {
		if se.uploads == nil {
			se.uploads = map[string]pendingUpload{}
		}
		se.uploads[kind] = p
	})
	return p.token, nil
}

// pendingFile is r's session's upload of kind named token; take also
// forgets it. False when there is none: expired, replaced or confirmed.
func (s *Server) pendingFile(r *http.Request, kind, token string, take bool) (pendingUpload, bool) {
	sess := s.currentSession(r)
	if sess == nil || token == "" {
		return pendingUpload{}, false
	}
	var p pendingUpload
	var ok bool
	now := s.clock.Now()
	s.sessions.update(sess, func(se *session) {
		p, ok = se.uploads[kind]
		if ok && now.Sub(p.at) >= uploadTTL {
			delete(se.uploads, kind)
			ok = false
		}
		if ok && (p.token != token) {
			ok = false
		}
		if ok && take {
			delete(se.uploads, kind)
		}
	})
	return p, ok
}

// uploadProblem words why an upload was not read, for the file's field;
// "" when err is not the upload's fault.
func uploadProblem(lang string, err error, missingKey, tooLargeKey string, limit int) string {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, errNoFile):
		return T(lang, missingKey)
	case errors.As(err, &tooLarge):
		return T(lang, tooLargeKey, "MB", limit>>20)
	}
	return ""
}
