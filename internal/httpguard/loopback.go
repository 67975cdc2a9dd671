package httpguard

import "strings"

// LoopbackHost reports whether a Host header names this machine: 127.0.0.1,
// localhost or [::1], with any port. Refusing other names defeats DNS rebinding.
func LoopbackHost(host string) bool {
	name, port := host, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return false
		}
		name, port = host[1:end], host[end+1:]
		if port != "" {
			if port[0] != ':' {
				return false
			}
			port = port[1:]
		}
		if name != "::1" {
			return false
		}
	} else {
		if i := strings.IndexByte(host, ':'); i >= 0 {
			name, port = host[:i], host[i+1:]
		}
		if name != "127.0.0.1" && !strings.EqualFold(name, "localhost") {
			return false
		}
	}
	if port == "" {
		return !strings.HasSuffix(host, ":")
	}
	if len(port) > 5 {
		return false
	}
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	return true
}
