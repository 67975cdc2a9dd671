package earlyenv

import "testing"

func TestCLocaleWithCharset(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"LANG": "C.UTF-8"}, true},
		{map[string]string{"LC_ALL": "POSIX.utf8", "LANG": "es_CO.UTF-8"}, true},
		{map[string]string{"LC_MESSAGES": "C.UTF-8"}, true},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "C"}, false}, // already fixed
		{map[string]string{"LANG": "C"}, false},                        // Fyne reads no language: quiet
		{map[string]string{}, false},
		{map[string]string{"LANG": "es_CO.UTF-8"}, false},
		{map[string]string{"LANG": "en_US.UTF-8"}, false},
		{map[string]string{"LC_ALL": "es_CO.UTF-8", "LANG": "C.UTF-8"}, false}, // LC_ALL wins
	}
	for _, c := range cases {
		if got := CLocaleWithCharset(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("CLocaleWithCharset(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}
