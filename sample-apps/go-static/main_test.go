package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestDigestKnownValues(t *testing.T) {
	cases := map[string]string{
		"md5":    "5d41402abc4b2a76b9719d911017c592",
		"sha256": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
	}
	for alg, want := range cases {
		got, err := digest(alg, []byte("hello"))
		if err != nil || got.Digest != want || got.Length != 5 {
			t.Errorf("%s: got %+v, %v; want %s", alg, got, err, want)
		}
	}
	if _, err := digest("crc32", nil); err == nil {
		t.Error("an unknown algorithm was accepted")
	}
}

func TestRoutes(t *testing.T) {
	server := httptest.NewServer(newMux(time.Now()))
	defer server.Close()

	resp, err := http.Get(server.URL + "/hello?name=go")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "Hello, go!\n" {
		t.Errorf("/hello: %d %q", resp.StatusCode, body)
	}

	resp, err = http.Post(server.URL+"/api/hash?alg=md5", "text/plain", strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "5d41402abc4b2a76b9719d911017c592") {
		t.Errorf("POST /api/hash: %d %s", resp.StatusCode, body)
	}
}
