package httpguard

import "testing"

func TestLoopbackHost(t *testing.T) {
	cases := map[string]bool{
		"127.0.0.1":         true,
		"127.0.0.1:5000":    true,
		"localhost":         true,
		"LocalHost:5731":    true,
		"[::1]":             true,
		"[::1]:5000":        true,
		"":                  false,
		"127.0.0.1:":        false,
		"127.0.0.1:50000x":  false,
		"127.0.0.1:123456":  false,
		"evil.example":      false,
		"localhost.evil":    false,
		"127.0.0.2":         false,
		"[::2]:5000":        false,
		"[::1":              false,
		"[::1]5000":         false,
		"192.168.1.10:5000": false,
	}
	for host, want := range cases {
		if got := LoopbackHost(host); got != want {
			t.Errorf("LoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}
