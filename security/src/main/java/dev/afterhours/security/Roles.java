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

    /** API key scopes: an integration posts client messages; one allowed to, posts staff replies. */
    public static final String SCOPE_MESSAGES = "messages:write";
    public static final String SCOPE_REPLIES = "replies:write";

    /** For {@code @PreAuthorize}: the expressions endpoints use, spelled once. */
    public static final String IS_ADMIN = "hasRole('admin')";
    public static final String IS_STAFF = "hasRole('staff')";
    public static final String IS_VIEWER = "hasRole('viewer')";
    /** Staff, or an integration whose key may post messages or replies (which of the two, the endpoint checks). */
    public static final String MAY_POST_MESSAGES = "hasRole('staff') or hasAuthority('SCOPE_" + SCOPE_MESSAGES
            + "') or hasAuthority('SCOPE_" + SCOPE_REPLIES + "')";
    /** Staff (an admin is staff too), or an integration whose key may post staff replies. */
    public static final String MAY_POST_REPLIES = "hasRole('staff') or hasAuthority('SCOPE_" + SCOPE_REPLIES + "')";

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
