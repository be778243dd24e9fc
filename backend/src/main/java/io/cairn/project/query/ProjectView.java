package io.cairn.project.query;

import java.util.Map;

/** A project as the API shows it. Times are epoch milliseconds. */
public record ProjectView(String id, String name, String description, Map<String, String> tags, boolean archived,
                          String createdBy, long creationTime, long lastUpdateTime) {
}
