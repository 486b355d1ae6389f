package org.example.notes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A note board and a prime sieve over the JDK's built-in HTTP server. */
public final class NotesServer {
    private static final int MAX_NOTE = 1000;
    private static final int MAX_LIMIT = 1_000_000;

    private final List<Map<String, Object>> notes = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final long started = System.currentTimeMillis();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("NOTES_PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        new NotesServer().register(server);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("notes: stopping");
            server.stop(1);
        }));
        System.out.println("notes: listening on :" + port);
    }

    void register(HttpServer server) {
        server.createContext("/", this::handleRoot);
        server.createContext("/healthz", exchange -> send(exchange, 200, "text/plain", "ok\n"));
        server.createContext("/api/notes", this::handleNotes);
        server.createContext("/api/primes", this::handlePrimes);
        server.createContext("/api/info", this::handleInfo);
    }

    private void handleRoot(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            sendJson(exchange, 404, Map.of("error", "not found", "path", exchange.getRequestURI().getPath()));
            return;
        }
        try (InputStream page = NotesServer.class.getResourceAsStream("/web/index.html")) {
            if (page == null) {
                sendJson(exchange, 500, Map.of("error", "index.html missing from the jar"));
                return;
            }
            send(exchange, 200, "text/html; charset=utf-8", new String(page.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void handleNotes(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (!path.equals("/api/notes")) {
            if (!path.startsWith("/api/notes/")) {
                sendJson(exchange, 404, Map.of("error", "not found", "path", path));
                return;
            }
            String id = path.substring("/api/notes/".length());
            for (Map<String, Object> note : notes) {
                if (String.valueOf(note.get("id")).equals(id)) {
                    sendJson(exchange, 200, note);
                    return;
                }
            }
            sendJson(exchange, 404, Map.of("error", "no note " + id));
            return;
        }
        switch (method) {
            case "GET" -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("count", notes.size());
                body.put("notes", new ArrayList<>(notes));
                sendJson(exchange, 200, body);
            }
            case "POST" -> {
                String text;
                try (InputStream in = exchange.getRequestBody()) {
                    text = new String(in.readNBytes(MAX_NOTE + 1), StandardCharsets.UTF_8).strip();
                }
                if (text.isEmpty() || text.length() > MAX_NOTE) {
                    sendJson(exchange, 400, Map.of("error", "a note is 1 to " + MAX_NOTE + " characters"));
                    return;
                }
                Map<String, Object> note = new LinkedHashMap<>();
                note.put("id", nextId.getAndIncrement());
                note.put("text", text);
                note.put("words", text.split("\\s+").length);
                note.put("created", Instant.now().toString());
                notes.add(note);
                exchange.getResponseHeaders().set("Location", "/api/notes/" + note.get("id"));
                sendJson(exchange, 201, note);
            }
            default -> {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                sendJson(exchange, 405, Map.of("error", "method not allowed"));
            }
        }
    }

    private void handlePrimes(HttpExchange exchange) throws IOException {
        String raw = query(exchange.getRequestURI()).getOrDefault("limit", "100");
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            sendJson(exchange, 400, Map.of("error", "limit must be an integer, got " + raw));
            return;
        }
        if (limit < 2 || limit > MAX_LIMIT) {
            sendJson(exchange, 400, Map.of("error", "limit must be between 2 and " + MAX_LIMIT));
            return;
        }
        BitSet composite = new BitSet(limit + 1);
        List<Integer> primes = new ArrayList<>();
        for (int n = 2; n <= limit; n++) {
            if (!composite.get(n)) {
                primes.add(n);
                for (long m = (long) n * n; m <= limit; m += n) {
                    composite.set((int) m);
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("count", primes.size());
        body.put("largest", primes.get(primes.size() - 1));
        body.put("primes", primes.size() <= 100 ? primes : primes.subList(0, 100));
        sendJson(exchange, 200, body);
    }

    private void handleInfo(HttpExchange exchange) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "notes");
        body.put("java", System.getProperty("java.version"));
        body.put("vm", System.getProperty("java.vm.name"));
        body.put("os", System.getProperty("os.name"));
        body.put("user", System.getProperty("user.name"));
        body.put("processors", Runtime.getRuntime().availableProcessors());
        body.put("uptime_ms", System.currentTimeMillis() - started);
        sendJson(exchange, 200, body);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", Json.write(body) + "\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
