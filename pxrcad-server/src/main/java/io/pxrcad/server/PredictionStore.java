package io.pxrcad.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last {@code capacity} predictions by id, in memory; adding one more evicts the oldest (its
 * id then answers 404). Thread-safe.
 */
final class PredictionStore {
    private final Map<String, StoredPrediction> byId;

    PredictionStore(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be > 0 but was " + capacity);
        this.byId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredPrediction> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(StoredPrediction p) { byId.put(p.id(), p); }

    synchronized Optional<StoredPrediction> get(String id) { return Optional.ofNullable(byId.get(id)); }

    synchronized int size() { return byId.size(); }
}
