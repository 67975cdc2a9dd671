package smtptest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Parsed is a received message taken apart.
type Parsed struct {
	Header  mail.Header
	Subject string // decoded (RFC 2047)
	Text    string // the text/plain part, decoded
	HTML    string // the text/html part, decoded
}

// Parse reads m.Data as an RFC 5322 message and decodes its subject and its
// text and HTML parts (single part or multipart, quoted-printable or base64).
func (m Message) Parse() (*Parsed, error) {
	return ParseMessage(m.Data)
}

// ParseMessage is Parse for raw bytes, such as an .eml file.
func ParseMessage(data []byte) (*Parsed, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("smtptest: read message: %w", err)
	}
	p := &Parsed{Header: msg.Header}
	dec := new(mime.WordDecoder)
	if p.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return nil, fmt.Errorf("smtptest: decode subject: %w", err)
	}
	if err := p.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body); err != nil {
		return nil, err
	}
	if p.Text == "" && p.HTML == "" {
		return nil, errors.New("smtptest: message has neither a text nor an HTML part")
	}
	return p, nil
}

func (p *Parsed) walk(contentType, encoding string, body io.Reader) error {
	if contentType == "" {
		contentType = "text/plain"
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("smtptest: content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			part, err := r.NextPart() // decodes quoted-printable itself
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("smtptest: next part: %w", err)
			}
			if err := p.walk(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	content, err := io.ReadAll(body)
	if err != nil {
		return fmt.Errorf("smtptest: read %s part: %w", mediaType, err)
	}
	switch mediaType {
	case "text/plain":
		p.Text = string(content)
	case "text/html":
		p.HTML = string(content)
	}
	return nil
}
