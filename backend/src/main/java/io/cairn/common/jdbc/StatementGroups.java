package io.cairn.common.jdbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements in the order they were queued, gathered into groups of the same SQL that can each run as one JDBC
 * batch without changing what the statements do. A statement on table T joins the latest group of its SQL only if
 * no later group touches T; otherwise it starts a new group, and groups run in order. So the statements on each
 * table run in the order they were queued, and only statements on different tables change places.
 *
 * <p>That holds while each statement writes the one table it names ({@code INSERT INTO}, {@code UPDATE},
 * {@code DELETE FROM}, {@code MERGE INTO}) and reads no other table that the queued statements write, and while no
 * foreign key or trigger ties the tables together. Not thread-safe: one unit of work's statements.
 */
final class StatementGroups {

    private static final Pattern TARGET = Pattern.compile(
            "^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+([A-Za-z_][A-Za-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    /** One JDBC batch: a statement's SQL and the arguments of each of its executions, in order. */
    record Group(String sql, String table, List<Object[]> rows) {
    }

    private final List<Group> groups = new ArrayList<>();
    private final Map<String, Integer> latestGroupOfSql = new HashMap<>();
    private final Map<String, Integer> latestGroupOfTable = new HashMap<>();

    /** The table a statement writes, from its SQL; fails for SQL of another form. */
    static String table(String sql) {
        Matcher matcher = TARGET.matcher(sql);
        if (!matcher.find()) {
            throw new IllegalArgumentException("Not an INSERT, UPDATE, DELETE or MERGE of a named table: " + sql);
        }
        return matcher.group(1).toLowerCase(Locale.ROOT);
    }

    void add(String sql, Object... args) {
        String table = table(sql);
        Integer latest = latestGroupOfSql.get(sql);
        if (latest != null && latest.equals(latestGroupOfTable.get(table))) {
            groups.get(latest).rows().add(args);
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(args);
        groups.add(new Group(sql, table, rows));
        int index = groups.size() - 1;
        latestGroupOfSql.put(sql, index);
        latestGroupOfTable.put(table, index);
    }

    /** The groups in the order they must run. */
    List<Group> groups() {
        return groups;
    }

    /** How many statements were queued. */
    int size() {
        return groups.stream().mapToInt(group -> group.rows().size()).sum();
    }
}
