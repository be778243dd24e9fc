package io.cairn.mlflow.web;

import io.cairn.common.validation.Inputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow's {@code [{"key", "value"}]} lists as the maps Cairn's commands take. */
final class MlflowTags {

    private MlflowTags() {
    }

    /** Later entries of the same key win, as when MLflow sets the tags one after another. */
    static Map<String, String> toMap(List<WireRequest> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (WireRequest entry : entries) {
            String key = entry.requireString("key");
            String value = entry.optString("value");
            map.putAll(toMap(key, value == null ? "" : value, entry.name("key")));
        }
        return map;
    }

    static Map<String, String> toMap(String key, String value, String field) {
        Inputs.requireKey(field, key);
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
