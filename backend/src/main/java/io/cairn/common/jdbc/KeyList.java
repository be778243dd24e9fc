package io.cairn.common.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A list of keys as a derived table, {@code (VALUES (?), (?), ...) AS <alias>(<column>)}, to join a table on its
 * composite key. For {@code tenant_id = ? AND key IN (...)} H2 uses only the index's first column and reads
 * every row of the tenant; joined to such a list, H2 and PostgreSQL both look each key up in the index.
 */
public final class KeyList {

    private KeyList() {
    }

    /** The derived table for {@code size} keys (at least one), with one placeholder each. */
    public static String values(int size, String alias, String column) {
        return "(VALUES " + String.join(", ", Collections.nCopies(size, "(?)")) + ") AS " + alias + "(" + column + ")";
    }

    /** The statement's arguments: the keys (for the derived table, which comes first), then {@code after}. */
    public static List<Object> args(List<String> keys, Object... after) {
        List<Object> args = new ArrayList<>(keys);
        Collections.addAll(args, after);
        return args;
    }
}
