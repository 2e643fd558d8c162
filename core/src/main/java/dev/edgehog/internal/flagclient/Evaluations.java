// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flagclient;

import dev.edgehog.flags.FlagEvaluations;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.internal.Loggers;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The snapshot returned by {@code evaluateFlags} (flags.md §13.2). */
final class Evaluations implements FlagEvaluations {
    private final FeatureFlags owner;
    private final String distinctId;
    private final Map<String, String> groups;
    private final Boolean disableGeoip;
    private final Map<String, FeatureFlags.Decision> records;
    private final List<String> errors;
    private final Set<String> filteredOut;
    private final Set<String> accessed = ConcurrentHashMap.newKeySet();

    Evaluations(FeatureFlags owner, String distinctId, Map<String, String> groups, Boolean disableGeoip,
            Map<String, FeatureFlags.Decision> records, List<String> errors, Set<String> filteredOut) {
        this.owner = owner;
        this.distinctId = distinctId;
        this.groups = groups;
        this.disableGeoip = disableGeoip;
        this.records = records;
        this.errors = errors;
        this.filteredOut = filteredOut;
    }

    @Override
    public boolean isEnabled(String key, boolean defaultValue) {
        FlagValue v = access(key);
        return v.isKnown() ? v.isEnabled() : defaultValue;
    }

    @Override
    public FlagValue getFlag(String key) {
        return access(key);
    }

    private FlagValue access(String key) {
        FeatureFlags.Decision d = records.get(key);
        if (key != null && accessed.add(key) && !distinctId.isBlank() && !filteredOut.contains(key)) {
            List<String> tags = new ArrayList<>(errors);
            FeatureFlags.Decision event = d;
            if (d == null) {
                tags.add("flag_missing");
                event = new FeatureFlags.Decision(missing(key), false, null, null, null, null, null, null, List.of());
            }
            List<String> all = new ArrayList<>(tags);
            for (String t : event.errors()) {
                if (!all.contains(t)) {
                    all.add(t);
                }
            }
            owner.sendCalled(distinctId, key, new FeatureFlags.Decision(event.result(), event.local(), event.id(),
                    event.version(), event.reasonText(), event.requestId(), event.evaluatedAt(), event.hasExperiment(),
                    List.copyOf(all)), groups, disableGeoip);
        }
        return d == null ? FlagValue.UNKNOWN : d.result().value();
    }

    private static FlagResult missing(String key) {
        return new FlagResult(key == null ? "" : key, FlagValue.UNKNOWN, null,
                FlagReason.of(FlagReason.Code.FLAG_NOT_FOUND, "not in this evaluateFlags snapshot"));
    }

    @Override
    public Object getFlagPayload(String key) {
        FeatureFlags.Decision d = records.get(key);
        return d == null ? null : d.result().payload();
    }

    @Override
    public FlagResult getResult(String key) {
        FeatureFlags.Decision d = records.get(key);
        return d == null ? missing(key) : d.result();
    }

    @Override
    public Set<String> keys() {
        return records.keySet();
    }

    @Override
    public FlagEvaluations only(Collection<String> keys) {
        Map<String, FeatureFlags.Decision> kept = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String k : keys) {
            FeatureFlags.Decision d = records.get(k);
            if (d != null) {
                kept.put(k, d);
            } else {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            Loggers.FLAGS.log(Level.WARNING, "evaluateFlags: only() was given keys not in the snapshot: " + unknown);
        }
        return copy(kept);
    }

    @Override
    public FlagEvaluations onlyAccessed() {
        Map<String, FeatureFlags.Decision> kept = new LinkedHashMap<>();
        records.forEach((k, d) -> {
            if (accessed.contains(k)) {
                kept.put(k, d);
            }
        });
        return copy(kept);
    }

    private FlagEvaluations copy(Map<String, FeatureFlags.Decision> kept) {
        Set<String> out = new HashSet<>(filteredOut);
        for (String k : records.keySet()) {
            if (!kept.containsKey(k)) {
                out.add(k);
            }
        }
        return new Evaluations(owner, distinctId, groups, disableGeoip, Collections.unmodifiableMap(kept), errors,
                Collections.unmodifiableSet(out));
    }

    /** @return the decided records, for attaching to a captured event */
    Map<String, FeatureFlags.Decision> records() {
        return records;
    }

    @Override
    public String toString() {
        Map<String, FlagValue> values = new LinkedHashMap<>();
        records.forEach((k, d) -> values.put(k, d.result().value()));
        return "FlagEvaluations[" + distinctId + ": " + values + "]";
    }
}
