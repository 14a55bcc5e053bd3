package com.example.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An HTTP client that retries idempotent requests with exponential backoff and jitter, honours
 * {@code Retry-After}, and opens a per-host circuit after repeated failures.
 */
public final class RetryingHttpClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RetryingHttpClient.class.getName());
    private static final int DEFAULT_MAX_ATTEMPTS = 4;

    /** What the client does after a failed attempt. */
    public enum Decision {
        RETRY,
        GIVE_UP,
        OPEN_CIRCUIT
    }

    /** Decides whether a response or an exception is worth another attempt. */
    public interface RetryPolicy {
        Decision onResponse(int attempt, HttpResponse<?> response);

        Decision onException(int attempt, IOException error);
    }

    private final HttpClient http;
    private final RetryPolicy policy;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final int maxAttempts;
    private final Map<String, CircuitState> circuits = new ConcurrentHashMap<>();

    public RetryingHttpClient(HttpClient http, RetryPolicy policy, Duration baseDelay, Duration maxDelay, int maxAttempts) {
        this.http = Objects.requireNonNull(http, "http");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= base <= max");
        }
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts > 0 ? maxAttempts : DEFAULT_MAX_ATTEMPTS;
    }

    /** A client with the default policy: retry 429, 502, 503, 504 and connection resets. */
    public static RetryingHttpClient withDefaults() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new RetryingHttpClient(http, new DefaultPolicy(), Duration.ofMillis(200), Duration.ofSeconds(10), DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * Sends a request, retrying as the policy allows.
     *
     * @throws IOException when every attempt failed or the circuit for the host is open
     */
    public HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException {
        String host = request.uri().getHost();
        CircuitState circuit = circuits.computeIfAbsent(host, h -> new CircuitState());
        if (circuit.isOpen()) {
            throw new IOException("circuit open for " + host);
        }
        IOException lastError = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                Decision decision = policy.onResponse(attempt, response);
                if (decision == Decision.GIVE_UP || attempt == maxAttempts) {
                    circuit.recordSuccess();
                    return response;
                }
                if (decision == Decision.OPEN_CIRCUIT) {
                    circuit.open();
                    return response;
                }
                response.body().close();
                sleep(delayFor(attempt, response));
            } catch (IOException e) {
                lastError = e;
                Decision decision = policy.onException(attempt, e);
                LOG.log(Level.FINE, "attempt " + attempt + " to " + host + " failed", e);
                if (decision != Decision.RETRY) {
                    circuit.recordFailure();
                    throw e;
                }
                sleep(delayFor(attempt, null));
            }
        }
        circuit.recordFailure();
        throw new IOException("gave up after " + maxAttempts + " attempts", lastError);
    }

    /** Sends all requests, returning the responses in order; failures become null entries. */
    public List<HttpResponse<InputStream>> sendAll(List<HttpRequest> requests, Predicate<HttpRequest> skip) {
        List<HttpResponse<InputStream>> out = new ArrayList<>(requests.size());
        for (HttpRequest request : requests) {
            if (skip.test(request)) {
                out.add(null);
                continue;
            }
            try {
                out.add(send(request));
            } catch (IOException e) {
                LOG.warning("request to " + request.uri() + " failed: " + e.getMessage());
                out.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Collections.unmodifiableList(out);
    }

    Duration delayFor(int attempt, HttpResponse<?> response) {
        if (response != null) {
            Duration retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
            if (retryAfter != null) {
                return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
            }
        }
        long exponential = baseDelay.toMillis() * (1L << Math.min(attempt - 1, 20));
        long capped = Math.min(exponential, maxDelay.toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(capped / 2 + jitter);
    }

    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void sleep(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }

    @Override
    public void close() {
        circuits.clear();
    }

    private static final class DefaultPolicy implements RetryPolicy {
        @Override
        public Decision onResponse(int attempt, HttpResponse<?> response) {
            switch (response.statusCode()) {
                case 429:
                case 502:
                case 503:
                case 504:
                    return Decision.RETRY;
                case 501:
                    return Decision.OPEN_CIRCUIT;
                default:
                    return Decision.GIVE_UP;
            }
        }

        @Override
        public Decision onException(int attempt, IOException error) {
            String message = String.valueOf(error.getMessage());
            if (message.contains("Connection reset") || message.contains("timed out")) {
                return Decision.RETRY;
            }
            return Decision.GIVE_UP;
        }
    }

    private static final class CircuitState {
        private static final int THRESHOLD = 5;
        private static final long OPEN_MILLIS = 30_000;
        private int failures;
        private long openedAt = -1;

        synchronized boolean isOpen() {
            if (openedAt < 0) {
                return false;
            }
            if (System.currentTimeMillis() - openedAt > OPEN_MILLIS) {
                openedAt = -1;
                failures = 0;
                return false;
            }
            return true;
        }

        synchronized void recordFailure() {
            failures++;
            if (failures >= THRESHOLD) {
                open();
            }
        }

        synchronized void recordSuccess() {
            failures = 0;
            openedAt = -1;
        }

        synchronized void open() {
            openedAt = System.currentTimeMillis();
        }
    }

    /** Builds a GET request with the client's default headers. */
    public static HttpRequest get(String url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30));
        headers.forEach((name, value) -> {
            if (name == null || value == null) {
                throw new IllegalArgumentException("header names and values must not be null");
            }
            builder.header(name, value);
        });
        builder.header("Accept", "application/json");
        builder.header("User-Agent", "retrying-http-client/1.0");
        return builder.build();
    }
}
