package dev.afterhours.security;

import java.util.List;

/**
 * The three roles. {@code admin} changes the directory, SLA policies, rotations, API keys and replays dead letters;
 * {@code staff} acknowledges pages, writes notes, replies and corrections; {@code viewer} reads. Each includes the
 * ones below it, so an expression names the least role that may call an endpoint.
 */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String STAFF = "staff";
    public static final String VIEWER = "viewer";

    /** Every role, highest first. */
    public static final List<String> ALL = List.of(ADMIN, STAFF, VIEWER);

    /** For {@code @PreAuthorize}: the expressions endpoints use, spelled once. */
    public static final String IS_ADMIN = "hasRole('admin')";
    public static final String IS_STAFF = "hasRole('staff')";
    public static final String IS_VIEWER = "hasRole('viewer')";

    private Roles() {
    }

    /** The role and every role below it. */
    static List<String> included(String role) {
        int rank = ALL.indexOf(role);
        if (rank < 0) {
            throw new IllegalArgumentException("not a role: " + role);
        }
        return ALL.subList(rank, ALL.size());
    }
}
