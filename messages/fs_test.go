package messages

import (
	"io/fs"
	"testing/fstest"
)

func fsWith(files map[string]string) fs.FS {
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}
