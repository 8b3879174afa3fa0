/**
 * Unknown identities, for admins: {@code /api/v1/admin/unresolved-identities} lists the addresses recent messages
 * came from that no client has, and attaches one to a client by adding it to the client's directory record.
 */
@NullMarked
package dev.afterhours.ingest.identity.web;

import org.jspecify.annotations.NullMarked;
