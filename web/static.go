package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFiles embed.FS

// staticPrefix is where the assets are served.
const staticPrefix = "/static/"

// asset is one embedded file of static/.
type asset struct {
	data  []byte
	ctype string
	hash  string // the first hex digits of its SHA-256: its URL's version
}

// assetSet serves static/'s files (no directory listings) with a year's
// cache: their URLs carry the content's hash, so a new version is a new URL.
type assetSet struct {
	byName map[string]asset
}

func loadAssets() (*assetSet, error) {
	set := &assetSet{byName: map[string]asset{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = http.DetectContentType(data)
		}
		set.byName[strings.TrimPrefix(p, "static/")] = asset{data: data, ctype: ctype, hash: hex.EncodeToString(sum[:])[:12]}
		return nil
	})
	return set, err
}

// url is name's URL with its version: /static/app.css?v=1a2b3c4d5e6f.
func (a *assetSet) url(name string) string {
	if f, ok := a.byName[name]; ok {
		return staticPrefix + name + "?v=" + f.hash
	}
	return staticPrefix + name
}

func (a *assetSet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := a.byName[strings.TrimPrefix(r.URL.Path, staticPrefix)]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
}
