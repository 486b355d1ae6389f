// hashsvc: a small HTTP service from the Go standard library only, built as a static binary.
package main

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash"
	"html/template"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

//go:embed web/index.html
var webFiles embed.FS

var algorithms = map[string]func() hash.Hash{
	"md5":    md5.New,
	"sha1":   sha1.New,
	"sha256": sha256.New,
	"sha512": sha512.New,
}

const maxBody = 1 << 20

type hashResult struct {
	Algorithm string `json:"algorithm"`
	Length    int    `json:"length"`
	Digest    string `json:"digest"`
}

func digest(algorithm string, data []byte) (hashResult, error) {
	newHash, ok := algorithms[algorithm]
	if !ok {
		return hashResult{}, fmt.Errorf("unknown algorithm %q", algorithm)
	}
	h := newHash()
	h.Write(data)
	return hashResult{Algorithm: algorithm, Length: len(data), Digest: hex.EncodeToString(h.Sum(nil))}, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func newMux(started time.Time) http.Handler {
	page := template.Must(template.ParseFS(webFiles, "web/index.html"))
	mux := http.NewServeMux()

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found", "path": r.URL.Path})
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = page.Execute(w, map[string]string{"Title": "hashsvc", "GoVersion": runtime.Version()})
	})

	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})

	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Query().Get("name")
		if name == "" {
			name = "world"
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "Hello, %s!\n", name)
	})

	// GET /api/hash?text=...&alg=sha256, or POST /api/hash?alg=... with the data as the body.
	mux.HandleFunc("/api/hash", func(w http.ResponseWriter, r *http.Request) {
		alg := r.URL.Query().Get("alg")
		if alg == "" {
			alg = "sha256"
		}
		var data []byte
		switch r.Method {
		case http.MethodGet:
			data = []byte(r.URL.Query().Get("text"))
		case http.MethodPost:
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
			if err != nil {
				writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": err.Error()})
				return
			}
			data = body
		default:
			w.Header().Set("Allow", "GET, POST")
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed"})
			return
		}
		result, err := digest(alg, data)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, result)
	})

	mux.HandleFunc("/api/info", func(w http.ResponseWriter, r *http.Request) {
		host, _ := os.Hostname()
		writeJSON(w, http.StatusOK, map[string]any{
			"service":  "hashsvc",
			"go":       runtime.Version(),
			"os":       runtime.GOOS,
			"arch":     runtime.GOARCH,
			"hostname": host,
			"pid":      os.Getpid(),
			"uptime_s": int(time.Since(started).Seconds()),
		})
	})
	return logRequests(mux)
}

func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		log.Printf("%s %s %s", r.Method, r.URL.RequestURI(), time.Since(start).Round(time.Microsecond))
	})
}

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	flag.Parse()

	server := &http.Server{Addr: *addr, Handler: newMux(time.Now()), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()

	log.Printf("hashsvc listening on %s", *addr)
	if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	log.Print("hashsvc stopped")
}
